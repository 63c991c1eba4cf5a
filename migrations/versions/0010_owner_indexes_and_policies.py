"""indexes for the newest-first reads of notes and history; row-level-security policies that read
their settings once per statement

Revision ID: 0010_owner_indexes_and_policies
Revises: 0009_plan_item_people
"""
from alembic import op

from tenants.rls import append_only_rls_sql, enable_rls_sql

revision = '0010_owner_indexes_and_policies'
down_revision = '0009_plan_item_people'
branch_labels = None
depends_on = None

INSTITUTION_OWNED = ("notes",)
NETWORK_OWNED = ("seats", "plans", "plan_sections", "plan_items", "plan_item_institutions", "plan_item_people",
                 "plan_imports", "event_reports", "event_participations", "event_files", "council_rules",
                 "approvals", "meetings", "agenda_items", "meeting_attendances", "votes", "decisions")
APPEND_ONLY = {"institution_audit_entries": "institution_id", "network_audit_entries": "network_id"}


def upgrade():
    op.create_index("ix_notes_institution_id_created_at", "notes", ["institution_id", "created_at"])
    op.create_index("ix_institution_audit_entries_owner_id", "institution_audit_entries", ["institution_id", "id"])
    op.create_index("ix_network_audit_entries_owner_id", "network_audit_entries", ["network_id", "id"])
    if op.get_bind().dialect.name == "postgresql":
        for table in INSTITUTION_OWNED:
            op.execute(enable_rls_sql(table, "institution_id"))
        for table in NETWORK_OWNED:
            op.execute(enable_rls_sql(table, "network_id"))
        for table, column in APPEND_ONLY.items():
            op.execute(append_only_rls_sql(table, column))


def downgrade():
    op.drop_index("ix_network_audit_entries_owner_id", "network_audit_entries")
    op.drop_index("ix_institution_audit_entries_owner_id", "institution_audit_entries")
    op.drop_index("ix_notes_institution_id_created_at", "notes")
