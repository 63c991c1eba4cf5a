"""participants of an event report by category (обучающиеся, родители, педагоги, другие): a category on each
participants row — the rows with classes become pupils, the rows without classes «другие» (what the figures
counted them as); and a monitoring indicator may name the row of the interaction model whose effect it measures

Revision ID: 0041_participant_categories
Revises: 0040_pupil_diagnostics
Create Date: 2026-12-04 21:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0041_participant_categories'
down_revision = "0040_pupil_diagnostics"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event_participations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=16), nullable=False, server_default='pupils'))
    op.execute("UPDATE event_participations SET category = 'others' WHERE grade_from IS NULL")

    with op.batch_alter_table('monitoring_indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interaction_row_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_monitoring_indicators_interaction_row_id'), ['interaction_row_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_monitoring_indicators_interaction_row_id_interaction_rows'),
                                    'interaction_rows', ['interaction_row_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('monitoring_indicators', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_monitoring_indicators_interaction_row_id_interaction_rows'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_monitoring_indicators_interaction_row_id'))
        batch_op.drop_column('interaction_row_id')

    with op.batch_alter_table('event_participations', schema=None) as batch_op:
        batch_op.drop_column('category')
