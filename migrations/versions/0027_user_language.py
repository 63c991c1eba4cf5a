"""the user's language on the user row: pages and letters speak it, whatever cookie a parallel request returns

Revision ID: 0027_user_language
Revises: 0026_participation_grade_range
Create Date: 2026-12-04 13:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0027_user_language'
down_revision = '0026_participation_grade_range'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), nullable=True))


def downgrade():
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_column('language')
