"""audit entries: the shared object whose page lists them, and the pupil's home school and provider

Revision ID: 0023_audit_subjects
Revises: 0022_pupil_consents_reads
Create Date: 2026-12-04 08:10:00.000000

Existing entries get their own object as subject; network entries of pupil-bearing objects get the home
school and the provider of the object they describe (the rows still exist) so that the history shows them in
full only to those two (workspace/audit/privacy.py). The audit tables are append-only under forced row-level
security with no UPDATE policy: the owner lifts FORCE for the backfill and puts it back.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0023_audit_subjects'
down_revision = '0022_pupil_consents_reads'
branch_labels = None
depends_on = None

TABLES = (("institution_audit_entries", "institution_id"), ("network_audit_entries", "network_id"))

PUPIL_OWNERS = (
    ("Enrollment", "SELECT e.home_institution_id FROM enrollments e WHERE e.id = network_audit_entries.object_id",
     "SELECT p.provider_institution_id FROM enrollments e JOIN programmes p ON p.id = e.programme_id "
     "WHERE e.id = network_audit_entries.object_id"),
    ("EnrollmentRequest",
     "SELECT r.home_institution_id FROM enrollment_requests r WHERE r.id = network_audit_entries.object_id",
     "SELECT p.provider_institution_id FROM enrollment_requests r JOIN programmes p ON p.id = r.programme_id "
     "WHERE r.id = network_audit_entries.object_id"),
    ("Certificate", "SELECT c.home_institution_id FROM certificates c WHERE c.id = network_audit_entries.object_id",
     "SELECT c.provider_institution_id FROM certificates c WHERE c.id = network_audit_entries.object_id"),
)


# Children whose entries belong on their parent's page: (object type, table, parent column, parent type).
CHILDREN = (
    ("PlanSection", "plan_sections", "plan_id", "Plan"), ("PlanItem", "plan_items", "plan_id", "Plan"),
    ("EventReport", "event_reports", "item_id", "PlanItem"), ("EventFile", "event_files", "report_id", "EventReport"),
    ("AgreementParty", "agreement_parties", "agreement_id", "Agreement"),
    ("Obligation", "agreement_obligations", "agreement_id", "Agreement"),
    ("AgreementFile", "agreement_files", "agreement_id", "Agreement"),
    ("AgreementLink", "agreement_links", "agreement_id", "Agreement"),
    ("ProjectStage", "project_stages", "project_id", "Project"), ("ProjectTask", "project_tasks", "project_id", "Project"),
    ("ProjectIndicator", "project_indicators", "project_id", "Project"),
    ("ProjectDocument", "project_documents", "project_id", "Project"),
    ("ProjectComment", "project_comments", "project_id", "Project"),
    ("AgendaItem", "agenda_items", "meeting_id", "Meeting"), ("Vote", "votes", "agenda_item_id", "AgendaItem"),
    ("Decision", "decisions", "agenda_item_id", "AgendaItem"),
    ("MaterialFile", "material_files", "material_id", "Material"),
    ("DocumentVersion", "document_versions", "document_id", "NormativeDocument"),
    ("Conversation", "request_conversations", "need_id", "ResourceRequest"),
    ("SurveyQuestion", "survey_questions", "survey_id", "Survey"),
    ("MonitoringValue", "monitoring_values", "indicator_id", "MonitoringIndicator"),
    ("Group", "network_groups", "programme_id", "Programme"), ("ScheduleSlot", "schedule_slots", "group_id", "Group"),
    ("Lesson", "lessons", "group_id", "Group"), ("Certificate", "certificates", "group_id", "Group"),
    ("EnrollmentRequest", "enrollment_requests", "programme_id", "Programme"),
    ("Enrollment", "enrollments", "programme_id", "Programme"),
)


def upgrade():
    for table, owner in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('subject_type', sa.String(length=64), nullable=True))
            batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column('subject_label', sa.String(length=400), nullable=False, server_default=''))
            batch_op.add_column(sa.Column('pupil_home_institution_id', sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column('pupil_provider_institution_id', sa.Integer(), nullable=True))
            batch_op.create_index(f'ix_{table}_subject', [owner, 'subject_type', 'subject_id', 'id'], unique=False)
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    if postgres:
        bind.execute(sa.text("SELECT set_config('workspace.unscoped', 'on', true)"))
    for table, _owner in TABLES:
        if postgres:
            bind.execute(sa.text(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY'))
        bind.execute(sa.text(f"UPDATE {table} SET subject_type = object_type, subject_id = object_id"))
        if table == "network_audit_entries":
            for object_type, child_table, parent_column, parent_type in CHILDREN:
                parent = f"SELECT c.{parent_column} FROM {child_table} c WHERE c.id = {table}.object_id"
                bind.execute(sa.text(f"UPDATE {table} SET subject_type = :parent_type, subject_id = ({parent}) "
                                     f"WHERE object_type = :type AND EXISTS ({parent})"),
                             {"parent_type": parent_type, "type": object_type})
        if postgres:
            bind.execute(sa.text(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY'))
    if postgres:
        bind.execute(sa.text('ALTER TABLE "network_audit_entries" NO FORCE ROW LEVEL SECURITY'))
    for object_type, home, provider in PUPIL_OWNERS:
        bind.execute(sa.text(f"UPDATE network_audit_entries SET pupil_home_institution_id = ({home}), "
                             f"pupil_provider_institution_id = ({provider}) WHERE object_type = :type"),
                     {"type": object_type})
    if postgres:
        bind.execute(sa.text('ALTER TABLE "network_audit_entries" FORCE ROW LEVEL SECURITY'))


def downgrade():
    for table, _owner in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_subject')
            batch_op.drop_column('pupil_provider_institution_id')
            batch_op.drop_column('pupil_home_institution_id')
            batch_op.drop_column('subject_label')
            batch_op.drop_column('subject_id')
            batch_op.drop_column('subject_type')
