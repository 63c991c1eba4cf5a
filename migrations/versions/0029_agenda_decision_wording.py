"""agenda items: the decision's wording («РЕШИЛИ: …») the chair or the secretary writes, printed in the minutes

Revision ID: 0029_agenda_decision_wording
Revises: 0028_plan_item_periods
Create Date: 2026-12-04 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0029_agenda_decision_wording'
down_revision = '0028_plan_item_periods'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agenda_items') as batch_op:
        batch_op.add_column(sa.Column('decision_wording', sa.Text(), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('agenda_items') as batch_op:
        batch_op.drop_column('decision_wording')
