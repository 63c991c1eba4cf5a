"""The interaction model's rows as the pages and documents read them: the partner's name (a member institution's, or
the typed name of a partner without an account), its role in the network, and a row's events of the year with the
computed indicators of its effect."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import g
from sqlalchemy import and_, func, select
from sqlalchemy.orm.attributes import set_committed_value

from tenants.models import Institution, MemberRole, Membership
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.rendering import per_request
from workspace.extensions import db
from workspace.monitoring.models import MonitoringIndicator, MonitoringValue
from workspace.monitoring.queries import latest
from workspace.monitoring.registry import SOURCES, MonitoringScope
from workspace.networks.models import PARTNER_KIND_LABELS, InteractionRow, PartnerKind
from workspace.plans.models import ItemStatus, Plan, PlanItem
from workspace.plans.report_models import EventParticipation, EventReport


def _with_partners(statement):
    """Each row with its institution loaded and ``member_role`` set (None for a partner without an account or one
    whose institution has left the network)."""
    found = db.session.execute(
        statement.add_columns(Institution, Membership.role)
        .outerjoin(Institution, Institution.id == InteractionRow.institution_id)
        .outerjoin(Membership, and_(Membership.network_id == InteractionRow.network_id,
                                    Membership.institution_id == InteractionRow.institution_id))).all()
    rows = []
    for row, institution, role in found:
        set_committed_value(row, "institution", institution)
        row.member_role = role
        rows.append(row)
    return rows


def rows_of_current_network() -> list[InteractionRow]:
    """The network's model in its order: one statement."""
    return _with_partners(select(InteractionRow).where(InteractionRow.network_id == g.network.id)
                          .order_by(InteractionRow.position, InteractionRow.id))


def row_with_partner(row_id: int) -> InteractionRow | None:
    found = _with_partners(select(InteractionRow).where(InteractionRow.network_id == g.network.id,
                                                        InteractionRow.id == row_id))
    return found[0] if found else None


def partner_name(row: InteractionRow, full: bool = False) -> str:
    """The partner as a table names it: the institution's short (or full) name, else the typed name."""
    institution = row.__dict__.get("institution")
    if institution is not None:
        return (institution.full_name or institution.short_name) if full else institution.short_name
    return row.partner_name or str(PARTNER_KIND_LABELS[row.kind])


def partner_kind_label(row: InteractionRow) -> str:
    """«базовая организация» / «сетевой партнёр» / «социальный партнёр» for a member, the kind for the others."""
    role = getattr(row, "member_role", None)
    if row.kind == PartnerKind.MEMBER and role is not None:
        return str(label(role))
    return str(PARTNER_KIND_LABELS[row.kind])


def is_base_row(network, row: InteractionRow) -> bool:
    return row.institution_id is not None and (row.institution_id == network.base_institution_id
                                               or getattr(row, "member_role", None) == MemberRole.BASE)


def member_choices(network) -> list[tuple[int, str]]:
    """The member institutions a row may name, by name."""
    return [(institution_id, name) for institution_id, name in db.session.execute(
        select(Institution.id, Institution.short_name).join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == network.id).order_by(Institution.short_name))]


def linked_item_counts(row_ids) -> dict[int, int]:
    """How many plan items name each row (of any year): a linked row cannot be deleted."""
    if not row_ids:
        return {}
    return dict(db.session.execute(
        select(PlanItem.interaction_row_id, func.count()).where(PlanItem.interaction_row_id.in_(list(row_ids)))
        .group_by(PlanItem.interaction_row_id)).all())


def items_using_forms(row: InteractionRow, forms: set[str]) -> list[str]:
    """The forms among ``forms`` that plan items of the row have chosen."""
    if not forms:
        return []
    return sorted(db.session.scalars(select(PlanItem.interaction_form).distinct().where(
        PlanItem.interaction_row_id == row.id, PlanItem.interaction_form.in_(sorted(forms)))))


@dataclass
class RowEvent:
    id: int
    plan_id: int
    number: str
    title: str
    timing: str
    form: str
    status: ItemStatus
    participants: int = 0


@dataclass
class RowYear:
    """A row's events of one academic year and the indicators computed from them."""
    year: AcademicYear
    events: list[RowEvent] = field(default_factory=list)

    @property
    def planned(self) -> int:
        return sum(1 for event in self.events if event.status != ItemStatus.CANCELLED)

    @property
    def held(self) -> int:
        return sum(1 for event in self.events if event.status == ItemStatus.HELD)

    @property
    def participants(self) -> int:
        return sum(event.participants for event in self.events)


def row_year(row: InteractionRow, year: AcademicYear) -> RowYear:
    """The row's events in the plan of ``year`` (planned / held) with the participants of their reports: two
    statements whatever the number of events."""
    items = db.session.execute(
        select(PlanItem.id, PlanItem.plan_id, PlanItem.number, PlanItem.title, PlanItem.timing,
               PlanItem.interaction_form, PlanItem.status)
        .join(Plan, and_(Plan.id == PlanItem.plan_id, Plan.network_id == PlanItem.network_id))
        .where(PlanItem.interaction_row_id == row.id, Plan.start_year == year.start_year)
        .order_by(PlanItem.starts_on.is_(None), PlanItem.starts_on, PlanItem.position, PlanItem.id)).all()
    result = RowYear(year, [RowEvent(*values) for values in items])
    if result.events:
        counts = dict(db.session.execute(
            select(EventReport.item_id, func.coalesce(func.sum(EventParticipation.count), 0))
            .join(EventParticipation, EventParticipation.report_id == EventReport.id)
            .where(EventReport.item_id.in_([event.id for event in result.events]))
            .group_by(EventReport.item_id)).all())
        for event in result.events:
            event.participants = int(counts.get(event.id, 0))
    return result


@dataclass(frozen=True)
class EffectIndicator:
    name: str
    value: int | float | None
    unit: str = ""
    target: int | float | None = None


def effect_indicators(row: InteractionRow, year: AcademicYear, data: RowYear | None = None) -> list[EffectIndicator]:
    """The indicators that measure a row's social effect in a year: the computed ones (events planned and held,
    participants from the event reports) and the monitoring indicators tied to the row (monitoring_indicators_of_row)."""
    data = data or row_year(row, year)
    return [EffectIndicator(_("Мероприятий запланировано"), data.planned),
            EffectIndicator(_("Мероприятий проведено"), data.held),
            EffectIndicator(_("Участников (по отчётам)"), data.participants),
            *monitoring_indicators_of_row(row, year)]


def monitoring_indicators_of_row(row: InteractionRow, year: AcademicYear) -> list[EffectIndicator]:
    """The monitoring indicators (workspace.monitoring) the network tied to this row on the indicator's form, each
    with its target and its fact for ``year`` as the monitoring dashboard counts it: the latest measurement point
    entered by hand, or the network's figure of a computed source. One statement, and a computed source's own."""
    found = db.session.execute(
        select(MonitoringIndicator, MonitoringValue.point, MonitoringValue.value)
        .outerjoin(MonitoringValue, and_(MonitoringValue.indicator_id == MonitoringIndicator.id,
                                         MonitoringValue.start_year == year.start_year))
        .where(MonitoringIndicator.network_id == row.network_id, MonitoringIndicator.interaction_row_id == row.id)
        .order_by(MonitoringIndicator.position, MonitoringIndicator.id)).all()
    indicators: dict[int, object] = {}
    values: dict[int, dict[str, float]] = {}
    for indicator, point, value in found:
        indicators[indicator.id] = indicator
        if point is not None:
            values.setdefault(indicator.id, {})[point] = value
    scope = MonitoringScope(network_ids=[row.network_id], institution_id=None, year=year)
    result = []
    for indicator in indicators.values():
        if indicator.is_manual:
            fact = latest(values.get(indicator.id, {}))
        else:
            source = SOURCES.get(indicator.source)
            fact = source.compute(scope)[0] if source is not None else None
        result.append(EffectIndicator(indicator.title, fact, indicator.unit, indicator.target))
    return result


def interaction_options() -> list[tuple[int, str, list[str]]]:
    """(row id, partner's name, forms) of the network's rows, for a plan item's choice."""
    return [(row.id, partner_name(row), row.form_list) for row in rows_of_current_network()]


def _row_names() -> dict[int, str]:
    return {row.id: partner_name(row) for row in rows_of_current_network()}


def row_names() -> dict[int, str]:
    """The partners' names of the network's rows, read once per request (the plan's cells need them only when an
    item names a row)."""
    return per_request(_row_names)


def interaction_text(item) -> str:
    """«Драмтеатр — Спектакли» for an item that names a row and a form; empty for none."""
    if item.interaction_row_id is None:
        return ""
    name = row_names().get(item.interaction_row_id, "—")
    return f"{name} — {item.interaction_form}" if item.interaction_form else name


def member_rows_by_institution() -> dict[int, tuple[int, list[str]]]:
    """institution id → (row id, forms) for each member institution with exactly one row in the model: the row an
    imported event of that partner's plan section realises."""
    found: dict[int, list[tuple[int, list[str]]]] = {}
    for row_id, institution_id, forms in db.session.execute(
            select(InteractionRow.id, InteractionRow.institution_id, InteractionRow.forms)
            .where(InteractionRow.network_id == g.network.id, InteractionRow.institution_id.is_not(None))):
        found.setdefault(institution_id, []).append(
            (row_id, [line.strip() for line in forms.splitlines() if line.strip()]))
    return {institution_id: rows[0] for institution_id, rows in found.items() if len(rows) == 1}


def form_named_in(forms: list[str], text: str) -> str:
    """The one form the event's title contains word for word («Экскурсии» in «Экскурсии в музей»), else empty."""
    folded = text.casefold()
    named = [form for form in forms if form.casefold() in folded]
    return named[0] if len(named) == 1 else ""
