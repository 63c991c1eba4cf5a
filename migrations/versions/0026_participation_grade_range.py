"""event participants by a range of classes: «1-4» is one row of an event report, not four guesses

Revision ID: 0026_participation_grade_range
Revises: 0025_search_word_forms
Create Date: 2026-12-04 10:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0026_participation_grade_range'
down_revision = '0025_search_word_forms'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event_participations') as batch_op:
        batch_op.add_column(sa.Column('grade_to', sa.SmallInteger(), nullable=True))


def downgrade():
    with op.batch_alter_table('event_participations') as batch_op:
        batch_op.drop_column('grade_to')
