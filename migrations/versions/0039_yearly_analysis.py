"""the yearly analysis (аналитическая справка о реализации программы за учебный год): one per network and academic
year, with a line per partner (conclusion and decision), and its figures as the council approved them; network-owned, with row-level security on PostgreSQL

Revision ID: 0039_yearly_analysis
Revises: 0038_interaction_model
Create Date: 2026-12-04 20:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

# Row-level security on PostgreSQL: the SQL the RLS helper of tenants/ (enable_rls_sql) produced for these tables
# when this migration was written, as fixed text: a migration must not change when the helper does.
RLS_SQL = (
    """\
ALTER TABLE "yearly_analyses" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "yearly_analyses" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "yearly_analyses";
CREATE POLICY owner_isolation ON "yearly_analyses" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "analysis_partners" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analysis_partners" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "analysis_partners";
CREATE POLICY owner_isolation ON "analysis_partners" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "analysis_snapshots" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analysis_snapshots" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "analysis_snapshots";
CREATE POLICY owner_isolation ON "analysis_snapshots" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
)


# revision identifiers, used by Alembic.
revision = '0039_yearly_analysis'
down_revision = "0038_interaction_model"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('yearly_analyses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('conclusion', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'approved', 'returned', 'rejected', name='analysis_status', native_enum=False, length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_yearly_analyses_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_yearly_analyses')),
    sa.UniqueConstraint('id', 'network_id', name=op.f('uq_yearly_analyses_id_network_id')),
    sa.UniqueConstraint('network_id', 'start_year', name=op.f('uq_yearly_analyses_network_id_start_year'))
    )
    with op.batch_alter_table('yearly_analyses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_yearly_analyses_network_id'), ['network_id'], unique=False)

    op.create_table('analysis_partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('analysis_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=True),
    sa.Column('interaction_row_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=400), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('conclusion', sa.Text(), nullable=False),
    sa.Column('decision', sa.Enum('continue', 'change_form', 'end', name='analysis_decision', native_enum=False, length=32), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['analysis_id', 'network_id'], ['yearly_analyses.id', 'yearly_analyses.network_id'], name=op.f('fk_analysis_partners_analysis_id_yearly_analyses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], name=op.f('fk_analysis_partners_institution_id_institutions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['interaction_row_id'], ['interaction_rows.id'], name=op.f('fk_analysis_partners_interaction_row_id_interaction_rows'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_analysis_partners_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_partners')),
    sa.UniqueConstraint('analysis_id', 'institution_id', name=op.f('uq_analysis_partners_analysis_id_institution_id')),
    sa.UniqueConstraint('analysis_id', 'interaction_row_id', name=op.f('uq_analysis_partners_analysis_id_interaction_row_id'))
    )
    with op.batch_alter_table('analysis_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_partners_analysis_id'), ['analysis_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_partners_network_id'), ['network_id'], unique=False)

    op.create_table('analysis_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('analysis_id', sa.Integer(), nullable=False),
    sa.Column('figures', sa.Text(), nullable=False),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['analysis_id', 'network_id'], ['yearly_analyses.id', 'yearly_analyses.network_id'], name=op.f('fk_analysis_snapshots_analysis_id_yearly_analyses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_analysis_snapshots_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_snapshots')),
    sa.UniqueConstraint('analysis_id', name=op.f('uq_analysis_snapshots_analysis_id'))
    )
    with op.batch_alter_table('analysis_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_snapshots_network_id'), ['network_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        for statement in RLS_SQL:
            op.execute(statement)


def downgrade():
    with op.batch_alter_table('analysis_snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_snapshots_network_id'))

    op.drop_table('analysis_snapshots')
    with op.batch_alter_table('analysis_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_partners_network_id'))
        batch_op.drop_index(batch_op.f('ix_analysis_partners_analysis_id'))

    op.drop_table('analysis_partners')
    with op.batch_alter_table('yearly_analyses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_yearly_analyses_network_id'))

    op.drop_table('yearly_analyses')
