"""PostgreSQL row-level security: read from the catalog, and proven with the app's scoping off."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tenants.rls import apply_context
from tenants.scoping import InstitutionOwned, NetworkOwned, Scope, unscoped
from workspace.desk.models import Note
from workspace.extensions import db

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres(app):
    # Marked `postgres`: collected only by the PostgreSQL run (TEST_DATABASE_URL), see conftest.
    assert app.extensions["test_connection"].dialect.name == "postgresql"
    return app


def _owned_tables() -> dict[str, str]:
    tables = {}
    for mapper in db.Model.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, InstitutionOwned):
            tables[mapper.local_table.name] = "institution_id"
        elif issubclass(cls, NetworkOwned):
            tables[mapper.local_table.name] = "network_id"
    return tables


def test_every_owned_table_has_forced_rls_and_a_policy(postgres):
    with postgres.app_context():
        owned = _owned_tables()
        assert {"notes", "seats", "institution_audit_entries", "network_audit_entries"} <= set(owned)
        rows = db.session.execute(text(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,"
            " (SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname) AS policies"
            " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind = 'r'")).all()
        catalog = {row.relname: row for row in rows}
        for table in owned:
            row = catalog[table]
            assert row.relrowsecurity and row.relforcerowsecurity, f"{table}: RLS not enabled and forced"
            assert row.policies > 0, f"{table}: no policy"


def test_the_application_role_cannot_bypass_and_owns_nothing(postgres):
    with postgres.app_context():
        role = db.session.execute(text(
            "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")).one()
        assert not role.rolsuper and not role.rolbypassrls
        owned = db.session.scalar(text(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = current_user"))
        assert owned == 0
        for table in ("institution_audit_entries", "network_audit_entries"):
            assert not db.session.scalar(text(f"SELECT has_table_privilege('{table}', 'UPDATE')"))
            assert not db.session.scalar(text(f"SELECT has_table_privilege('{table}', 'DELETE')"))


def test_database_alone_returns_nothing_foreign(postgres, make):
    one = make.institution("Школа 1", slug="rls-one")
    two = make.institution("Школа 2", slug="rls-two")
    net_one = make.network(one, slug="rls-net-one")
    net_two = make.network(two, slug="rls-net-two")
    make.note(one, "заметка первой")
    make.note(two, "заметка второй")
    make.seat(net_one, make.user(one, "admin"), "chair")
    make.seat(net_two, make.user(two, "admin"), "chair")
    with postgres.app_context():
        session = db.session()
        # Raw SQL: the application's scoping hook is not involved, only the database decides.
        apply_context(session, Scope(institution_id=one.id, network_ids=frozenset({net_one.id})), unscoped=False)
        assert session.scalars(text("SELECT body FROM notes")).all() == ["заметка первой"]
        assert session.scalars(text("SELECT network_id FROM seats")).all() == [net_one.id]
        assert session.scalar(text("SELECT count(*) FROM network_audit_entries WHERE network_id = :n"),
                              {"n": net_two.id}) == 0
        # No context at all: fail closed.
        session.execute(text("SELECT set_config('workspace.institution_id', '', true),"
                             " set_config('workspace.network_ids', '', true),"
                             " set_config('workspace.unscoped', '', true)"))
        assert session.scalar(text("SELECT count(*) FROM notes")) == 0
        assert session.scalar(text("SELECT count(*) FROM seats")) == 0
        session.rollback()


def test_database_refuses_a_foreign_write(postgres, make):
    one = make.institution("Школа 1", slug="rls-w-one")
    two = make.institution("Школа 2", slug="rls-w-two")
    make.network(one, slug="rls-w-net")
    with postgres.app_context():
        session = db.session()
        apply_context(session, Scope(institution_id=one.id, network_ids=frozenset()), unscoped=False)
        with pytest.raises(DBAPIError, match="row-level security"):
            session.execute(text("INSERT INTO notes (institution_id, body, created_at) VALUES (:i, 'подброс', now())"),
                            {"i": two.id})
        session.rollback()


def test_context_is_transaction_local_and_does_not_ride_a_pooled_connection(postgres, make):
    one = make.institution("Школа 1", slug="rls-t-one")
    with postgres.app_context():
        engine = db.engine
        with Session(engine) as session:  # a real transaction on a pooled connection, committed
            apply_context(session, Scope(institution_id=one.id, network_ids=frozenset()), unscoped=False)
            assert session.scalar(text("SELECT current_setting('workspace.institution_id', true)")) == str(one.id)
            connection_id = session.scalar(text("SELECT pg_backend_pid()"))
            session.commit()
            again = session.scalar(text("SELECT pg_backend_pid()"))
            assert again == connection_id  # the same pooled connection…
            assert session.scalar(text("SELECT current_setting('workspace.institution_id', true)")) in ("", None)


def test_a_new_transaction_gets_the_context_again_after_a_rollback_or_a_commit(postgres, make, count_queries):
    """The context is transaction-local: after a rollback (here: of the test's savepoint, which undoes the
    set_config) or a real commit, the next statement's transaction must be given it again, even when Python
    places the new transaction object where the old one was (the same id())."""
    make.note(make.institution("Школа 1", slug="rls-r-one"), "заметка")
    with postgres.app_context(), unscoped():
        for _ in range(30):
            with count_queries() as statements:
                assert db.session.scalars(select(Note.body)).all() == ["заметка"]
            assert "set_config" in statements[0] and len(statements) == 2
            db.session.rollback()
        with Session(db.engine) as session:  # a connection of its own: real commits
            for _ in range(30):
                session.scalars(select(Note.id)).all()
                assert session.scalar(text("SELECT current_setting('workspace.unscoped', true)")) == "on"
                session.commit()
