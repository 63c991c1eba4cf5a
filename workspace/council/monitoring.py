"""The council's figure provider and computed source for the monitoring dashboard: its decisions by
outcome, both years in one grouped statement."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask_babel import format_date
from sqlalchemy import func, select

from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.council.models import AgendaItem, Decision, Outcome
from workspace.extensions import db
from workspace.monitoring.registry import (
    BoundScope,
    Figure,
    Headline,
    MonitoringScope,
    RowsTable,
    SectionContent,
    by_year,
    register_figure_rows,
    register_indicator_source,
    register_monitoring_rows,
    register_monitoring_section,
)


def decision_rows(scope: MonitoringScope) -> list[tuple[date, str, int]]:
    """(day, outcome, count) of the council's decisions of both years: one grouped read."""
    return scope.rows("decision_rows")


def _decision_rows(scope: BoundScope):
    return (select(Decision.decided_on, Decision.outcome, func.count(Decision.id))
            .where(Decision.decided_on >= scope.previous.starts_on, Decision.decided_on <= scope.year.ends_on)
            .group_by(Decision.decided_on, Decision.outcome))


def _decision_values(_scope: MonitoringScope, rows) -> list[tuple[date, str, int]]:
    return [(day, outcome.value, count) for day, outcome, count in rows]


def decision_totals(scope: MonitoringScope) -> dict[int, int]:
    totals = {year.start_year: 0 for year in scope.years}
    for day, _outcome, count in decision_rows(scope):
        year = scope.year_of(day)
        if year is not None:
            totals[year.start_year] += count
    return totals


def council_decision_rows(scope: MonitoringScope) -> RowsTable:
    """The council's decisions of both years the figure counts, with their question: one statement."""
    query = (select(Decision.decided_on, AgendaItem.title, Decision.outcome, Decision.votes_for,
                    Decision.votes_against, Decision.votes_abstain)
             .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
             .where(Decision.decided_on >= scope.previous.starts_on, Decision.decided_on <= scope.year.ends_on)
             .order_by(Decision.decided_on.desc(), Decision.id))
    rows = [[format_date(day, "dd.MM.yyyy"), title, label(outcome), votes_for, votes_against, abstained]
            for day, title, outcome, votes_for, votes_against, abstained in db.session.execute(query)]
    return RowsTable(_("Решения совета, из которых посчитано"),
                     [_("Дата решения"), _("Вопрос повестки"), _("Решение"), _("За"), _("Против"), _("Воздержались")],
                     rows)


def council_section(scope: MonitoringScope) -> SectionContent:
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for day, outcome, count in decision_rows(scope):
        year = scope.year_of(day)
        if year is not None:
            counts[outcome][year.start_year] += count
    outcomes = [outcome for outcome in Outcome if counts[outcome.value]]
    totals = decision_totals(scope)
    this, last = scope.year.start_year, scope.previous.start_year
    figure = Figure(
        "council-decisions", _("Решения координационного совета"), "bars", _("Решение"),
        [label(outcome) for outcome in outcomes],
        [(scope.year.label, [counts[o.value][this] for o in outcomes]),
         (scope.previous.label, [counts[o.value][last] for o in outcomes])],
        _("Число решений совета по исходу голосования, этот и прошлый учебный год."))
    return SectionContent(headlines=[Headline(_("Решений совета"), totals[this], totals[last])], figures=[figure])


register_figure_rows(("council-decisions",), council_decision_rows)
register_monitoring_rows("decision_rows", _decision_rows, _decision_values)
register_monitoring_section("council", _l("Координационный совет"), council_section, position=80)
register_indicator_source("council_decisions", _l("Решений координационного совета"), "шт.", by_year(decision_totals),
                          position=60)
