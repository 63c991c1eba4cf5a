"""council approval: rules, approval rounds, meetings and e-votes, agenda items, attendance, votes, decisions

Revision ID: 0007_council_approval
Revises: 0006_calendar_feeds
Create Date: 2026-11-22 12:00:00

"""
from alembic import op
import sqlalchemy as sa

# Row-level security on PostgreSQL: the SQL the RLS helper of tenants/ produced for this migration when it was
# written (commit 5206adb), as fixed text: a migration must not change when the helper does.
RLS_SQL = (
    """\
ALTER TABLE "council_rules" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "council_rules" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "council_rules";
CREATE POLICY owner_isolation ON "council_rules" USING (workspace_unscoped() OR network_id = ANY (workspace_networks())) WITH CHECK (workspace_unscoped() OR network_id = ANY (workspace_networks()));
""",
    """\
ALTER TABLE "approvals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "approvals" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "approvals";
CREATE POLICY owner_isolation ON "approvals" USING (workspace_unscoped() OR network_id = ANY (workspace_networks())) WITH CHECK (workspace_unscoped() OR network_id = ANY (workspace_networks()));
""",
    """\
ALTER TABLE "meetings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "meetings" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "meetings";
CREATE POLICY owner_isolation ON "meetings" USING (workspace_unscoped() OR network_id = ANY (workspace_networks())) WITH CHECK (workspace_unscoped() OR network_id = ANY (workspace_networks()));
""",
    """\
ALTER TABLE "agenda_items" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "agenda_items" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "agenda_items";
CREATE POLICY owner_isolation ON "agenda_items" USING (workspace_unscoped() OR network_id = ANY (workspace_networks())) WITH CHECK (workspace_unscoped() OR network_id = ANY (workspace_networks()));
""",
    """\
ALTER TABLE "meeting_attendances" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "meeting_attendances" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "meeting_attendances";
CREATE POLICY owner_isolation ON "meeting_attendances" USING (workspace_unscoped() OR network_id = ANY (workspace_networks())) WITH CHECK (workspace_unscoped() OR network_id = ANY (workspace_networks()));
""",
    """\
ALTER TABLE "votes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "votes" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "votes";
CREATE POLICY owner_isolation ON "votes" USING (workspace_unscoped() OR network_id = ANY (workspace_networks())) WITH CHECK (workspace_unscoped() OR network_id = ANY (workspace_networks()));
""",
    """\
ALTER TABLE "decisions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "decisions" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "decisions";
CREATE POLICY owner_isolation ON "decisions" USING (workspace_unscoped() OR network_id = ANY (workspace_networks())) WITH CHECK (workspace_unscoped() OR network_id = ANY (workspace_networks()));
""",
)

OWNED = ("council_rules", "approvals", "meetings", "agenda_items", "meeting_attendances", "votes", "decisions")

revision = '0007_council_approval'
down_revision = '0006_calendar_feeds'
branch_labels = None
depends_on = None

QUORUM = sa.Enum('more_than_half', 'two_thirds', 'all', name='quorum_rule', native_enum=False, length=32)
MAJORITY = sa.Enum('simple_of_cast', 'for_over_against', 'two_thirds_of_cast', name='majority_rule',
                   native_enum=False, length=32)


def _network_fk(table):
    return sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f(f'fk_{table}_network_id_networks'),
                                   ondelete='CASCADE')


def upgrade():
    op.create_table('council_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quorum', QUORUM, nullable=False),
    sa.Column('majority', MAJORITY, nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    _network_fk('council_rules'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_rules')),
    sa.UniqueConstraint('network_id', name=op.f('uq_council_rules_network_id'))
    )
    with op.batch_alter_table('council_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_rules_network_id'), ['network_id'], unique=False)

    op.create_table('approvals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_type', sa.String(length=32), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('is_amendment', sa.Boolean(), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'approved', 'returned', 'rejected', name='approval_status',
                                native_enum=False, length=32), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_by_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    _network_fk('approvals'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_approvals_submitted_by_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approvals')),
    sa.UniqueConstraint('id', 'network_id', name=op.f('uq_approvals_id_network_id')),
    sa.UniqueConstraint('network_id', 'subject_type', 'subject_id', 'round',
                        name=op.f('uq_approvals_network_id_subject_type_subject_id_round'))
    )
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.create_index('ix_approvals_subject', ['subject_type', 'subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_approvals_network_id'), ['network_id'], unique=False)

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('meeting', 'e_vote', name='meeting_kind', native_enum=False, length=32), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=400), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('deadline_on', sa.Date(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    _network_fk('meetings'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('id', 'network_id', name=op.f('uq_meetings_id_network_id')),
    sa.UniqueConstraint('network_id', 'number', name=op.f('uq_meetings_network_id_number'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_network_id'), ['network_id'], unique=False)

    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('approval_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('discussion', sa.Text(), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    _network_fk('agenda_items'),
    sa.ForeignKeyConstraint(['meeting_id', 'network_id'], ['meetings.id', 'meetings.network_id'],
                            name=op.f('fk_agenda_items_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['approval_id', 'network_id'], ['approvals.id', 'approvals.network_id'],
                            name=op.f('fk_agenda_items_approval_id_approvals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items')),
    sa.UniqueConstraint('id', 'network_id', name=op.f('uq_agenda_items_id_network_id'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_approval_id'), ['approval_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_network_id'), ['network_id'], unique=False)

    op.create_table('meeting_attendances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('seat_id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    _network_fk('meeting_attendances'),
    sa.ForeignKeyConstraint(['meeting_id', 'network_id'], ['meetings.id', 'meetings.network_id'],
                            name=op.f('fk_meeting_attendances_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seat_id'], ['seats.id'], name=op.f('fk_meeting_attendances_seat_id_seats'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_attendances')),
    sa.UniqueConstraint('meeting_id', 'seat_id', name=op.f('uq_meeting_attendances_meeting_id_seat_id'))
    )
    with op.batch_alter_table('meeting_attendances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_attendances_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendances_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendances_seat_id'), ['seat_id'], unique=False)

    op.create_table('votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('seat_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.Enum('for', 'against', 'abstain', name='vote_choice', native_enum=False, length=32),
              nullable=False),
    sa.Column('cast_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    _network_fk('votes'),
    sa.ForeignKeyConstraint(['agenda_item_id', 'network_id'], ['agenda_items.id', 'agenda_items.network_id'],
                            name=op.f('fk_votes_agenda_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seat_id'], ['seats.id'], name=op.f('fk_votes_seat_id_seats'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_votes')),
    sa.UniqueConstraint('agenda_item_id', 'seat_id', name=op.f('uq_votes_agenda_item_id_seat_id'))
    )
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_votes_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_seat_id'), ['seat_id'], unique=False)

    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Enum('approved', 'returned', 'rejected', 'no_quorum', name='decision_outcome',
                                 native_enum=False, length=32), nullable=False),
    sa.Column('votes_for', sa.Integer(), nullable=False),
    sa.Column('votes_against', sa.Integer(), nullable=False),
    sa.Column('votes_abstain', sa.Integer(), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('quorum', QUORUM, nullable=False),
    sa.Column('majority', MAJORITY, nullable=False),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    _network_fk('decisions'),
    sa.ForeignKeyConstraint(['agenda_item_id', 'network_id'], ['agenda_items.id', 'agenda_items.network_id'],
                            name=op.f('fk_decisions_agenda_item_id_agenda_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions')),
    sa.UniqueConstraint('agenda_item_id', name=op.f('uq_decisions_agenda_item_id'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_network_id'), ['network_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        for statement in RLS_SQL:
            op.execute(statement)


def downgrade():
    for table in reversed(OWNED):
        op.drop_table(table)
