"""indexes for the newest-first reads of notes and history; row-level-security policies that read
their settings once per statement

Revision ID: 0010_owner_indexes_and_policies
Revises: 0009_plan_item_people
"""
from alembic import op

# Row-level security on PostgreSQL: the SQL the RLS helper of tenants/ produced for this migration when it was
# written (commit ad74b73), as fixed text: a migration must not change when the helper does.
RLS_SQL = (
    """\
ALTER TABLE "notes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notes" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "notes";
CREATE POLICY owner_isolation ON "notes" USING ((SELECT workspace_unscoped()) OR institution_id = (SELECT workspace_institution())) WITH CHECK ((SELECT workspace_unscoped()) OR institution_id = (SELECT workspace_institution()));
""",
    """\
ALTER TABLE "seats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "seats" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "seats";
CREATE POLICY owner_isolation ON "seats" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "plans" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "plans" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "plans";
CREATE POLICY owner_isolation ON "plans" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "plan_sections" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "plan_sections" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "plan_sections";
CREATE POLICY owner_isolation ON "plan_sections" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "plan_items" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "plan_items" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "plan_items";
CREATE POLICY owner_isolation ON "plan_items" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "plan_item_institutions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "plan_item_institutions" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "plan_item_institutions";
CREATE POLICY owner_isolation ON "plan_item_institutions" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "plan_item_people" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "plan_item_people" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "plan_item_people";
CREATE POLICY owner_isolation ON "plan_item_people" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "plan_imports" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "plan_imports" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "plan_imports";
CREATE POLICY owner_isolation ON "plan_imports" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "event_reports" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "event_reports" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "event_reports";
CREATE POLICY owner_isolation ON "event_reports" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "event_participations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "event_participations" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "event_participations";
CREATE POLICY owner_isolation ON "event_participations" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "event_files" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "event_files" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "event_files";
CREATE POLICY owner_isolation ON "event_files" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "council_rules" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "council_rules" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "council_rules";
CREATE POLICY owner_isolation ON "council_rules" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "approvals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "approvals" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "approvals";
CREATE POLICY owner_isolation ON "approvals" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "meetings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "meetings" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "meetings";
CREATE POLICY owner_isolation ON "meetings" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "agenda_items" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "agenda_items" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "agenda_items";
CREATE POLICY owner_isolation ON "agenda_items" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "meeting_attendances" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "meeting_attendances" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "meeting_attendances";
CREATE POLICY owner_isolation ON "meeting_attendances" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "votes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "votes" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "votes";
CREATE POLICY owner_isolation ON "votes" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "decisions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "decisions" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "decisions";
CREATE POLICY owner_isolation ON "decisions" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "institution_audit_entries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "institution_audit_entries" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_read ON "institution_audit_entries";
DROP POLICY IF EXISTS append ON "institution_audit_entries";
CREATE POLICY owner_read ON "institution_audit_entries" FOR SELECT USING ((SELECT workspace_unscoped()) OR institution_id = (SELECT workspace_institution()));
CREATE POLICY append ON "institution_audit_entries" FOR INSERT WITH CHECK (true);
""",
    """\
ALTER TABLE "network_audit_entries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "network_audit_entries" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_read ON "network_audit_entries";
DROP POLICY IF EXISTS append ON "network_audit_entries";
CREATE POLICY owner_read ON "network_audit_entries" FOR SELECT USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
CREATE POLICY append ON "network_audit_entries" FOR INSERT WITH CHECK (true);
""",
)

revision = '0010_owner_indexes_and_policies'
down_revision = '0009_plan_item_people'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_notes_institution_id_created_at", "notes", ["institution_id", "created_at"])
    op.create_index("ix_institution_audit_entries_owner_id", "institution_audit_entries", ["institution_id", "id"])
    op.create_index("ix_network_audit_entries_owner_id", "network_audit_entries", ["network_id", "id"])
    if op.get_bind().dialect.name == "postgresql":
        for statement in RLS_SQL:
            op.execute(statement)


def downgrade():
    op.drop_index("ix_network_audit_entries_owner_id", "network_audit_entries")
    op.drop_index("ix_institution_audit_entries_owner_id", "institution_audit_entries")
    op.drop_index("ix_notes_institution_id_created_at", "notes")
