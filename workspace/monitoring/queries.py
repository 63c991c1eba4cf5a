"""Scoped loads of the monitoring area and the indicators' plan-versus-fact rows."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import and_, select

from workspace.extensions import db
from workspace.monitoring.models import MonitoringIndicator, MonitoringValue
from workspace.monitoring.registry import SOURCES, MonitoringScope


def get_indicator_or_404(indicator_id: int) -> MonitoringIndicator:
    return db.first_or_404(select(MonitoringIndicator).where(MonitoringIndicator.id == indicator_id))


def get_value(indicator: MonitoringIndicator, start_year: int) -> MonitoringValue | None:
    return db.session.scalar(select(MonitoringValue).where(MonitoringValue.indicator_id == indicator.id,
                                                           MonitoringValue.start_year == start_year))


@dataclass
class IndicatorRow:
    indicator: MonitoringIndicator
    source_label: str
    fact: float | None
    previous: float | None
    value_version: int  # of this year's hand-entered value; 0 when none yet

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
        select(MonitoringIndicator, MonitoringValue.start_year, MonitoringValue.value, MonitoringValue.version)
        .outerjoin(MonitoringValue, and_(MonitoringValue.indicator_id == MonitoringIndicator.id,
                                         MonitoringValue.start_year.in_(years)))
        .order_by(MonitoringIndicator.position, MonitoringIndicator.id)).all()
    indicators: dict[int, MonitoringIndicator] = {}
    manual: dict[int, dict[int, tuple[float, int]]] = {}
    for indicator, start_year, value, version in rows:
        indicators[indicator.id] = indicator
        if start_year is not None:
            manual.setdefault(indicator.id, {})[start_year] = (value, version)
    result = []
    for indicator in indicators.values():
        values = manual.get(indicator.id, {})
        this = values.get(scope.year.start_year)
        last = values.get(scope.previous.start_year)
        if indicator.is_manual:
            result.append(IndicatorRow(indicator, _("вводится вручную"), this[0] if this else None,
                                       last[0] if last else None, this[1] if this else 0))
            continue
        source = SOURCES.get(indicator.source)
        if source is None:
            result.append(IndicatorRow(indicator, _("источник недоступен"), None, None, 0))
            continue
        fact, previous = source.compute(scope)
        result.append(IndicatorRow(indicator, str(source.label), fact, previous, 0))
    return result
