"""INSERT and UPDATE statements run through the session skip the flush: the scoping hook checks them itself.

The journal's mark upsert and the public survey's answers are such statements; on PostgreSQL row-level
security refuses a foreign owner too, but the hook refuses it first, on SQLite as well."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from tenants.models import Seat, SeatRole
from tenants.scoping import UnscopedQueryError, set_scope, unscoped
from workspace.desk.models import Note
from workspace.extensions import db


@pytest.fixture
def two_schools(make):
    one = make.institution("Школа 1", slug="one")
    two = make.institution("Школа 2", slug="two")
    net_one = make.network(one, slug="net-one")
    net_two = make.network(two, slug="net-two")
    make.note(one, "первая")
    make.note(two, "вторая")
    return one, two, net_one, net_two, make.user(one, "admin"), make.user(two, "admin")


def _upsert():
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert


def _bodies() -> set[str]:
    with unscoped():
        return set(db.session.scalars(select(Note.body)))


def test_insert_with_no_scope_raises(app, two_schools):
    one, *_ = two_schools
    with app.app_context():
        with pytest.raises(UnscopedQueryError):
            db.session.execute(insert(Note).values(institution_id=one.id, body="без области"))
        with pytest.raises(UnscopedQueryError):
            db.session.execute(insert(Note), [{"institution_id": one.id, "body": "без области"}])
        assert "без области" not in _bodies()


def test_insert_of_own_institution_passes(app, two_schools):
    one, _two, net_one, *_ = two_schools
    with app.app_context():
        set_scope(institution_id=one.id, network_ids=[net_one.id])
        db.session.execute(insert(Note).values(institution_id=one.id, body="своя"))
        db.session.execute(insert(Note), [{"institution_id": one.id, "body": "своя 2"},
                                          {"institution_id": one.id, "body": "своя 3"}])
        assert {"своя", "своя 2", "своя 3"} <= _bodies()


@pytest.mark.parametrize("how", ["values", "executemany", "multi-values", "core table"])
def test_insert_for_a_foreign_institution_is_refused(app, two_schools, how):
    one, two, net_one, *_ = two_schools
    with app.app_context():
        set_scope(institution_id=one.id, network_ids=[net_one.id])
        rows = [{"institution_id": one.id, "body": "своя"}, {"institution_id": two.id, "body": "подброшенная"}]
        with pytest.raises(UnscopedQueryError, match="another institution"):
            if how == "values":
                db.session.execute(insert(Note).values(**rows[1]))
            elif how == "executemany":
                db.session.execute(insert(Note), rows)
            elif how == "multi-values":
                db.session.execute(insert(Note).values(rows))
            else:
                db.session.execute(insert(Note.__table__), rows)
        db.session.rollback()
        assert "подброшенная" not in _bodies()


def test_insert_without_its_owner_is_refused(app, two_schools):
    one, _two, net_one, *_ = two_schools
    with app.app_context():
        set_scope(institution_id=one.id, network_ids=[net_one.id])
        with pytest.raises(UnscopedQueryError, match="without its institution"):
            db.session.execute(insert(Note).values(body="ничья"))


def test_insert_for_a_foreign_network_is_refused(app, two_schools):
    one, _two, net_one, net_two, admin_one, admin_two = two_schools
    with app.app_context():
        set_scope(institution_id=one.id, network_ids=[net_one.id])
        db.session.execute(insert(Seat).values(network_id=net_one.id, user_id=admin_one.id, role=SeatRole.MEMBER,
                                               represents=""))
        with pytest.raises(UnscopedQueryError, match="another network"):
            db.session.execute(insert(Seat), [{"network_id": net_two.id, "user_id": admin_two.id,
                                               "role": SeatRole.MEMBER, "represents": ""}])
        db.session.rollback()
        with unscoped():
            assert db.session.scalar(select(Seat.id).where(Seat.network_id == net_two.id)) is None


def test_upsert_may_not_hand_a_row_to_another_owner(app, two_schools):
    one, two, net_one, *_ = two_schools
    with app.app_context():
        set_scope(institution_id=one.id, network_ids=[net_one.id])
        own = db.session.scalar(select(Note).where(Note.body == "первая"))
        upsert = _upsert()
        statement = upsert(Note).values(id=own.id, institution_id=one.id, body="первая")
        db.session.execute(statement.on_conflict_do_update(index_elements=[Note.id], set_={"body": "обновлена"}))
        with pytest.raises(UnscopedQueryError, match="another institution"):
            db.session.execute(statement.on_conflict_do_update(index_elements=[Note.id],
                                                               set_={"institution_id": two.id}))
        with pytest.raises(UnscopedQueryError, match="another institution"):
            db.session.execute(upsert(Note).values(id=own.id, institution_id=two.id, body="x")
                               .on_conflict_do_nothing(index_elements=[Note.id]))


def test_update_may_not_move_a_row_to_another_owner(app, two_schools):
    one, two, net_one, *_ = two_schools
    with app.app_context():
        set_scope(institution_id=one.id, network_ids=[net_one.id])
        with pytest.raises(UnscopedQueryError, match="another institution"):
            db.session.execute(update(Note).where(Note.body == "первая").values(institution_id=two.id))
        db.session.rollback()
        # an UPDATE within the scope still passes, and reaches only the scope's rows
        db.session.execute(update(Note).values(body="переписана"))
        assert _bodies() == {"переписана", "вторая"}


def test_unscoped_insert_passes(app, two_schools):
    _one, two, *_ = two_schools
    with app.app_context(), unscoped():
        db.session.execute(insert(Note).values(institution_id=two.id, body="из консоли"))
        assert "из консоли" in _bodies()


def test_workspace_enters_tenancy_only_through_tenants():
    """Scopes are set only in tenants/ (tenants.entry names the ways in that the URL resolution does not cover)."""
    root = Path(__file__).resolve().parents[2] / "workspace"
    setters = [str(path.relative_to(root)) for path in root.rglob("*.py") if "set_scope" in path.read_text("utf-8")]
    assert setters == []
