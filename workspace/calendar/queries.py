"""What the calendar reads: column tuples of the plans' items, a fixed number of statements.

Every query runs under the tenant scope the URL (or the feed's owner) has set: a network's
calendar sees that network's plans, an institution's calendar the plans of all its networks.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select

from tenants.models import Institution, Membership, Network
from workspace.extensions import db
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanItemInstitution, PlanSection

LONG_AFTER_DAYS = 7  # longer items («октябрь», «в течение года», «ноябрь – декабрь») are listed above the grid


@dataclass(frozen=True)
class CalendarFilters:
    """Filters read from the query string; values not offered on the page are ignored."""

    partner_id: int | None = None
    grade: int | None = None
    network_id: int | None = None


@dataclass(frozen=True)
class Event:
    id: int
    title: str
    audience: str
    timing: str
    responsible: str
    starts_on: date | None
    ends_on: date | None
    status: ItemStatus
    plan_id: int
    network_slug: str
    network_name: str
    partner_name: str | None

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1 if self.starts_on and self.ends_on else 0

    @property
    def is_long(self) -> bool:
        return self.days > LONG_AFTER_DAYS

    @property
    def is_cancelled(self) -> bool:
        return self.status == ItemStatus.CANCELLED

    def covers(self, day: date) -> bool:
        return self.starts_on is not None and self.starts_on <= day <= self.ends_on


def _events_statement(filters: CalendarFilters):
    statement = (
        select(PlanItem.id, PlanItem.title, PlanItem.audience, PlanItem.timing, PlanItem.responsible,
               PlanItem.starts_on, PlanItem.ends_on, PlanItem.status, PlanItem.plan_id,
               Network.slug, Network.name, Institution.short_name)
        .join(Plan, Plan.id == PlanItem.plan_id)
        .join(PlanSection, PlanSection.id == PlanItem.section_id)
        .join(Network, Network.id == PlanItem.network_id)
        .outerjoin(Institution, Institution.id == PlanSection.partner_institution_id)
    )
    if filters.network_id is not None:
        statement = statement.where(PlanItem.network_id == filters.network_id)
    if filters.partner_id is not None:
        linked = select(PlanItemInstitution.item_id).where(PlanItemInstitution.institution_id == filters.partner_id)
        statement = statement.where(or_(PlanSection.partner_institution_id == filters.partner_id,
                                        PlanItem.id.in_(linked)))
    if filters.grade is not None:
        # An item without grades is for everyone; an open end of a range is open.
        statement = statement.where(func.coalesce(PlanItem.grade_from, 1) <= filters.grade,
                                    func.coalesce(PlanItem.grade_to, 11) >= filters.grade)
    return statement


def _events(statement) -> list[Event]:
    return [Event(*row) for row in db.session.execute(statement)]


def events_of_year(start_year: int, filters: CalendarFilters, window: tuple[date, date] | None = None, *,
                   limit: int | None = None, offset: int = 0) -> list[Event]:
    """The dated items of the plans of one academic year (inside ``window`` if given), in date order,
    a page of them when ``limit`` is given. One statement."""
    statement = _events_statement(filters).where(Plan.start_year == start_year, PlanItem.starts_on.is_not(None))
    if window is not None:
        first, last = window
        statement = statement.where(PlanItem.starts_on <= last, PlanItem.ends_on >= first)
    statement = statement.order_by(PlanItem.starts_on, PlanItem.ends_on, Network.name, PlanItem.position,
                                   PlanItem.id).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return _events(statement)


def count_dated_events(start_year: int, filters: CalendarFilters) -> int:
    """How many dated items the year has (the list view's pager). One statement."""
    dated = _events_statement(filters).where(Plan.start_year == start_year, PlanItem.starts_on.is_not(None))
    return db.session.scalar(select(func.count()).select_from(dated.subquery())) or 0


def unread_events(start_year: int, filters: CalendarFilters, limit: int) -> tuple[list[Event], int]:
    """The first items of the year whose timing could not be read, and how many there are. One statement."""
    statement = (_events_statement(filters).add_columns(func.count().over())
                 .where(Plan.start_year == start_year, PlanItem.starts_on.is_(None))
                 .order_by(Network.name, PlanItem.position, PlanItem.id).limit(limit))
    rows = db.session.execute(statement).all()
    return [Event(*row[:-1]) for row in rows], (rows[0][-1] if rows else 0)


def dated_events() -> list[Event]:
    """Every dated item in scope, for a feed. One statement."""
    statement = _events_statement(CalendarFilters()).where(PlanItem.starts_on.is_not(None)) \
        .order_by(PlanItem.starts_on, PlanItem.id)
    return _events(statement)


def member_institutions(network_ids: list[int]) -> list[tuple[int, str]]:
    """The institutions of the networks (the partner filter's choices). One statement."""
    if not network_ids:
        return []
    rows = db.session.execute(
        select(Institution.id, Institution.short_name)
        .join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id.in_(network_ids))
        .group_by(Institution.id, Institution.short_name).order_by(Institution.short_name))
    return [(row.id, row.short_name) for row in rows]


def networks_by_id(network_ids: list[int]) -> list[tuple[int, str, str]]:
    """(id, slug, name) of the networks (the network filter's choices). One statement."""
    if not network_ids:
        return []
    return [(row.id, row.slug, row.name) for row in db.session.execute(
        select(Network.id, Network.slug, Network.name).where(Network.id.in_(network_ids)).order_by(Network.name))]
