"""row-level security on PostgreSQL for every tenant- and network-owned table

Revision ID: 0003_row_level_security
Revises: 0002_audit_trail
"""
from alembic import op

# Row-level security on PostgreSQL: the SQL the RLS helper of tenants/ produced for this migration when it was
# written (commit 4488818), as fixed text: a migration must not change when the helper does.
SETTING_FUNCTIONS = """
CREATE OR REPLACE FUNCTION workspace_institution() RETURNS integer LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('workspace.institution_id', true), '')::integer $$;
CREATE OR REPLACE FUNCTION workspace_networks() RETURNS integer[] LANGUAGE sql STABLE AS
  $$ SELECT COALESCE(string_to_array(NULLIF(current_setting('workspace.network_ids', true), ''), ',')::integer[],
                     '{}'::integer[]) $$;
CREATE OR REPLACE FUNCTION workspace_unscoped() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT COALESCE(current_setting('workspace.unscoped', true), '') = 'on' $$;
"""

RLS_SQL = (
    """\
ALTER TABLE "notes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notes" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "notes";
CREATE POLICY owner_isolation ON "notes" USING (workspace_unscoped() OR institution_id = workspace_institution()) WITH CHECK (workspace_unscoped() OR institution_id = workspace_institution());
""",
    """\
ALTER TABLE "seats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "seats" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "seats";
CREATE POLICY owner_isolation ON "seats" USING (workspace_unscoped() OR network_id = ANY (workspace_networks())) WITH CHECK (workspace_unscoped() OR network_id = ANY (workspace_networks()));
""",
    """\
ALTER TABLE "institution_audit_entries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "institution_audit_entries" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_read ON "institution_audit_entries";
DROP POLICY IF EXISTS append ON "institution_audit_entries";
CREATE POLICY owner_read ON "institution_audit_entries" FOR SELECT USING (workspace_unscoped() OR institution_id = workspace_institution());
CREATE POLICY append ON "institution_audit_entries" FOR INSERT WITH CHECK (true);
""",
    """\
ALTER TABLE "network_audit_entries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "network_audit_entries" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_read ON "network_audit_entries";
DROP POLICY IF EXISTS append ON "network_audit_entries";
CREATE POLICY owner_read ON "network_audit_entries" FOR SELECT USING (workspace_unscoped() OR network_id = ANY (workspace_networks()));
CREATE POLICY append ON "network_audit_entries" FOR INSERT WITH CHECK (true);
""",
)

revision = '0003_row_level_security'
down_revision = '0002_audit_trail'
branch_labels = None
depends_on = None

OWNED = {"notes": "institution_id", "seats": "network_id"}
APPEND_ONLY = {"institution_audit_entries": "institution_id", "network_audit_entries": "network_id"}


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(SETTING_FUNCTIONS)
    for statement in RLS_SQL:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in (*OWNED, *APPEND_ONLY):
        op.execute(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
        op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
        for policy in ("owner_isolation", "owner_read", "append"):
            op.execute(f'DROP POLICY IF EXISTS {policy} ON "{table}"')
    op.execute("DROP FUNCTION IF EXISTS workspace_institution(), workspace_networks(), workspace_unscoped()")
