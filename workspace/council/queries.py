from __future__ import annotations

from flask import g
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from tenants.models import Institution, Membership, Network, Seat, SeatRole
from workspace.accounts.models import User
from workspace.council.models import AgendaItem, Attendance, Decision, Meeting, Outcome, Vote
from workspace.council.states import is_meeting_open, meeting_state
from workspace.extensions import db

ROLE_ORDER = {SeatRole.CHAIR: 0, SeatRole.SECRETARY: 1, SeatRole.MEMBER: 2}


def seats_of_current_network() -> list[Seat]:
    seats = db.session.scalars(
        select(Seat).options(joinedload(Seat.user).joinedload(User.institution))
    ).all()
    return sorted(seats, key=lambda seat: (ROLE_ORDER[seat.role], seat.user.full_name))


def seats_and_present(meeting, item_ids: list[int]) -> tuple[list[Seat], set[int]]:
    """The council's seats (as ``seats_of_current_network``) and the ids of those marked present at the meeting
    or who voted on any of its questions: one statement."""
    marked = select(Attendance.seat_id).where(Attendance.meeting_id == meeting.id)
    voted = select(Vote.seat_id).where(Vote.agenda_item_id.in_(item_ids or [-1]))
    rows = db.session.execute(
        select(Seat, or_(Seat.id.in_(marked), Seat.id.in_(voted)).label("present"))
        .options(joinedload(Seat.user).joinedload(User.institution))).all()
    seats = sorted((seat for seat, _present in rows), key=lambda seat: (ROLE_ORDER[seat.role], seat.user.full_name))
    return seats, {seat.id for seat, present in rows if present}


def get_seat_or_404(seat_id: int) -> Seat:
    return db.first_or_404(select(Seat).where(Seat.id == seat_id)
                           .options(selectinload(Seat.user)))


def staff_candidates() -> list[tuple[int, str]]:
    """Active staff of the network's member institutions who hold no seat yet (scoped choices)."""
    seated = select(Seat.user_id).where(Seat.network_id == g.network.id)
    rows = db.session.execute(
        select(User.id, User.full_name, Institution.short_name)
        .join(Institution, Institution.id == User.institution_id)
        .join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == g.network.id, User.is_enabled.is_(True),
               User.id.not_in(seated))
        .order_by(Institution.short_name, User.full_name)
    )
    return [(user_id, f"{name} — {institution}") for user_id, name, institution in rows]


def chair_taken() -> bool:
    return db.session.scalar(select(Seat.id).where(Seat.role == SeatRole.CHAIR)) is not None


# ---- meetings and e-votes ----------------------------------------------------------------------------

def get_meeting_or_404(meeting_id: int):
    return db.first_or_404(select(Meeting).where(Meeting.id == meeting_id))


def get_agenda_item_or_404(meeting, agenda_item_id: int):
    return db.first_or_404(select(AgendaItem).where(AgendaItem.id == agenda_item_id,
                                                    AgendaItem.meeting_id == meeting.id))


def agenda_of(meeting) -> list:
    return list(db.session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                                   .order_by(AgendaItem.position, AgendaItem.id)))


def agenda_and_decisions(meeting) -> tuple[list[AgendaItem], dict[int, Decision]]:
    """The meeting's questions in order and the decision taken on each (by question id): one statement."""
    rows = db.session.execute(select(AgendaItem, Decision)
                              .outerjoin(Decision, Decision.agenda_item_id == AgendaItem.id)
                              .where(AgendaItem.meeting_id == meeting.id)
                              .order_by(AgendaItem.position, AgendaItem.id)).all()
    return [item for item, _decision in rows], {item.id: decision for item, decision in rows if decision is not None}


def meetings_of_network(today) -> list[tuple]:
    """Every meeting and e-vote with its state (``council.states.meeting_state``, as its own page tells it)
    and whether it still takes votes: one statement.

    Rows: meeting, questions, still open (bool), state.
    """
    rows = db.session.execute(
        select(Meeting, func.count(AgendaItem.id), func.count(Decision.id),
               func.count(Decision.id).filter(Decision.outcome == Outcome.NO_QUORUM))
        .outerjoin(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .outerjoin(Decision, Decision.agenda_item_id == AgendaItem.id)
        .group_by(Meeting.id).order_by(Meeting.number.desc())).all()
    return [(meeting, questions, is_meeting_open(meeting, today),
             meeting_state(meeting, questions=questions, decided=decided, without_quorum=without_quorum, today=today))
            for meeting, questions, decided, without_quorum in rows]


def next_meeting_number() -> int:
    return (db.session.scalar(select(func.max(Meeting.number))) or 0) + 1


def open_questions_for(seats: list[Seat], today) -> list:
    """Open agenda items of the networks where these seats sit, with each seat's own vote: one statement.

    Rows: item id, title, meeting id, number, kind, held_on, deadline_on, network slug and name, my choice.
    """
    if not seats:
        return []
    seat_ids = [seat.id for seat in seats]
    return db.session.execute(
        select(AgendaItem.id, AgendaItem.title, Meeting.id.label("meeting_id"), Meeting.number, Meeting.kind,
               Meeting.held_on, Meeting.deadline_on, Network.slug, Network.name, Vote.choice)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Network, Network.id == AgendaItem.network_id)
        .outerjoin(Vote, and_(Vote.agenda_item_id == AgendaItem.id, Vote.seat_id.in_(seat_ids)))
        .where(AgendaItem.network_id.in_({seat.network_id for seat in seats}), AgendaItem.closed_at.is_(None),
               or_(Meeting.deadline_on.is_(None), Meeting.deadline_on >= today))
        .order_by(Meeting.deadline_on, Meeting.held_on, AgendaItem.position, AgendaItem.id)).all()
