"""an analysis of a stage of the programme's passport: the yearly analysis gets an optional stage (its name and dates
kept as prepared); one analysis per network and academic year among the year analyses, one per stage

Revision ID: 0042_analysis_stage
Revises: 0037_attestation
Create Date: 2026-12-04 21:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0042_analysis_stage'
down_revision = "0037_attestation"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('yearly_analyses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stage_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('stage_title', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('starts_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('ends_on', sa.Date(), nullable=True))
        batch_op.drop_constraint('uq_yearly_analyses_network_id_start_year', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_yearly_analyses_network_id_stage_id'),
                                          ['network_id', 'stage_id'])
        batch_op.create_foreign_key(batch_op.f('fk_yearly_analyses_stage_id_passport_stages'), 'passport_stages',
                                    ['stage_id'], ['id'], ondelete='SET NULL')
    op.create_index('uq_yearly_analyses_network_id_start_year', 'yearly_analyses', ['network_id', 'start_year'],
                    unique=True, sqlite_where=sa.text('starts_on IS NULL'),
                    postgresql_where=sa.text('starts_on IS NULL'))


def downgrade():
    op.drop_index('uq_yearly_analyses_network_id_start_year', table_name='yearly_analyses',
                  sqlite_where=sa.text('starts_on IS NULL'), postgresql_where=sa.text('starts_on IS NULL'))
    op.execute("DELETE FROM yearly_analyses WHERE starts_on IS NOT NULL")
    with op.batch_alter_table('yearly_analyses', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_yearly_analyses_stage_id_passport_stages'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_yearly_analyses_network_id_stage_id'), type_='unique')
        batch_op.create_unique_constraint('uq_yearly_analyses_network_id_start_year', ['network_id', 'start_year'])
        batch_op.drop_column('ends_on')
        batch_op.drop_column('starts_on')
        batch_op.drop_column('stage_title')
        batch_op.drop_column('stage_id')
