"""plan items: indexes by status and start, status and end (the desk's next events and reports due)

Revision ID: 0021_plan_item_status_dates
Revises: 0020_people_institution_search
Create Date: 2026-11-30 01:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0021_plan_item_status_dates'
down_revision = '0020_people_institution_search'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.create_index('ix_plan_items_status_starts_on', ['status', 'starts_on'], unique=False)
        batch_op.create_index('ix_plan_items_status_ends_on', ['status', 'ends_on'], unique=False)


def downgrade():
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.drop_index('ix_plan_items_status_ends_on')
        batch_op.drop_index('ix_plan_items_status_starts_on')
