"""indexes for the calendar and the chronicle: a plan's items by date, each network's newest entries

The calendar read a month through every item of the page's networks (all years) and walked the items of several
periods through an index over every network's items; the chronicle sorted each network's reports, decisions,
meetings, agreements, programmes and materials to show the newest twenty. Now each read is an index range of one
plan or one network, in the order the page shows, whatever the size of the city.

Revision ID: 0044_calendar_chronicle_indexes
Revises: 0041_participant_categories
Create Date: 2026-12-05 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0044_calendar_chronicle_indexes'
down_revision = "0041_participant_categories"
branch_labels = None
depends_on = None

NEWEST_FIRST = [
    ('ix_event_reports_network_id_held_to', 'event_reports', ['network_id', 'held_to', 'id']),
    ('ix_decisions_network_id_decided_on', 'decisions', ['network_id', 'decided_on', 'id']),
    ('ix_meetings_network_id_held_on', 'meetings', ['network_id', 'held_on', 'id']),
    ('ix_agreements_network_id_activated_at', 'agreements', ['network_id', 'activated_at', 'id']),
    ('ix_programmes_network_id_published_at', 'programmes', ['network_id', 'published_at', 'id']),
    ('ix_materials_network_id_created_at', 'materials', ['network_id', 'created_at', 'id']),
]


def upgrade():
    for name, table, columns in NEWEST_FIRST:
        op.create_index(name, table, columns)
    op.create_index('ix_plan_items_plan_id_starts_on', 'plan_items', ['plan_id', 'starts_on', 'ends_on'])
    op.drop_index('ix_plan_items_several_periods', table_name='plan_items')
    op.create_index('ix_plan_items_several_periods', 'plan_items', ['plan_id', 'starts_on'],
                    sqlite_where=sa.text("periods != ''"), postgresql_where=sa.text("periods != ''"))


def downgrade():
    op.drop_index('ix_plan_items_several_periods', table_name='plan_items')
    op.create_index('ix_plan_items_several_periods', 'plan_items', ['starts_on'],
                    sqlite_where=sa.text("periods != ''"), postgresql_where=sa.text("periods != ''"))
    op.drop_index('ix_plan_items_plan_id_starts_on', table_name='plan_items')
    for name, table, _columns in reversed(NEWEST_FIRST):
        op.drop_index(name, table_name=table)
