"""council meetings can be cancelled (when, why); an invitation link remembers who invited (for the letter
«… принял(а) приглашение»; older links have nobody and send none)

Revision ID: 0032_meeting_cancelled
Revises: 0031_event_report_grade_range
Create Date: 2026-12-04 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0032_meeting_cancelled'
# TEMPORARY: 0031_event_report_grade_range is written on another branch; the lead re-chains this to it on merge
down_revision = '0031_event_report_grade_range'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('meetings') as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('cancel_reason', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('account_tokens') as batch_op:
        batch_op.add_column(sa.Column('invited_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f('fk_account_tokens_invited_by_id_users'), 'users', ['invited_by_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('account_tokens') as batch_op:
        batch_op.drop_constraint(op.f('fk_account_tokens_invited_by_id_users'), type_='foreignkey')
        batch_op.drop_column('invited_by_id')
    with op.batch_alter_table('meetings') as batch_op:
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('cancelled_at')
