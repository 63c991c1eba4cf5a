"""section approval: a plan section carries its own approval status (the approvable kind "plan_section")

Revision ID: 0008_section_approval
Revises: 0007_council_approval
Create Date: 2026-11-23 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_section_approval'
down_revision = '0007_council_approval'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.Enum('draft', 'submitted', 'approved', 'returned', 'rejected',
                                                        name='plan_section_status', native_enum=False, length=32),
                                      server_default='draft', nullable=False))


def downgrade():
    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.drop_column('status')
