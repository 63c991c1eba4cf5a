from __future__ import annotations

from flask import abort, g
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tenants.models import Institution, Membership, Seat, SeatRole
from workspace.accounts.models import User
from workspace.extensions import db

ROLE_ORDER = {SeatRole.CHAIR: 0, SeatRole.SECRETARY: 1, SeatRole.MEMBER: 2}


def seats_of_current_network() -> list[Seat]:
    seats = db.session.scalars(
        select(Seat).options(joinedload(Seat.user).joinedload(User.institution))
    ).all()
    return sorted(seats, key=lambda seat: (ROLE_ORDER[seat.role], seat.user.full_name))


def get_seat_or_404(seat_id: int) -> Seat:
    seat = db.session.scalar(select(Seat).where(Seat.id == seat_id)
                             .options(selectinload(Seat.user)))
    if seat is None:
        abort(404)
    return seat


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
