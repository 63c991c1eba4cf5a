"""The scoping hook: scoped reads, raising when unscoped, guarded writes."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tenants.models import Seat
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
    make.seat(net_one, make.user(one, "admin"), "chair")
    make.seat(net_two, make.user(two, "admin"), "chair")
    return one, two, net_one, net_two


def test_unscoped_select_raises(app, two_schools):
    with app.app_context():
        with pytest.raises(UnscopedQueryError):
            db.session.scalars(select(Note)).all()
        with pytest.raises(UnscopedQueryError):
            db.session.scalar(select(func.count()).select_from(Seat))


def test_scope_filters_rows_counts_and_joins(app, two_schools):
    one, two, net_one, _net_two = two_schools
    with app.app_context():
        set_scope(institution_id=one.id, network_ids=[net_one.id])
        assert [n.body for n in db.session.scalars(select(Note))] == ["первая"]
        assert db.session.scalar(select(func.count()).select_from(Note)) == 1
        assert db.session.scalar(select(func.count()).select_from(Seat)) == 1
        joined = db.session.execute(select(Note.body, Seat.id).join(Seat, Seat.id > 0)).all()
        assert {row.body for row in joined} == {"первая"}
        assert db.session.scalar(select(Note).where(Note.institution_id == two.id)) is None


def test_one_statement_object_run_in_two_scopes_answers_each_its_own(app, two_schools):
    """A statement built once and run on every request (the search's, the desk's) keeps its criteria between
    executions; the scope's values come with each execution, so one scope's rows never answer another."""
    one, two, net_one, net_two = two_schools
    notes, seats = select(Note.body), select(func.count()).select_from(Seat).where(Seat.id > 0)
    with app.app_context():
        for institution, network, body in ((one, net_one, "первая"), (two, net_two, "вторая"),
                                           (one, net_one, "первая")):
            set_scope(institution_id=institution.id, network_ids=[network.id])
            assert db.session.scalars(notes).all() == [body]
            assert db.session.scalar(seats) == 1
        set_scope(institution_id=one.id, network_ids=[net_one.id, net_two.id])
        assert db.session.scalar(seats) == 2
        set_scope(institution_id=None, network_ids=[])
        assert db.session.scalar(seats) == 0
        with pytest.raises(UnscopedQueryError):
            set_scope(institution_id=None, network_ids=None)
            db.session.scalars(notes).all()


def test_institution_scope_without_networks_still_raises_for_network_models(app, two_schools):
    one, *_ = two_schools
    with app.app_context():
        set_scope(institution_id=one.id, network_ids=None)
        with pytest.raises(UnscopedQueryError):
            db.session.scalars(select(Seat)).all()


def test_empty_network_scope_returns_nothing(app, two_schools):
    with app.app_context():
        set_scope(institution_id=None, network_ids=[])
        assert db.session.scalars(select(Seat)).all() == []


def test_new_rows_are_stamped_and_foreign_writes_refused(app, two_schools):
    one, two, net_one, net_two = two_schools
    with app.app_context():
        set_scope(institution_id=one.id, network_ids=[net_one.id])
        note = Note(body="новая")
        db.session.add(note)
        db.session.flush()
        assert note.institution_id == one.id
        db.session.add(Note(body="подброшенная", institution_id=two.id))
        with pytest.raises(UnscopedQueryError):
            db.session.flush()
        db.session.rollback()


def test_foreign_row_cannot_be_changed_even_if_loaded_elsewhere(app, two_schools):
    one, two, net_one, _ = two_schools
    with app.app_context():
        with unscoped():
            foreign = db.session.scalar(select(Note).where(Note.institution_id == two.id))
        set_scope(institution_id=one.id, network_ids=[net_one.id])
        foreign.body = "изменено чужим"
        with pytest.raises(UnscopedQueryError):
            db.session.flush()
        db.session.rollback()


def test_unscoped_is_explicit_and_sees_everything(app, two_schools):
    with app.app_context(), unscoped():
        assert db.session.scalar(select(func.count()).select_from(Note)) == 2


def test_bulk_update_and_delete_are_scoped_too(app, two_schools):
    from sqlalchemy import delete, update
    one, two, net_one, _ = two_schools
    with app.app_context():
        set_scope(institution_id=one.id, network_ids=[net_one.id])
        db.session.execute(update(Note).values(body="переписано"))
        db.session.execute(delete(Seat))
        with unscoped():
            bodies = dict(db.session.execute(select(Note.institution_id, Note.body)).all())
            seats = db.session.scalar(select(func.count()).select_from(Seat))
        db.session.rollback()
    assert bodies == {one.id: "переписано", two.id: "вторая"}
    assert seats == 1
    with app.app_context():
        with pytest.raises(UnscopedQueryError):
            db.session.execute(delete(Note))
        db.session.rollback()
