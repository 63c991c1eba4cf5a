"""pupil consents, reads of pupils by other institutions, depersonalised pupils; the audit erasure function

Revision ID: 0022_pupil_consents_reads
Revises: 0021_plan_item_status_dates
Create Date: 2026-12-04 07:29:16.807090

Consents are backfilled from the applications that carried one (has_consent) and were matched to a pupil,
so that pupils already in the flow keep being processable.

PostgreSQL: the SQL below is the fixed text the RLS helper of tenants/ produced at the time (a migration must not change
when the helper does). ``pupil_reads`` is append-only like the audit tables, and only in the reader's own
name. The audit log stays append-only for the application's role (no UPDATE grant, no UPDATE policy); the
one sanctioned exception, erasing a pupil's personal data (152-ФЗ), goes through
``workspace_depersonalise_audit``: a SECURITY DEFINER function that can only replace the label and the
changes of the entries about given objects of a few kinds by a fixed placeholder, and only within the
caller's own scope (its institution, its networks). That is narrower than a column grant of
UPDATE(object_label, changes), which would let the role write any text into any visible entry.
"""
from alembic import op
import sqlalchemy as sa

CONSENTS_RLS = """
ALTER TABLE "pupil_consents" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pupil_consents" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "pupil_consents";
CREATE POLICY owner_isolation ON "pupil_consents" USING ((SELECT workspace_unscoped()) OR institution_id = (SELECT workspace_institution())) WITH CHECK ((SELECT workspace_unscoped()) OR institution_id = (SELECT workspace_institution()));
"""

# Read by the owner (the pupil's school); appended by anyone, but only as a read by its own institution.
READS_RLS = """
ALTER TABLE "pupil_reads" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pupil_reads" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_read ON "pupil_reads";
DROP POLICY IF EXISTS append ON "pupil_reads";
CREATE POLICY owner_read ON "pupil_reads" FOR SELECT USING ((SELECT workspace_unscoped()) OR institution_id = (SELECT workspace_institution()));
CREATE POLICY append ON "pupil_reads" FOR INSERT WITH CHECK ((SELECT workspace_unscoped()) OR reader_institution_id = (SELECT workspace_institution()));
"""

# Runs as the owner of the tables (SECURITY DEFINER). Tables of institution entries: Pupil, Application,
# PupilConsent; of network entries: Enrollment, Certificate. The placeholder is the one
# workspace.pupils.erasure.placeholder() writes on SQLite.
ERASE_FUNCTION = """
CREATE OR REPLACE FUNCTION workspace_depersonalise_audit(p_pupil_id integer, p_object_type text,
                                                         p_object_ids integer[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  changed integer;
  label text := 'Обучающийся удалён (№ ' || p_pupil_id || ')';
BEGIN
  IF p_object_type IN ('Pupil', 'Application', 'PupilConsent') THEN
    UPDATE institution_audit_entries SET object_label = label, changes = '{"depersonalised": [null, true]}'::json
     WHERE object_type = p_object_type AND object_id = ANY (p_object_ids)
       AND (workspace_unscoped() OR institution_id = workspace_institution());
  ELSIF p_object_type IN ('Enrollment', 'Certificate') THEN
    UPDATE network_audit_entries SET object_label = label, changes = '{"depersonalised": [null, true]}'::json
     WHERE object_type = p_object_type AND object_id = ANY (p_object_ids)
       AND (workspace_unscoped() OR network_id = ANY (workspace_networks()));
  ELSE
    RAISE EXCEPTION 'workspace_depersonalise_audit: % is not a kind of pupil data', p_object_type;
  END IF;
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END $$;
REVOKE ALL ON FUNCTION workspace_depersonalise_audit(integer, text, integer[]) FROM PUBLIC;
"""

# FORCE ROW LEVEL SECURITY holds the owner to the policies too, and the audit tables have no UPDATE policy:
# this one lets the owner (whom the function above runs as) update; the application's role has no UPDATE grant.
ERASE_POLICIES = """
DO $$ BEGIN
  EXECUTE format('DROP POLICY IF EXISTS erasure ON institution_audit_entries');
  EXECUTE format('CREATE POLICY erasure ON institution_audit_entries FOR UPDATE TO %I USING (true) WITH CHECK (true)', current_user);
  EXECUTE format('DROP POLICY IF EXISTS erasure ON network_audit_entries');
  EXECUTE format('CREATE POLICY erasure ON network_audit_entries FOR UPDATE TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
"""

BACKFILL = """
INSERT INTO pupil_consents (institution_id, pupil_id, purpose, purpose_note, given_by, given_on, document,
                            application_id, withdrawn_by, withdrawal_note, version, created_at)
SELECT institution_id, pupil_id, 'processing', '', parent_name, submitted_on,
       'Заявление родителя № ' || id, id, '', '', 1, CURRENT_TIMESTAMP
  FROM applications WHERE has_consent AND pupil_id IS NOT NULL AND status <> 'rejected'
"""


# revision identifiers, used by Alembic.
revision = '0022_pupil_consents_reads'
down_revision = '0021_plan_item_status_dates'
branch_labels = None
depends_on = None


def upgrade():
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table('pupil_reads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('reader_id', sa.Integer(), nullable=True),
    sa.Column('reader_name', sa.String(length=200), nullable=False),
    sa.Column('reader_institution_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], name=op.f('fk_pupil_reads_institution_id_institutions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pupil_id', 'institution_id'], ['pupils.id', 'pupils.institution_id'], name=op.f('fk_pupil_reads_pupil_id_pupils'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reader_id'], ['users.id'], name=op.f('fk_pupil_reads_reader_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reader_institution_id'], ['institutions.id'], name=op.f('fk_pupil_reads_reader_institution_id_institutions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pupil_reads'))
    )
    with op.batch_alter_table('pupil_reads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pupil_reads_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index('ix_pupil_reads_institution_id_pupil_id_read_at', ['institution_id', 'pupil_id', 'read_at'], unique=False)
        batch_op.create_index('ix_pupil_reads_institution_id_read_at', ['institution_id', 'read_at'], unique=False)

    op.create_table('pupil_consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.Enum('processing', 'photo_video', 'other', name='consent_purpose', native_enum=False, length=32), nullable=False),
    sa.Column('purpose_note', sa.String(length=300), nullable=False),
    sa.Column('given_by', sa.String(length=200), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('document', sa.String(length=300), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.Column('withdrawn_by', sa.String(length=200), nullable=False),
    sa.Column('withdrawal_note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_pupil_consents_application_id_applications'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], name=op.f('fk_pupil_consents_institution_id_institutions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pupil_id', 'institution_id'], ['pupils.id', 'pupils.institution_id'], name=op.f('fk_pupil_consents_pupil_id_pupils'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pupil_consents'))
    )
    with op.batch_alter_table('pupil_consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pupil_consents_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index('ix_pupil_consents_institution_id_pupil_id', ['institution_id', 'pupil_id'], unique=False)

    with op.batch_alter_table('pupils', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_depersonalised', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('depersonalised_at', sa.DateTime(timezone=True), nullable=True))

    # ### end Alembic commands ###
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute(CONSENTS_RLS)
        op.execute(READS_RLS)
        op.execute(ERASE_FUNCTION)
        op.execute(ERASE_POLICIES)
        op.execute("SELECT set_config('workspace.unscoped', 'on', true)")  # the backfill reads every school
    op.execute(BACKFILL)
    if postgres:
        op.execute("SELECT set_config('workspace.unscoped', '', true)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY IF EXISTS erasure ON institution_audit_entries")
        op.execute("DROP POLICY IF EXISTS erasure ON network_audit_entries")
        op.execute("DROP FUNCTION IF EXISTS workspace_depersonalise_audit(integer, text, integer[])")
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('pupils', schema=None) as batch_op:
        batch_op.drop_column('depersonalised_at')
        batch_op.drop_column('is_depersonalised')

    with op.batch_alter_table('pupil_consents', schema=None) as batch_op:
        batch_op.drop_index('ix_pupil_consents_institution_id_pupil_id')
        batch_op.drop_index(batch_op.f('ix_pupil_consents_institution_id'))

    op.drop_table('pupil_consents')
    with op.batch_alter_table('pupil_reads', schema=None) as batch_op:
        batch_op.drop_index('ix_pupil_reads_institution_id_read_at')
        batch_op.drop_index('ix_pupil_reads_institution_id_pupil_id_read_at')
        batch_op.drop_index(batch_op.f('ix_pupil_reads_institution_id'))

    op.drop_table('pupil_reads')
    # ### end Alembic commands ###
