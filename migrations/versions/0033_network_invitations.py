"""a network started by its base institution: invitations to join a network (of an institution in the deployment,
or of a new one by its head's e-mail), who created a network and whether it is archived, and the operator's
suspension of an institution.

network_invitations is read by two tenants — the network and the invited institution, which is not a member yet —
and by the letter's link before any tenant is known: an identity table like memberships, every read keyed
explicitly by the application; no row-level security (as memberships, institutions and networks).

Revision ID: 0033_network_invitations
Revises: 0032_meeting_cancelled
Create Date: 2026-12-04 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0033_network_invitations'
down_revision = "0032_meeting_cancelled"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('institutions') as batch_op:
        batch_op.add_column(sa.Column('is_suspended', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('networks') as batch_op:
        batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('is_archived', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_networks_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_networks_created_by_id_users'), 'users', ['created_by_id'], ['id'],
                                    ondelete='SET NULL')

    op.create_table('network_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('head_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('base', 'network_partner', 'social_partner', name='member_role', native_enum=False,
                              length=32), nullable=False),
    sa.Column('status', sa.Enum('pending', 'accepted', 'declined', name='invitation_status', native_enum=False,
                                length=32), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_network_invitations_network_id_networks'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'],
                            name=op.f('fk_network_invitations_institution_id_institutions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_network_invitations_invited_by_id_users'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'],
                            name=op.f('fk_network_invitations_answered_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_network_invitations_token_hash'))
    )
    with op.batch_alter_table('network_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_invitations_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_invitations_institution_id'), ['institution_id'], unique=False)


def downgrade():
    with op.batch_alter_table('network_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_invitations_institution_id'))
        batch_op.drop_index(batch_op.f('ix_network_invitations_network_id'))
    op.drop_table('network_invitations')
    with op.batch_alter_table('networks') as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_networks_created_by_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_networks_created_by_id'))
        batch_op.drop_column('archived_at')
        batch_op.drop_column('is_archived')
        batch_op.drop_column('created_by_id')
    with op.batch_alter_table('institutions') as batch_op:
        batch_op.drop_column('is_suspended')
