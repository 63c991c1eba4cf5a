"""extended statistics of the plan items (PostgreSQL): a section belongs to one plan of one network, so the planner
must not multiply the selectivities of ``section_id``, ``plan_id`` and ``network_id`` as if they were independent.
It did: the page of a section's 95 items was estimated at one row, and the names linked to the items were read again
for every item (a nested loop, 19 ms at city scale instead of under 1 ms). SQLite has no such statistics.

Revision ID: 0046_plan_item_statistics
Revises: 0045_diagnostic_entry_version
Create Date: 2026-12-05 00:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0046_plan_item_statistics'
down_revision = '0045_diagnostic_entry_version'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE STATISTICS st_plan_items_owners (dependencies) ON section_id, plan_id, network_id "
               "FROM plan_items")
    op.execute("ANALYZE plan_items")  # the statistics are gathered by the next ANALYZE: now, not at autovacuum's


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP STATISTICS st_plan_items_owners")
