"""the outbox: letters (written in the transaction of the change that causes them, sent by the worker), their
attachments, and each user's choice per kind of letter. Deployment-level tables like users and login attempts:
no row-level security (no tenant owns a letter); the application's role gets them with its grant on all tables.

Revision ID: 0030_outbox
Revises: 0029_agenda_decision_wording
Create Date: 2026-12-04 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0030_outbox'
down_revision = '0029_agenda_decision_wording'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('text_body', sa.Text(), nullable=False),
    sa.Column('html_body', sa.Text(), nullable=True),
    sa.Column('headers', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('delivery', sa.String(length=8), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dedupe_key', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_letters_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letters')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_letters_dedupe_key'))
    )
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letters_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_letters_status_next_attempt_at', ['status', 'next_attempt_at'], unique=False)

    op.create_table('letter_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], name=op.f('fk_letter_attachments_letter_id_letters'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_attachments'))
    )
    with op.batch_alter_table('letter_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_attachments_letter_id'), ['letter_id'], unique=False)

    op.create_table('letter_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('choice', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_letter_preferences_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_letter_preferences'))
    )


def downgrade():
    op.drop_table('letter_preferences')
    with op.batch_alter_table('letter_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_attachments_letter_id'))
    op.drop_table('letter_attachments')
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_index('ix_letters_status_next_attempt_at')
        batch_op.drop_index(batch_op.f('ix_letters_user_id'))
    op.drop_table('letters')
