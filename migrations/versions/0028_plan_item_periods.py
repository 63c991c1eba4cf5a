"""a plan item keeps each period of its timing («октябрь, март»), not only their span

Revision ID: 0028_plan_item_periods
Revises: 0027_user_language
Create Date: 2026-12-04 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0028_plan_item_periods'
down_revision = '0027_user_language'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('plan_items') as batch_op:
        batch_op.add_column(sa.Column('periods', sa.Text(), server_default='', nullable=False))
    # the calendar walks the periods of the few items of several through this partial index
    with op.batch_alter_table('project_tasks') as batch_op:
        batch_op.add_column(sa.Column('periods', sa.Text(), server_default='', nullable=False))
    op.create_index('ix_plan_items_several_periods', 'plan_items', ['starts_on'],
                    sqlite_where=sa.text("periods != ''"), postgresql_where=sa.text("periods != ''"))


def downgrade():
    op.drop_index('ix_plan_items_several_periods', table_name='plan_items')
    with op.batch_alter_table('plan_items') as batch_op:
        batch_op.drop_column('periods')
    with op.batch_alter_table('project_tasks') as batch_op:
        batch_op.drop_column('periods')
