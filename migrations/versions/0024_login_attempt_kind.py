"""login attempts: the kind of refusal (a wrong password, an attempt the rate limit refused before checking
the password, a wrong password forgiven by the owner's log-in), so that every refusal counts against the
client address and only wrong passwords against the account

Revision ID: 0024_login_attempt_kind
Revises: 0023_audit_subjects
Create Date: 2026-12-04 08:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0024_login_attempt_kind'
down_revision = '0023_audit_subjects'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), server_default='password', nullable=False))


def downgrade():
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_column('kind')
