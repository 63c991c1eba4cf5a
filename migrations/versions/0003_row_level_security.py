"""row-level security on PostgreSQL for every tenant- and network-owned table

Revision ID: 0003_row_level_security
Revises: 0002_audit_trail
"""
from alembic import op

from tenants.rls import SETTING_FUNCTIONS, append_only_rls_sql, enable_rls_sql

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
    for table, column in OWNED.items():
        op.execute(enable_rls_sql(table, column))
    for table, column in APPEND_ONLY.items():
        op.execute(append_only_rls_sql(table, column))


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in (*OWNED, *APPEND_ONLY):
        op.execute(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
        op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
        for policy in ("owner_isolation", "owner_read", "append"):
            op.execute(f'DROP POLICY IF EXISTS {policy} ON "{table}"')
    op.execute("DROP FUNCTION IF EXISTS workspace_institution(), workspace_networks(), workspace_unscoped()")
