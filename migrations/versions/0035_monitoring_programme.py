"""the monitoring programme: level thresholds of an indicator (высокий / средний / низкий) and measurement points
of a value (входная, промежуточная, итоговая) — a year's values become its final point; a survey's rounds
(the round's number and the previous round it copies)

Revision ID: 0035_monitoring_programme
Revises: 0039_yearly_analysis
Create Date: 2026-12-04 20:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0035_monitoring_programme'
down_revision = "0039_yearly_analysis"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('monitoring_indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('level_high', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('level_middle', sa.Float(), nullable=True))

    with op.batch_alter_table('monitoring_values', schema=None) as batch_op:
        batch_op.add_column(sa.Column('point', sa.String(length=20), nullable=False, server_default='final'))
        batch_op.drop_constraint('uq_monitoring_values_indicator_id_start_year', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_monitoring_values_indicator_id_start_year_point'),
                                          ['indicator_id', 'start_year', 'point'])
    with op.batch_alter_table('monitoring_values', schema=None) as batch_op:
        batch_op.alter_column('point', server_default=None)

    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round_number', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('previous_round_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_surveys_previous_round_id'), ['previous_round_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_surveys_previous_round_id_surveys'), 'surveys',
                                    ['previous_round_id', 'network_id'], ['id', 'network_id'])
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.alter_column('round_number', server_default=None)


def downgrade():
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_surveys_previous_round_id_surveys'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_surveys_previous_round_id'))
        batch_op.drop_column('previous_round_id')
        batch_op.drop_column('round_number')
    op.execute("DELETE FROM monitoring_values WHERE point <> 'final'")
    with op.batch_alter_table('monitoring_values', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_monitoring_values_indicator_id_start_year_point'), type_='unique')
        batch_op.create_unique_constraint('uq_monitoring_values_indicator_id_start_year',
                                          ['indicator_id', 'start_year'])
        batch_op.drop_column('point')

    with op.batch_alter_table('monitoring_indicators', schema=None) as batch_op:
        batch_op.drop_column('level_middle')
        batch_op.drop_column('level_high')
