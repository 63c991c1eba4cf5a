"""What the desk reads: a fixed number of statements, whatever the size of the networks."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from tenants.models import Institution, Membership, Network, Seat
from workspace.core.database import unindexed
from workspace.desk.models import Note
from workspace.extensions import db
from workspace.plans.models import Plan, PlanItem, PlanItemPerson, PlanSection


@dataclass
class NetworkCard:
    network: Network
    own: object | None  # a row: network_id, institution_id, role, short_name
    partners: list = field(default_factory=list)


def network_cards(network_ids: list[int], institution_id: int | None) -> list[NetworkCard]:
    """The networks with every member institution: two statements in all."""
    if not network_ids:
        return []
    networks = db.session.scalars(
        select(Network).where(Network.id.in_(network_ids), Network.is_archived.is_(False)).order_by(Network.name)
    ).all()
    # Column tuples, not entities: a city network has dozens of partners on one card.
    memberships = db.session.execute(
        select(Membership.network_id, Membership.institution_id, Membership.role, Institution.short_name)
        .join(Institution, Institution.id == Membership.institution_id)
        .where(Membership.network_id.in_(network_ids))
        .order_by(Membership.role, Institution.short_name)
    ).all()
    by_network: dict[int, list] = defaultdict(list)
    for membership in memberships:
        by_network[membership.network_id].append(membership)
    cards = []
    for network in networks:
        members = by_network[network.id]
        own = next((m for m in members if m.institution_id == institution_id), None)
        cards.append(NetworkCard(network, own, [m for m in members if m.institution_id != institution_id]))
    return cards


def seats_of(user_id: int) -> list[Seat]:
    """The user's council seats: a staff member sits only in networks of their institution (the scope)."""
    return list(db.session.scalars(select(Seat).where(Seat.user_id == user_id)))


def recent_notes(limit: int = 20) -> list[Note]:
    return list(db.session.scalars(
        select(Note).options(joinedload(Note.author)).order_by(Note.created_at.desc(), Note.id.desc()).limit(limit)
    ))


def get_note_or_404(note_id: int) -> Note:
    return db.first_or_404(select(Note).where(Note.id == note_id))


def upcoming_events(today, limit: int = 8):
    """The next events of the institution's networks (the scope), one statement."""
    return db.session.execute(
        select(PlanItem.id, PlanItem.title, PlanItem.timing, PlanItem.starts_on, PlanItem.ends_on,
               Plan.id.label("plan_id"), Network.slug, Network.name)
        .join(Plan, Plan.id == PlanItem.plan_id).join(Network, Network.id == PlanItem.network_id)
        # read planned items in start order (ix_plan_items_status_starts_on) and stop at the first few that
        # have not ended; SQLite's sampled statistics would rather take every item of the city not yet ended
        # and sort them (80 ms at city scale instead of 1)
        .where(unindexed(PlanItem.ends_on) >= today, PlanItem.status == "planned",
               Network.is_archived.is_(False))  # an archived network's plan is history, not what comes next
        .order_by(PlanItem.starts_on, PlanItem.id).limit(limit)
    ).all()


def reports_due(today, institution_id: int, user_id: int, *, manager: bool, limit: int = 8):
    """Events already over but not reported that wait for this user: for a manager, the sections the institution
    answers for (its own partner sections, every section of the networks it is the base of); for anybody, the
    events that name the user among their responsible (a teacher files their report too). One statement."""
    answered = [PlanItem.id.in_(select(PlanItemPerson.item_id).where(PlanItemPerson.user_id == user_id))]
    if manager:
        answered += [PlanSection.partner_institution_id == institution_id,
                     Network.base_institution_id == institution_id]
    return db.session.execute(
        select(PlanItem.id, PlanItem.title, PlanItem.ends_on, Plan.id.label("plan_id"), Network.slug)
        .join(PlanSection, PlanSection.id == PlanItem.section_id).join(Plan, Plan.id == PlanItem.plan_id)
        .join(Network, Network.id == PlanItem.network_id)
        .where(PlanItem.ends_on < today, PlanItem.status == "planned", Network.is_archived.is_(False),
               or_(*answered))
        .order_by(PlanItem.ends_on.desc(), PlanItem.id).limit(limit)
    ).all()
