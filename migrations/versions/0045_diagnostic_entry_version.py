"""a diagnostic row carries its version: the school's admin and coordinator both correct rows, and a correction made
from a page opened before another one's is refused instead of silently overwriting it

Revision ID: 0045_diagnostic_entry_version
Revises: 0043_search_index
Create Date: 2026-12-05 04:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0045_diagnostic_entry_version'
down_revision = '0043_search_index'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('diagnostic_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    with op.batch_alter_table('diagnostic_entries', schema=None) as batch_op:
        batch_op.drop_column('version')
