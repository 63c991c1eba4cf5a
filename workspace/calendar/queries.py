"""What the calendar reads: column tuples of the plans' items, a fixed number of statements.

Every query runs under the tenant scope the URL (or the feed's owner) has set: a network's
calendar sees that network's plans, an institution's calendar the plans of all its networks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from sqlalchemy import (
    Date,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from tenants.models import Institution, Network
from workspace.extensions import db
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanItemInstitution, PlanSection
from workspace.plans.periods import PERIOD_WIDTH, decode_periods

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
    periods: str = ""  # each period when the timing names several (workspace.plans.periods)

    @property
    def all_periods(self) -> list[tuple[date, date]]:
        """Every period of the item («октябрь, март»: two), or its one span."""
        return decode_periods(self.periods, self.starts_on, self.ends_on)

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
        return any(start <= day <= end for start, end in self.all_periods)


class period_bound(FunctionElement):
    """The start (or end) of the ``number``-th period of an item's periods column (fixed width, see
    workspace.plans.periods): a date on PostgreSQL, its ISO text on SQLite (where dates are ISO text)."""

    type = Date()
    inherit_cache = True
    name = "period_bound"


@compiles(period_bound)
def _period_bound_sqlite(element, compiler, **kw):
    periods, number, offset = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"substr({periods}, {number} * {PERIOD_WIDTH} + {offset}, 10)"


@compiles(period_bound, "postgresql")
def _period_bound_postgresql(element, compiler, **kw):
    return f"CAST({_period_bound_sqlite(element, compiler, **kw)} AS DATE)"


def _periods_of(filters: CalendarFilters, *conditions):
    """A row per period (item_id, periods, number, network_name, position) of the items of several periods that
    meet ``conditions`` (on the item and its plan) and the filters, walked by a recursive CTE: its cost is the
    number of those periods, nothing for the items of one period (joining every item to a list of numbers cost a
    busy month 40 times its time). It carries what the calendar sorts by, so that its rows are not joined to the
    items again (SQLite then built a Bloom filter of every item of the city for that join: 3 ms a month)."""
    base = (select(PlanItem.id.label("item_id"), PlanItem.periods.label("periods"),
                   literal_column("0", Integer).label("number"), Network.name.label("network_name"),
                   PlanItem.position.label("position"))
            .join(Plan, Plan.id == PlanItem.plan_id)
            .join(PlanSection, PlanSection.id == PlanItem.section_id)
            .join(Network, Network.id == PlanItem.network_id)
            .where(PlanItem.periods != literal_column("''"), *conditions))  # (written out: the partial index's term)
    base = _filtered(base, filters).cte("item_periods", recursive=True)
    following = (select(base.c.item_id, base.c.periods, base.c.number + 1, base.c.network_name, base.c.position)
                 .where((base.c.number + 1) * PERIOD_WIDTH < func.length(base.c.periods)))
    return base.union_all(following)


def _bounds(periods):
    """The start and end of each period of ``_periods_of``."""
    return (period_bound(periods.c.periods, periods.c.number, literal_column("1")),
            period_bound(periods.c.periods, periods.c.number, literal_column("12")))


def _events_statement(filters: CalendarFilters, starts_on=PlanItem.starts_on, ends_on=PlanItem.ends_on):
    statement = (
        select(PlanItem.id, PlanItem.title, PlanItem.audience, PlanItem.timing, PlanItem.responsible,
               starts_on, ends_on, PlanItem.status, PlanItem.plan_id,
               Network.slug, Network.name, Institution.short_name, PlanItem.periods)
        .join(Plan, Plan.id == PlanItem.plan_id)
        .join(PlanSection, PlanSection.id == PlanItem.section_id)
        .join(Network, Network.id == PlanItem.network_id)
        .outerjoin(Institution, Institution.id == PlanSection.partner_institution_id)
    )
    return _filtered(statement, filters)


def _filtered(statement, filters: CalendarFilters):
    """``statement`` (of plan items joined to their sections) narrowed by the filters."""
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


def _dated(start_year: int, filters: CalendarFilters, window: tuple[date, date] | None = None):
    """The dated items of a year (inside ``window``) as narrow rows (id, starts_on, ends_on, network_name,
    position): an item of several periods once for each (of those in the window), with that period's dates.
    Sorted and cut narrow, then joined to what an event shows (a sort of the wide rows cost the list 5×)."""
    conditions = [Plan.start_year == start_year, PlanItem.starts_on.is_not(None)]
    if window is not None:
        conditions += [PlanItem.starts_on <= window[1], PlanItem.ends_on >= window[0]]

    def rows(starts, ends):
        return (select(PlanItem.id, starts.label("starts_on"), ends.label("ends_on"),
                       Network.name.label("network_name"), PlanItem.position)
                .join(PlanSection, PlanSection.id == PlanItem.section_id)
                .join(Network, Network.id == PlanItem.network_id))

    single = (rows(PlanItem.starts_on, PlanItem.ends_on).join(Plan, Plan.id == PlanItem.plan_id)
              .where(*conditions, PlanItem.periods == ""))
    periods = _periods_of(filters, *conditions)
    starts, ends = _bounds(periods)
    several = select(periods.c.item_id.label("id"), starts.label("starts_on"), ends.label("ends_on"),
                     periods.c.network_name, periods.c.position)
    if window is not None:
        several = several.where(starts <= window[1], ends >= window[0])
    return union_all(_filtered(single, filters), several).subquery("dated")


def events_of_year(start_year: int, filters: CalendarFilters, window: tuple[date, date] | None = None, *,
                   limit: int | None = None, offset: int = 0) -> list[Event]:
    """The dated items of the plans of one academic year (inside ``window`` if given), in date order,
    a page of them when ``limit`` is given: an item of several periods once for each (of those in the
    window), with that period's dates. One statement."""
    dated = _dated(start_year, filters, window)
    order = (dated.c.starts_on, dated.c.ends_on, dated.c.network_name, dated.c.position, dated.c.id)
    page = select(dated).order_by(*order).offset(offset)
    if limit is not None:
        page = page.limit(limit)
    page = page.subquery("page")
    statement = (_events_statement(CalendarFilters(), page.c.starts_on, page.c.ends_on)
                 .join(page, page.c.id == PlanItem.id)
                 .order_by(page.c.starts_on, page.c.ends_on, page.c.network_name, page.c.position, page.c.id))
    return _events(statement)


@dataclass
class MonthEvents:
    """What a month grid shows: the first long items and their total, and per day (the grid: every day an
    item covers; the agenda: its first day inside the month) the first items and that day's total."""

    long_events: list[Event] = field(default_factory=list)
    long_total: int = 0
    days: dict[date, list[Event]] = field(default_factory=dict)
    day_totals: dict[date, int] = field(default_factory=dict)
    agenda: dict[date, list[Event]] = field(default_factory=dict)
    agenda_totals: dict[date, int] = field(default_factory=dict)
    unread: list[Event] = field(default_factory=list)   # the first items of the year whose timing was not read
    unread_total: int = 0

    @property
    def has_events(self) -> bool:
        """Any item in the month: every short one has a day in the agenda (its grid days may be none, for an
        end typed before its start)."""
        return bool(self.long_total or self.agenda_totals)


class days_between(FunctionElement):
    """Whole days from the first date to the second: PostgreSQL subtracts dates, SQLite has julianday()."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between)
def _days_between_sqlite(element, compiler, **kw):
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element, compiler, **kw):
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"({end} - {start})"


_LONG, _DAY, _AGENDA, _UNREAD = 0, 1, 2, 3  # the parts of the month statement


def month_events(start_year: int, filters: CalendarFilters, first: date, last: date, *,
                 day_shown: int, long_shown: int, unread_shown: int) -> MonthEvents:
    """The month ``first``..``last`` as its grid shows it, cut in SQL so that a busy month reads no more rows
    than its page shows: the first ``long_shown`` items longer than a week and how many there are; of the
    shorter ones, the first ``day_shown`` of each day they cover (the grid) and of the day each first appears
    on inside the month (the agenda), with each day's total. The order is the calendar's everywhere: date,
    end, network, position in the plan. And the first ``unread_shown`` items of the year whose timing could not
    be read, with their total (what ``unread_events`` reads for the list view). One statement."""
    length = (last - first).days + 1
    statement = _month_statement(length, filters.network_id is not None, filters.partner_id is not None,
                                 filters.grade is not None, day_shown, long_shown, unread_shown)
    parameters = {"start_year": start_year, "first": first, "last": last, **_filter_values(filters),
                  **{f"day_{n}": first + timedelta(days=n) for n in range(length)}}
    result, made = MonthEvents(), {}
    for *row, kind, day, total in db.session.execute(statement, parameters):
        event = made.get(row[0]) or made.setdefault(row[0], Event(*row))
        if kind == _LONG:
            result.long_events.append(event)
            result.long_total = total
        elif kind == _DAY:
            result.days.setdefault(day, []).append(event)
            result.day_totals[day] = total
        elif kind == _UNREAD:
            result.unread.append(event)
            result.unread_total = total
        else:
            result.agenda.setdefault(day, []).append(event)
            result.agenda_totals[day] = total
    return result


@cache
def _month_statement(length: int, by_network: bool, by_partner: bool, by_grade: bool, day_shown: int,
                     long_shown: int, unread_shown: int) -> Select:
    """``month_events``' statement for a month of ``length`` days and the filters given, built once with bound
    parameters (building it costs more than running it). The items are numbered on narrow rows (their sort
    keys); only the rows kept are joined to what an event shows."""
    first, last = bindparam("first", type_=Date), bindparam("last", type_=Date)
    filters = _bound_filters(by_network, by_partner, by_grade)
    # A row per item of one period that meets the month, and per period that meets it of the others («октябрь,
    # март» in October: the October one).
    start_year = bindparam("start_year", type_=Integer)
    common = (Plan.start_year == start_year, PlanItem.starts_on <= last, PlanItem.ends_on >= first)

    def month_rows(starts, ends):
        return (select(PlanItem.id, starts.label("starts_on"), ends.label("ends_on"),
                       Network.name.label("network_name"), PlanItem.position,
                       (days_between(starts, ends) < LONG_AFTER_DAYS).label("is_short"))
                .join(PlanSection, PlanSection.id == PlanItem.section_id)
                .join(Network, Network.id == PlanItem.network_id))

    single = (month_rows(PlanItem.starts_on, PlanItem.ends_on).join(Plan, Plan.id == PlanItem.plan_id)
              .where(*common, PlanItem.periods == ""))
    periods = _periods_of(filters, *common)
    starts, ends = _bounds(periods)
    several = (select(periods.c.item_id.label("id"), starts.label("starts_on"), ends.label("ends_on"),
                      periods.c.network_name, periods.c.position,
                      (days_between(starts, ends) < LONG_AFTER_DAYS).label("is_short"))
               .where(starts <= last, ends >= first))
    items = union_all(_filtered(single, filters), several).cte("month_items")
    month_days = union_all(*(select(bindparam(f"day_{n}", type_=Date).label("day"))
                             for n in range(length))).cte("month_days")
    order = (items.c.starts_on, items.c.ends_on, items.c.network_name, items.c.position, items.c.id)
    is_short = items.c.is_short == True  # noqa: E712 (an SQL comparison, the same on both databases)
    is_long = items.c.is_short == False  # noqa: E712

    # The long items: the first ones by a sort with a limit, their total by a count (no window over them all).
    # (an item of two long periods in one month, «1–10 и 20–31 октября», is listed once)
    long_total = select(func.count(items.c.id.distinct())).where(is_long).scalar_subquery()
    long_items = (select(items.c.id, func.min(items.c.starts_on).label("starts_on"),
                         func.min(items.c.ends_on).label("ends_on"), items.c.network_name, items.c.position)
                  .where(is_long).group_by(items.c.id, items.c.network_name, items.c.position).subquery())
    long_part = (select(literal(_LONG, Integer).label("kind"), first.label("day"),
                        literal(0, Integer).label("number"), long_total.label("total"), long_items.c.id)
                 .order_by(long_items.c.starts_on, long_items.c.ends_on, long_items.c.network_name,
                           long_items.c.position, long_items.c.id).limit(long_shown).subquery())

    def numbered(kind: int, day, *joins) -> Select:
        """The short items numbered per ``day``; the first ``day_shown`` of each day with its total."""
        statement = select(literal(kind, Integer).label("kind"), day.label("day"),
                           func.row_number().over(partition_by=day, order_by=order).label("number"),
                           func.count().over(partition_by=day).label("total"), items.c.id)
        for target, on in joins:
            statement = statement.join(target, on)
        ranked = statement.where(is_short).subquery()
        return select(ranked).where(ranked.c.number <= day_shown)

    covered = and_(items.c.starts_on <= month_days.c.day, items.c.ends_on >= month_days.c.day)
    first_day = case((items.c.starts_on < first, first), else_=items.c.starts_on)
    # The items whose timing was not read: the first ones by network and position, with their total.
    unread = _filtered(
        select(literal(_UNREAD, Integer).label("kind"), first.label("day"),
               func.row_number().over(order_by=(Network.name, PlanItem.position, PlanItem.id)).label("number"),
               func.count().over().label("total"), PlanItem.id)
        .join(Plan, Plan.id == PlanItem.plan_id)
        .join(PlanSection, PlanSection.id == PlanItem.section_id)
        .join(Network, Network.id == PlanItem.network_id)
        .where(Plan.start_year == start_year, PlanItem.starts_on.is_(None)), filters).subquery()
    parts = union_all(select(long_part),
                      numbered(_DAY, month_days.c.day, (month_days, covered)),
                      numbered(_AGENDA, first_day),
                      select(unread).where(unread.c.number <= unread_shown)).subquery()
    return (_events_statement(CalendarFilters())
            .add_columns(parts.c.kind, parts.c.day, parts.c.total)
            .join(parts, parts.c.id == PlanItem.id)
            # (every part's items are of the year's plans: said again, so that the join reads those plans' items
            # and not every item of the page's networks of all years)
            .where(Plan.start_year == start_year)
            .order_by(parts.c.kind, parts.c.day, parts.c.number, PlanItem.starts_on, PlanItem.ends_on,
                      Network.name, PlanItem.position, PlanItem.id))


def count_dated_events(start_year: int, filters: CalendarFilters) -> int:
    """How many dated items the year has, an item of several periods once for each (the list view's pager). One
    statement."""
    return db.session.scalar(select(func.count()).select_from(_dated(start_year, filters))) or 0


def unread_events(start_year: int, filters: CalendarFilters, limit: int) -> tuple[list[Event], int]:
    """The first items of the year whose timing could not be read, and how many there are. One statement."""
    statement = _unread_statement(filters.network_id is not None, filters.partner_id is not None,
                                  filters.grade is not None)
    rows = db.session.execute(statement, {"start_year": start_year, "limit": limit, **_filter_values(filters)}).all()
    return [Event(*row[:-1]) for row in rows], (rows[0][-1] if rows else 0)


@cache
def _unread_statement(by_network: bool, by_partner: bool, by_grade: bool) -> Select:
    """``unread_events``' statement for the filters given, built once with bound parameters."""
    return (_events_statement(_bound_filters(by_network, by_partner, by_grade)).add_columns(func.count().over())
            .where(Plan.start_year == bindparam("start_year", type_=Integer), PlanItem.starts_on.is_(None))
            .order_by(Network.name, PlanItem.position, PlanItem.id).limit(bindparam("limit", type_=Integer)))


def _bound_filters(by_network: bool, by_partner: bool, by_grade: bool) -> CalendarFilters:
    """Filters of bound parameters (``network_id``, ``partner_id``, ``grade``) for a statement built once."""
    return CalendarFilters(**{name: bindparam(name, type_=Integer) if given else None for name, given in
                              (("network_id", by_network), ("partner_id", by_partner), ("grade", by_grade))})


def _filter_values(filters: CalendarFilters) -> dict:
    return {"network_id": filters.network_id, "partner_id": filters.partner_id, "grade": filters.grade}


def dated_events() -> list[Event]:
    """Every dated item in scope, for a feed. One statement."""
    statement = _events_statement(CalendarFilters()).where(PlanItem.starts_on.is_not(None)) \
        .order_by(PlanItem.starts_on, PlanItem.id)
    return _events(statement)


def networks_by_id(network_ids: list[int]) -> list[tuple[int, str, str]]:
    """(id, slug, name) of the networks (the network filter's choices). One statement."""
    if not network_ids:
        return []
    return [(row.id, row.slug, row.name) for row in db.session.execute(
        select(Network.id, Network.slug, Network.name).where(Network.id.in_(network_ids)).order_by(Network.name))]
