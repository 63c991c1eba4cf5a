"""attestation in the journal: a programme's forms and dates of intermediate and final attestation, a pupil's
results of them, and the kind of a document of completion (certificate or справка об обучении, each numbered in
its own series); network-owned, with row-level security on PostgreSQL

Revision ID: 0037_attestation
Revises: 0035_monitoring_programme
Create Date: 2026-12-04 20:50:00.000000

"""
from alembic import op
import sqlalchemy as sa

# Row-level security on PostgreSQL: the SQL the RLS helper of tenants/ (enable_rls_sql) produced for these tables
# when this migration was written, as fixed text: a migration must not change when the helper does.
RLS_SQL = (
    """\
ALTER TABLE "attestations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "attestations" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "attestations";
CREATE POLICY owner_isolation ON "attestations" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "attestation_results" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "attestation_results" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "attestation_results";
CREATE POLICY owner_isolation ON "attestation_results" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
)


# revision identifiers, used by Alembic.
revision = '0037_attestation'
down_revision = "0035_monitoring_programme"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('attestations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('intermediate', 'final', name='attestation_kind', native_enum=False, length=32), nullable=False),
    sa.Column('form', sa.Enum('credit', 'project', 'exhibition', 'competition', 'concert', 'test', 'other', name='attestation_form', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_attestations_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['programme_id', 'network_id'], ['programmes.id', 'programmes.network_id'], name=op.f('fk_attestations_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attestations')),
    sa.UniqueConstraint('id', 'network_id', name=op.f('uq_attestations_id_network_id'))
    )
    with op.batch_alter_table('attestations', schema=None) as batch_op:
        batch_op.create_index('ix_attestations_programme_id', ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attestations_network_id'), ['network_id'], unique=False)

    op.create_table('attestation_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attestation_id', sa.Integer(), nullable=False),
    sa.Column('enrollment_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('home_institution_id', sa.Integer(), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['attestation_id', 'network_id'], ['attestations.id', 'attestations.network_id'], name=op.f('fk_attestation_results_attestation_id_attestations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['enrollment_id', 'network_id'], ['enrollments.id', 'enrollments.network_id'], name=op.f('fk_attestation_results_enrollment_id_enrollments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['home_institution_id'], ['institutions.id'], name=op.f('fk_attestation_results_home_institution_id_institutions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_attestation_results_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_attestation_results_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attestation_results')),
    sa.UniqueConstraint('attestation_id', 'enrollment_id', name=op.f('uq_attestation_results_attestation_id_enrollment_id'))
    )
    with op.batch_alter_table('attestation_results', schema=None) as batch_op:
        batch_op.create_index('ix_attestation_results_group_id', ['group_id'], unique=False)
        batch_op.create_index('ix_attestation_results_enrollment_id', ['enrollment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attestation_results_home_institution_id'), ['home_institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attestation_results_network_id'), ['network_id'], unique=False)

    kind = sa.Enum('certificate', 'statement', name='certificate_kind', native_enum=False, length=32)
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', kind, server_default='certificate', nullable=False))
        batch_op.drop_constraint('uq_certificates_provider_institution_id_year_number', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_certificates_provider_institution_id_kind_year_number'),
                                          ['provider_institution_id', 'kind', 'year', 'number'])
    with op.batch_alter_table('certificate_counters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', kind, server_default='certificate', nullable=False))
        batch_op.drop_constraint('uq_certificate_counters_institution_id_year', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_certificate_counters_institution_id_kind_year'),
                                          ['institution_id', 'kind', 'year'])

    if op.get_bind().dialect.name == "postgresql":
        for statement in RLS_SQL:
            op.execute(statement)


def downgrade():
    with op.batch_alter_table('certificate_counters', schema=None) as batch_op:
        batch_op.drop_constraint('uq_certificate_counters_institution_id_kind_year', type_='unique')
        batch_op.create_unique_constraint('uq_certificate_counters_institution_id_year', ['institution_id', 'year'])
        batch_op.drop_column('kind')
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_constraint('uq_certificates_provider_institution_id_kind_year_number', type_='unique')
        batch_op.create_unique_constraint('uq_certificates_provider_institution_id_year_number',
                                          ['provider_institution_id', 'year', 'number'])
        batch_op.drop_column('kind')
    op.drop_table('attestation_results')
    op.drop_table('attestations')
