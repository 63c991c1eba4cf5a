"""Row-level security on PostgreSQL: the second wall behind the application's scoping.

Every tenant- or network-owned table has RLS enabled and forced, with a policy that compares its
owner column to transaction-local settings. The application sets them with
``set_config(..., true)`` inside the transaction that runs the query, never per connection, so a
pooled connection cannot carry one tenant's context into the next request. The application's
database role owns no table and cannot bypass RLS; migrations run as the owner.
"""
from __future__ import annotations

from flask import has_app_context, has_request_context
from flask_login import current_user
from sqlalchemy import event, text
from sqlalchemy.orm import Session

SETTING_FUNCTIONS = """
CREATE OR REPLACE FUNCTION workspace_institution() RETURNS integer LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('workspace.institution_id', true), '')::integer $$;
CREATE OR REPLACE FUNCTION workspace_networks() RETURNS integer[] LANGUAGE sql STABLE AS
  $$ SELECT COALESCE(string_to_array(NULLIF(current_setting('workspace.network_ids', true), ''), ',')::integer[],
                     '{}'::integer[]) $$;
CREATE OR REPLACE FUNCTION workspace_unscoped() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT COALESCE(current_setting('workspace.unscoped', true), '') = 'on' $$;
"""

APPEND_ONLY_TABLES = ("institution_audit_entries", "network_audit_entries", "pupil_reads")


def _condition(owner_column: str) -> str:
    """The policy's test. The settings are read through scalar subqueries: PostgreSQL evaluates them
    once per statement (an InitPlan) instead of once per row."""
    if owner_column == "institution_id":
        return "(SELECT workspace_unscoped()) OR institution_id = (SELECT workspace_institution())"
    if owner_column == "network_id":
        return "(SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])"
    raise ValueError(owner_column)


def enable_rls_sql(table: str, owner_column: str) -> str:
    """SQL a migration runs for a new owned table (owner_column: institution_id or network_id)."""
    condition = _condition(owner_column)
    return (
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;\n'
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY;\n'
        f'DROP POLICY IF EXISTS owner_isolation ON "{table}";\n'
        f'CREATE POLICY owner_isolation ON "{table}" USING ({condition}) WITH CHECK ({condition});\n'
    )


def append_only_rls_sql(table: str, owner_column: str) -> str:
    """An audit table: anyone may append (the change it records was authorised by the app);
    reading follows the owner, as for every owned table; UPDATE and DELETE are not granted."""
    condition = _condition(owner_column)
    return (
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;\n'
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY;\n'
        f'DROP POLICY IF EXISTS owner_read ON "{table}";\n'
        f'DROP POLICY IF EXISTS append ON "{table}";\n'
        f'CREATE POLICY owner_read ON "{table}" FOR SELECT USING ({condition});\n'
        f'CREATE POLICY append ON "{table}" FOR INSERT WITH CHECK (true);\n'
    )


def grant_sql(role: str) -> list[str]:
    """Privileges of the application's role: data only, the audit log append-only, nothing owned."""
    quoted = '"' + role.replace('"', '""') + '"'
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        f"GRANT EXECUTE ON FUNCTION workspace_institution(), workspace_networks(), workspace_unscoped() TO {quoted}",
        f"REVOKE ALL ON TABLE alembic_version FROM {quoted}",
        f"GRANT SELECT ON TABLE alembic_version TO {quoted}",
    ]
    for table in APPEND_ONLY_TABLES:
        statements.append(f'REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "{table}" FROM {quoted}')
    # The one sanctioned change to the audit log: a pupil's erasure (migration 0022, workspace.audit.erasure).
    statements.append(f"GRANT EXECUTE ON FUNCTION workspace_depersonalise_audit(integer, text, integer[]) TO {quoted}")
    return statements


def create_role_sql(role: str, password: str | None) -> str:
    quoted = '"' + role.replace('"', '""') + '"'
    secret = "" if password is None else " PASSWORD '" + password.replace("'", "''") + "'"
    return (f"CREATE ROLE {quoted} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"
            f" NOINHERIT{secret}")


def _context(scope, unscoped: bool) -> tuple[str, str, str, str]:
    institution = "" if scope is None or scope.institution_id is None else str(scope.institution_id)
    networks = "" if scope is None or scope.network_ids is None else ",".join(map(str, sorted(scope.network_ids)))
    user = ""
    if has_request_context() and current_user and current_user.is_authenticated:
        user = str(current_user.id)
    return institution, networks, user, "on" if unscoped else ""


def apply_context(session: Session, scope, unscoped: bool) -> None:
    """Set the transaction-local RLS context if this transaction does not have it yet."""
    if not has_app_context():
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    wanted = _context(scope, unscoped)
    transaction = session.get_transaction()
    given = session.info.get("rls_context")
    # The transaction object itself, not its id(): once a transaction ends, Python may place the next one at
    # the same address, and that new transaction has no context yet.
    if given is not None and given[0] is transaction and given[1] == wanted:
        return
    connection.execute(
        text("SELECT set_config('workspace.institution_id', :institution, true),"
             " set_config('workspace.network_ids', :networks, true),"
             " set_config('workspace.user_id', :user, true),"
             " set_config('workspace.unscoped', :unscoped, true)"),
        {"institution": wanted[0], "networks": wanted[1], "user": wanted[2], "unscoped": wanted[3]},
    )
    session.info["rls_context"] = (transaction, wanted)


@event.listens_for(Session, "after_soft_rollback")
def _forget_context(session: Session, _previous_transaction) -> None:
    """A rollback, of a savepoint too, undoes the set_config calls made inside it: give the context again."""
    session.info.pop("rls_context", None)


def create_role_and_grant(engine, role: str, password: str | None = None) -> None:
    """Idempotent: create the application's role if it does not exist, then (re)grant."""
    with engine.begin() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
        if not exists:
            connection.execute(text(create_role_sql(role, password)))
        database = connection.execute(text("SELECT current_database()")).scalar()
        quoted = '"' + role.replace('"', '""') + '"'
        connection.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {quoted}'))
        for statement in grant_sql(role):
            connection.execute(text(statement))
