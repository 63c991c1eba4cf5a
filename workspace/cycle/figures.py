"""The analysis's figures, computed from the product's data for the academic year — never typed: per partner the
plan's events (planned, held, cancelled), the participants of its held events by level of education, the agreements
signed with it that were in force during the year, its share of events held against the network's target; for the
network the monitoring indicators with their targets and this year's facts (workspace/monitoring).

A fixed number of statements whatever the number of partners and events: one for the plan's items with their
partners, one for the participations, one for the agreements, and the indicators' own (monitoring/queries.py)."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import SimpleNamespace

from flask import g
from sqlalchemy import delete, select

from workspace.agreements.models import Agreement, AgreementParty, AgreementStatus
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.cycle.models import AnalysisPeriod, AnalysisSnapshot, AnalysisStatus
from workspace.extensions import db
from workspace.monitoring.queries import IndicatorRow, indicator_rows
from workspace.monitoring.registry import MonitoringScope
from workspace.networks.models import InteractionRow
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanItemInstitution, PlanSection
from workspace.plans.report_models import PARENTS, PUPILS, TEACHERS, EventParticipation, EventReport

SIGNED = (AgreementStatus.ACTIVE, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED)
# The levels of education participants are counted by (a report counts them by classes): key, first, last class.
LEVELS = (("primary", 1, 4), ("basic", 5, 9), ("secondary", 10, 11))
SHARE_SOURCE = "events_held_share"   # the monitoring source a partner's own share is measured against


def level_labels() -> dict[str, str]:
    return {"primary": _("1–4 классы"), "basic": _("5–9 классы"), "secondary": _("10–11 классы"),
            "mixed": _("разные уровни"), "no_class": _("обучающиеся, класс не указан"),
            "parents": _("родители"), "teachers": _("педагоги"),
            "other": _("другие взрослые (сотрудники партнёров, гости)")}


def level_of(grade_from: int | None, grade_to: int | None, category: str = PUPILS) -> str:
    """The level of education of a report's pupils row; the adults by their category (migration 0041)."""
    if category != PUPILS:
        return {PARENTS: "parents", TEACHERS: "teachers"}.get(category, "other")
    if grade_from is None:
        return "no_class"
    grade_to = grade_to or grade_from
    for key, first, last in LEVELS:
        if first <= grade_from and grade_to <= last:
            return key
    return "mixed"


@dataclass
class PartnerFigures:
    planned: int = 0
    held: int = 0
    cancelled: int = 0
    participants: dict[str, int] = field(default_factory=dict)   # level → participations
    agreements: list = field(default_factory=list)               # (number, signed_on, title, ends_on, status)

    @property
    def participants_total(self) -> int:
        return sum(self.participants.values())

    @property
    def held_share(self) -> float | None:
        return round(100 * self.held / self.planned, 1) if self.planned else None


@dataclass
class YearFigures:
    partners: dict[int, PartnerFigures]  # by member institution
    rows: dict[int, PartnerFigures]      # by row of the interaction model (a partner without an account)
    indicators: list[IndicatorRow]
    share_target: float | None          # the network's target for the share of events held, when it has one
    planned: int = 0
    held: int = 0
    kept_at: datetime | None = None     # when the council's approval kept them; None: computed now
    is_stage: bool = False              # of a passport's stage, not of an academic year

    def of(self, line) -> PartnerFigures:
        """A line's figures: its member institution's events (its sections', those linked to it, those realising
        its row) — or, for a partner without an account, the events that realise its row."""
        if line.institution_id is not None:
            return self.partners.get(line.institution_id) or PartnerFigures()
        return self.rows.get(line.interaction_row_id) or PartnerFigures()


def _items_by_partner(period: AnalysisPeriod) -> tuple[dict[int, set[int]], dict[int, set[int]],
                                                      dict[int, ItemStatus]]:
    """institution → its items of the period's plans (its section's, those it is linked to, those realising its row of
    the interaction model); row → the items realising it; item → status."""
    items: dict[int, set[int]] = defaultdict(set)
    by_row: dict[int, set[int]] = defaultdict(set)
    statuses: dict[int, ItemStatus] = {}
    for item_id, status, section_partner, linked, row_id, row_institution in db.session.execute(
            select(PlanItem.id, PlanItem.status, PlanSection.partner_institution_id, PlanItemInstitution.institution_id,
                   PlanItem.interaction_row_id, InteractionRow.institution_id)
            .join(Plan, Plan.id == PlanItem.plan_id).join(PlanSection, PlanSection.id == PlanItem.section_id)
            .outerjoin(PlanItemInstitution, PlanItemInstitution.item_id == PlanItem.id)
            .outerjoin(InteractionRow, InteractionRow.id == PlanItem.interaction_row_id)
            .where(Plan.network_id == g.network.id, Plan.start_year.in_(period.plan_years))):
        statuses[item_id] = status
        for institution_id in (section_partner, linked, row_institution):
            if institution_id is not None:
                items[institution_id].add(item_id)
        if row_id is not None:
            by_row[row_id].add(item_id)
    return items, by_row, statuses


def _participations(period: AnalysisPeriod) -> dict[int, dict[str, int]]:
    """item → level → participations, from the reports of the period's plans' items."""
    result: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item_id, grade_from, grade_to, count, category in db.session.execute(
            select(EventReport.item_id, EventParticipation.grade_from, EventParticipation.grade_to,
                   EventParticipation.count, EventParticipation.category)
            .join(EventReport, EventReport.id == EventParticipation.report_id)
            .join(PlanItem, PlanItem.id == EventReport.item_id).join(Plan, Plan.id == PlanItem.plan_id)
            .where(Plan.network_id == g.network.id, Plan.start_year.in_(period.plan_years))):
        result[item_id][level_of(grade_from, grade_to, category)] += count or 0
    return result


def _agreements(period: AnalysisPeriod) -> dict[int, list]:
    """institution → the signed agreements it is a party to whose term overlaps the period."""
    result: dict[int, list] = defaultdict(list)
    for institution_id, agreement in db.session.execute(
            select(AgreementParty.institution_id, Agreement)
            .join(Agreement, Agreement.id == AgreementParty.agreement_id)
            .where(Agreement.network_id == g.network.id, Agreement.status.in_(SIGNED),
                   Agreement.starts_on <= period.ends_on, Agreement.ends_on >= period.starts_on)
            .order_by(Agreement.signed_on, Agreement.id)):
        result[institution_id].append(agreement)
    return result


def _partner_figures(item_ids, statuses, participations, agreements) -> PartnerFigures:
    figures = PartnerFigures(agreements=agreements)
    levels: dict[str, int] = defaultdict(int)
    for item_id in item_ids:
        figures.planned += 1
        figures.held += statuses[item_id] == ItemStatus.HELD
        figures.cancelled += statuses[item_id] == ItemStatus.CANCELLED
        for level, count in participations.get(item_id, {}).items():
            levels[level] += count
    figures.participants = {key: levels[key] for key in level_labels() if levels.get(key)}
    return figures


def year_figures(year: AcademicYear) -> YearFigures:
    return period_figures(AnalysisPeriod(year.starts_on, year.ends_on, (year.start_year,)))


def period_figures(period: AnalysisPeriod) -> YearFigures:
    """The figures of an academic year or of a passport's stage: the events of the plans falling into the period,
    the agreements in force during it, the monitoring indicators of its last academic year."""
    items, by_row, statuses = _items_by_partner(period)
    participations = _participations(period)
    agreements = _agreements(period)
    partners = {institution_id: _partner_figures(items.get(institution_id, ()), statuses, participations,
                                                 agreements.get(institution_id, []))
                for institution_id in set(items) | set(agreements)}
    rows = {row_id: _partner_figures(item_ids, statuses, participations, []) for row_id, item_ids in by_row.items()}
    indicators = indicator_rows(MonitoringScope(network_ids=[g.network.id], institution_id=None,
                                                year=period.indicator_year))
    share_target = next((row.indicator.target for row in indicators
                         if row.indicator.source == SHARE_SOURCE and row.indicator.target), None)
    held = sum(1 for status in statuses.values() if status == ItemStatus.HELD)
    return YearFigures(partners, rows, indicators, share_target, len(statuses), held, is_stage=period.is_stage)


# ---------------------------------------------------------------- the figures as the council approved them

@dataclass
class AgreementFact:
    """An agreement as the snapshot keeps it: what the analysis's text names."""

    number: str
    signed_on: date
    title: str
    ends_on: date
    status: AgreementStatus

    def effective_status(self) -> AgreementStatus:
        return self.status


def _kept(value: PartnerFigures) -> dict:
    return {"planned": value.planned, "held": value.held, "cancelled": value.cancelled,
            "participants": value.participants,
            "agreements": [[agreement.number, agreement.signed_on.isoformat(), agreement.title,
                            agreement.ends_on.isoformat(), agreement.effective_status().value]
                           for agreement in value.agreements]}


def _revived_partner(value: dict) -> PartnerFigures:
    return PartnerFigures(
        value["planned"], value["held"], value["cancelled"], value["participants"],
        [AgreementFact(number, date.fromisoformat(signed_on), title, date.fromisoformat(ends_on),
                       AgreementStatus(status)) for number, signed_on, title, ends_on, status in value["agreements"]])


def snapshot(figures: YearFigures) -> str:
    """The figures as JSON, to be revived by ``revived`` (an approved analysis keeps them)."""
    return json.dumps({
        "planned": figures.planned, "held": figures.held, "share_target": figures.share_target,
        "stage": figures.is_stage,
        "partners": {str(key): _kept(value) for key, value in figures.partners.items()},
        "rows": {str(key): _kept(value) for key, value in figures.rows.items()},
        "indicators": [[row.indicator.title, row.indicator.unit, row.indicator.target, row.indicator.source,
                        row.fact, row.source_label] for row in figures.indicators],
    }, ensure_ascii=False)


def revived(text: str) -> YearFigures:
    data = json.loads(text)
    partners = {int(key): _revived_partner(value) for key, value in data["partners"].items()}
    rows = {int(key): _revived_partner(value) for key, value in data.get("rows", {}).items()}
    indicators = [IndicatorRow(SimpleNamespace(title=title, unit=unit, target=target, source=source), label, fact,
                               None, 0) for title, unit, target, source, fact, label in data["indicators"]]
    return YearFigures(partners, rows, indicators, data["share_target"], data["planned"], data["held"],
                       is_stage=data.get("stage", False))


def take_snapshot(analysis) -> None:
    """Keep the figures of ``analysis`` as they are now (its approval), replacing an older snapshot."""
    drop_snapshot(analysis)
    db.session.add(AnalysisSnapshot(network_id=analysis.network_id, analysis_id=analysis.id,
                                    figures=snapshot(period_figures(analysis.period)), taken_at=datetime.now(UTC)))


def drop_snapshot(analysis) -> None:
    db.session.execute(delete(AnalysisSnapshot).where(AnalysisSnapshot.analysis_id == analysis.id))


def analysis_figures(analysis) -> YearFigures:
    """The figures the analysis shows: those kept at its approval while it stays approved, else computed now."""
    if analysis.status == AnalysisStatus.APPROVED:
        kept = db.session.execute(select(AnalysisSnapshot.figures, AnalysisSnapshot.taken_at)
                                  .where(AnalysisSnapshot.analysis_id == analysis.id)).first()
        if kept is not None:
            figures = revived(kept.figures)
            figures.kept_at = kept.taken_at
            return figures
    return period_figures(analysis.period)
