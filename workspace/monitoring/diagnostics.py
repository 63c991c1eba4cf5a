"""Diagnostics of the «diagnostic» method: the school's totals, the formula that turns them into the indicator's
value, the dashboard section (the network: per institution, no names; an institution: its own results) and the
rows the pupil's route shows.

How an indicator's value at a measurement point is computed when the schools entered diagnostics:

* every school's total at the point sums its rows: a class adds its pupils assessed and its numbers at each level,
  a pupil adds one pupil at their level; a class's mean score counts for each of its assessed pupils;
* a school whose total has fewer than ``MIN_PUPILS`` pupils with a level (or with a score) is shown as «мало
  данных» and left out of the network's value, so that one pupil's result cannot be read off by subtraction;
* the network's value is (Σ высокий + Σ средний) ÷ Σ (высокий + средний + низкий) × 100 over the remaining schools
  (a share in %), or, for an indicator measured in points (unit «балл…»), the mean score Σ (score × pupils) ÷ Σ
  pupils; with no diagnostics entered at a point the network's typed value stays.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import g
from sqlalchemy import case, func, select

from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.extensions import db
from workspace.monitoring.catalogue import LEVEL_LABELS, POINT_LABELS
from workspace.monitoring.charts import format_number
from workspace.monitoring.diagnostic_models import KIND_PUPIL, DiagnosticEntry, DiagnosticTotal
from workspace.monitoring.models import DIAGNOSTIC, POINTS, MonitoringIndicator
from workspace.monitoring.registry import (
    Figure,
    MonitoringScope,
    SectionContent,
    register_monitoring_section,
)

MIN_PUPILS = 5

FORMULA = _l("Значение в каждой точке замера считается из диагностик, которые внесли школы: (высокий + средний) ÷ "
             "(высокий + средний + низкий) × 100 по всем оценённым обучающимся (класс даёт свои числа, обучающийся — "
             "одного оценённого на своём уровне); для показателя в баллах — средний балл, взвешенный по числу "
             "оценённых. Школа, где оценено меньше 5 обучающихся, показывается как «мало данных» и в значение сети "
             "не входит. Пока диагностик нет, значение вводит сеть.")


def is_scored(indicator: MonitoringIndicator) -> bool:
    """An indicator measured in points: its value is the mean score, not the share of levels."""
    return indicator.unit.strip().lower().startswith("балл")


@dataclass
class Sums:
    assessed: int = 0
    high: int = 0
    middle: int = 0
    low: int = 0
    scored: int = 0
    score_sum: float = 0.0

    def add(self, row) -> None:
        self.assessed += row.assessed
        self.high += row.high
        self.middle += row.middle
        self.low += row.low
        self.scored += row.scored
        self.score_sum += row.score_sum

    @property
    def leveled(self) -> int:
        return self.high + self.middle + self.low

    def value(self, scored: bool) -> float | None:
        """The share at high and middle level (%) or the mean score; None below ``MIN_PUPILS``."""
        if scored:
            return round(self.score_sum / self.scored, 2) if self.scored >= MIN_PUPILS else None
        return round(100 * (self.high + self.middle) / self.leveled, 1) if self.leveled >= MIN_PUPILS else None

    def shares(self) -> tuple[float, float, float] | None:
        if self.leveled < MIN_PUPILS:
            return None
        return tuple(round(100 * part / self.leveled, 1) for part in (self.high, self.middle, self.low))


# ---------------------------------------------------------------- the school's writes

def refresh_total(indicator: MonitoringIndicator, start_year: int, point: str,
                  institution_id: int | None = None) -> None:
    """Recount the school's total at a point from its rows (two statements and a write); the school is the
    request's institution unless named (the demo loader)."""
    institution_id = institution_id or g.institution.id
    db.session.flush()
    sums = db.session.execute(
        select(func.coalesce(func.sum(DiagnosticEntry.assessed), 0), func.coalesce(func.sum(DiagnosticEntry.high), 0),
               func.coalesce(func.sum(DiagnosticEntry.middle), 0), func.coalesce(func.sum(DiagnosticEntry.low), 0),
               func.coalesce(func.sum(case((DiagnosticEntry.score.is_(None), 0), else_=DiagnosticEntry.assessed)), 0),
               func.coalesce(func.sum(DiagnosticEntry.score * DiagnosticEntry.assessed), 0.0),
               func.count(DiagnosticEntry.id))
        .where(DiagnosticEntry.institution_id == institution_id, DiagnosticEntry.indicator_id == indicator.id,
               DiagnosticEntry.start_year == start_year, DiagnosticEntry.point == point)).one()
    total = db.session.scalar(select(DiagnosticTotal).where(
        DiagnosticTotal.indicator_id == indicator.id, DiagnosticTotal.institution_id == institution_id,
        DiagnosticTotal.start_year == start_year, DiagnosticTotal.point == point))
    if not sums[6]:
        if total is not None:
            db.session.delete(total)
        return
    if total is None:
        total = DiagnosticTotal(network_id=indicator.network_id, indicator_id=indicator.id,
                                institution_id=institution_id, start_year=start_year, point=point)
        db.session.add(total)
    (total.assessed, total.high, total.middle, total.low, total.scored, total.score_sum) = (
        int(sums[0]), int(sums[1]), int(sums[2]), int(sums[3]), int(sums[4]), float(sums[5]))


# ---------------------------------------------------------------- what the dashboards read

def _totals(scope: MonitoringScope) -> list:
    """The totals of both years in the scope (an institution's dashboard: its own only) with their indicator's title
    and unit: one statement per request, shared by the section and the indicators' values."""
    memo = g.setdefault("_diagnostic_totals", {})
    key = (tuple(sorted(scope.network_ids)), scope.institution_id, scope.year.start_year)
    if key not in memo:
        statement = (select(DiagnosticTotal.indicator_id, DiagnosticTotal.institution_id, DiagnosticTotal.start_year,
                            DiagnosticTotal.point, DiagnosticTotal.assessed, DiagnosticTotal.high,
                            DiagnosticTotal.middle, DiagnosticTotal.low, DiagnosticTotal.scored,
                            DiagnosticTotal.score_sum, MonitoringIndicator.title, MonitoringIndicator.unit,
                            MonitoringIndicator.position)
                     .join(MonitoringIndicator, MonitoringIndicator.id == DiagnosticTotal.indicator_id)
                     .where(MonitoringIndicator.source == DIAGNOSTIC,DiagnosticTotal.network_id.in_(scope.network_ids),
                            DiagnosticTotal.start_year.in_([year.start_year for year in scope.years])))
        if scope.institution_id is not None:
            statement = statement.where(DiagnosticTotal.institution_id == scope.institution_id)
        memo[key] = db.session.execute(statement).all()
    return memo[key]


def network_sums(rows) -> dict[tuple[int, int, str], Sums]:
    """(indicator, year, point) → the sums of the schools with enough pupils (a school below ``MIN_PUPILS``
    is left out); a key is present whenever any school entered diagnostics there."""
    result: dict[tuple[int, int, str], Sums] = {}
    for row in rows:
        sums = result.setdefault((row.indicator_id, row.start_year, row.point), Sums())
        if row.high + row.middle + row.low >= MIN_PUPILS or row.scored >= MIN_PUPILS:
            sums.add(row)
    return result


def diagnostic_values(scope: MonitoringScope, indicators) -> dict[int, dict[tuple[int, str], float | None]]:
    """indicator id → {(year, point): computed value} for the diagnostic indicators with entries."""
    chosen = {indicator.id: indicator for indicator in indicators if indicator.source == DIAGNOSTIC}
    if not chosen:
        return {}
    result: dict[int, dict[tuple[int, str], float | None]] = {}
    for (indicator_id, year, point), sums in network_sums(_totals(scope)).items():
        if indicator_id in chosen:
            result.setdefault(indicator_id, {})[(year, point)] = sums.value(is_scored(chosen[indicator_id]))
    return result


def _columns(scope: MonitoringScope) -> list[tuple[int, str, str]]:
    return [(year.start_year, point, f"{year.label}: {str(POINT_LABELS[point]).lower()}")
            for year in reversed(scope.years) for point in POINTS]


def _shown(value: float | None, entered: bool):
    if not entered:
        return None
    return str(_("мало данных")) if value is None else value


def diagnostics_section(scope: MonitoringScope) -> SectionContent:
    """Per diagnostic indicator with entries: a table of institutions (and the network) by measurement point."""
    rows = _totals(scope)
    if not rows:
        return SectionContent()
    names = scope.institution_names()
    columns = _columns(scope)
    indicators: dict[int, list] = {}
    for row in sorted(rows, key=lambda row: (row.position, row.indicator_id)):
        indicators.setdefault(row.indicator_id, []).append(row)
    figures = []
    for indicator_id, own in indicators.items():
        scored = own[0].unit.strip().lower().startswith("балл")
        schools = sorted({row.institution_id for row in own}, key=lambda key: names.get(key, ""))
        by_key = {(row.institution_id, row.start_year, row.point): row for row in own}
        categories = [names.get(key, "—") for key in schools]
        series = []
        for year, point, label in columns:
            values = []
            for school in schools:
                row = by_key.get((school, year, point))
                sums = Sums()
                if row is not None:
                    sums.add(row)
                values.append(_shown(sums.value(scored), row is not None))
            series.append((label, values))
        if scope.institution_id is None:
            totals = network_sums(own)
            categories.append(str(_("Сеть")))
            for index, (year, point, _label) in enumerate(columns):
                sums = totals.get((indicator_id, year, point))
                series[index][1].append(_shown(sums.value(scored) if sums else None, sums is not None))
        figures.append(Figure(key=f"diagnostic-{indicator_id}", title=own[0].title, chart="table",
                              category_label=str(_("Учреждение")), categories=categories, series=series,
                              unit=own[0].unit, description=str(FORMULA)))
    return SectionContent(figures=figures, note=str(_(
        "Результаты по обучающимся видит только их школа; здесь — итоги по учреждениям без имён.")))


register_monitoring_section("diagnostics", _l("Диагностика обучающихся"), diagnostics_section, position=65)


# ---------------------------------------------------------------- the pupil's route

@dataclass
class RouteDiagnostic:
    day: object
    title: str
    level: str  # in words: «высокий, балл 8»
    score: float | None
    point: str
    note: str


def pupil_diagnostics(pupil_id: int) -> list[RouteDiagnostic]:
    """The pupil's own rows in the home school (one statement), oldest first."""
    months = {"start": (9, 15), "middle": (1, 15), "final": (5, 15)}
    rows = db.session.execute(
        select(DiagnosticEntry, MonitoringIndicator.title)
        .join(MonitoringIndicator, MonitoringIndicator.id == DiagnosticEntry.indicator_id)
        .where(DiagnosticEntry.kind == KIND_PUPIL, DiagnosticEntry.pupil_id == pupil_id,
               DiagnosticEntry.institution_id == g.institution.id)
        .order_by(DiagnosticEntry.start_year, DiagnosticEntry.id)).all()
    result = []
    for entry, title in rows:
        month, day = months.get(entry.point, (5, 15))
        words = [str(LEVEL_LABELS[entry.level])] if entry.level else []
        if entry.score is not None:
            words.append(_("балл %(score)s", score=format_number(entry.score)))
        result.append(RouteDiagnostic(AcademicYear(entry.start_year).date_of(month, day), title, ", ".join(words),
                                      entry.score, entry.point, entry.note))
    return result
