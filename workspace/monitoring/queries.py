"""Scoped loads of the monitoring area and the indicators' plan-versus-fact rows."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, select

from workspace.core.i18n import gettext as _
from workspace.extensions import db
from workspace.monitoring.catalogue import METHOD_LABELS
from workspace.monitoring.diagnostics import diagnostic_values
from workspace.monitoring.models import POINTS, MonitoringIndicator, MonitoringValue
from workspace.monitoring.registry import SOURCES, MonitoringScope


def get_indicator_or_404(indicator_id: int) -> MonitoringIndicator:
    return db.first_or_404(select(MonitoringIndicator).where(MonitoringIndicator.id == indicator_id))


def get_value(indicator: MonitoringIndicator, start_year: int, point: str) -> MonitoringValue | None:
    return db.session.scalar(select(MonitoringValue).where(MonitoringValue.indicator_id == indicator.id,
                                                           MonitoringValue.start_year == start_year,
                                                           MonitoringValue.point == point))


def latest(values: dict[str, float]) -> float | None:
    """A year's fact: the value of its latest measurement point (итоговый before промежуточный before входная)."""
    for point in reversed(POINTS):
        if point in values:
            return values[point]
    return None


@dataclass
class IndicatorRow:
    indicator: MonitoringIndicator
    source_label: str
    fact: float | None
    previous: float | None
    value_version: int  # of this year's hand-entered value; 0 when none yet
    # hand-entered values by (start year, point) of both years (empty for a computed source)
    points: dict[tuple[int, str], float] = field(default_factory=dict)

    def at(self, start_year: int, point: str) -> float | None:
        return self.points.get((start_year, point))

    @property
    def level(self) -> str | None:
        """This year's level (высокий / средний / низкий) by the indicator's thresholds."""
        return self.indicator.level_of(self.fact)

    @property
    def previous_level(self) -> str | None:
        return self.indicator.level_of(self.previous)

    @property
    def change(self) -> float | None:
        """This year's fact minus last year's."""
        if self.fact is None or self.previous is None:
            return None
        return round(self.fact - self.previous, 1)

    def change_within(self, start_year: int) -> float | None:
        """The change within a year: its latest point minus its входная диагностика."""
        values = {point: value for (year, point), value in self.points.items() if year == start_year}
        first, last = values.get(POINTS[0]), latest({k: v for k, v in values.items() if k != POINTS[0]})
        return None if first is None or last is None else round(last - first, 1)

    @property
    def progress(self) -> float | None:
        """Fact as a percentage of the target."""
        if self.fact is None or not self.indicator.target:
            return None
        return round(100 * self.fact / self.indicator.target, 1)

    @property
    def is_met(self) -> bool:
        return self.progress is not None and self.progress >= 100


def indicator_rows(scope: MonitoringScope) -> list[IndicatorRow]:
    """Every indicator of the network with this year's and last year's fact (one statement for the
    indicators and their hand-entered values; computed sources share the sections' statements)."""
    years = [scope.year.start_year, scope.previous.start_year]
    rows = db.session.execute(
        select(MonitoringIndicator, MonitoringValue.start_year, MonitoringValue.point, MonitoringValue.value,
               MonitoringValue.version)
        .outerjoin(MonitoringValue, and_(MonitoringValue.indicator_id == MonitoringIndicator.id,
                                         MonitoringValue.start_year.in_(years)))
        .order_by(MonitoringIndicator.position, MonitoringIndicator.id)).all()
    indicators: dict[int, MonitoringIndicator] = {}
    manual: dict[int, dict[tuple[int, str], tuple[float, int]]] = {}
    for indicator, start_year, point, value, version in rows:
        indicators[indicator.id] = indicator
        if start_year is not None:
            manual.setdefault(indicator.id, {})[(start_year, point)] = (value, version)
    result = []
    computed = diagnostic_values(scope, indicators.values())  # schools' diagnostics replace the typed values
    for indicator in indicators.values():
        values = {key: value for key, (value, _version) in manual.get(indicator.id, {}).items()}
        values.update(computed.get(indicator.id, {}))
        if indicator.is_manual:
            this = latest({point: v for (year, point), v in values.items() if year == scope.year.start_year})
            last = latest({point: v for (year, point), v in values.items() if year == scope.previous.start_year})
            result.append(IndicatorRow(indicator, str(METHOD_LABELS[indicator.source]), this, last, 0, values))
            continue
        source = SOURCES.get(indicator.source)
        if source is None:
            result.append(IndicatorRow(indicator, _("источник недоступен"), None, None, 0))
            continue
        fact, previous = source.compute(scope)
        result.append(IndicatorRow(indicator, str(source.label), fact, previous, 0))
    return result
