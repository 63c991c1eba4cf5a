"""event report participants by a range of classes in two columns, named as the plan item's: grade_from and
grade_to; a single class is stored as a range of one (from = to), so every row with classes has both ends

Revision ID: 0031_event_report_grade_range
Revises: 0030_outbox
Create Date: 2026-12-04 16:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0031_event_report_grade_range'
down_revision = '0030_outbox'
branch_labels = None
depends_on = None


def _unscoped():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":  # the owner under forced row-level security: every row
        bind.execute(sa.text("SELECT set_config('workspace.unscoped', 'on', true)"))
    return bind


def upgrade():
    with op.batch_alter_table('event_participations', schema=None) as batch_op:
        batch_op.alter_column('grade', new_column_name='grade_from', existing_type=sa.SmallInteger(),
                              existing_nullable=True)
    _unscoped().execute(sa.text("UPDATE event_participations SET grade_to = grade_from "
                                "WHERE grade_from IS NOT NULL AND grade_to IS NULL"))


def downgrade():
    _unscoped().execute(sa.text("UPDATE event_participations SET grade_to = NULL WHERE grade_to = grade_from"))
    with op.batch_alter_table('event_participations', schema=None) as batch_op:
        batch_op.alter_column('grade_from', new_column_name='grade', existing_type=sa.SmallInteger(),
                              existing_nullable=True)
