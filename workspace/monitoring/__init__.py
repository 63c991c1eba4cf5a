"""Monitoring of the network's effectiveness (мониторинг эффективности): dashboards per network and
per institution for an academic year compared with the previous one, the network's own indicators
(критерии и показатели) with plan versus fact, a printable page and an Excel report.

The dashboard is a list of **sections**, each filled by a **figure provider**; an indicator's fact comes
from a named **computed source** or is entered by hand. Both are registered in
``workspace.monitoring.registry``, so an area adds its own without touching this package.

The monitoring programme (issue 20): a network starts from a template of the real programmes' criteria
(``workspace.monitoring.catalogue``: network interaction, seven criteria; personal development, five) and edits
the copied indicators. An indicator has a method (a computed source with its stated formula; a hand-entered
value, a diagnostic's aggregate or the council's expert rating), a target and level thresholds (высокий from
``level_high``, средний from ``level_middle``). Hand-entered values are snapshots at measurement points
(``MonitoringValue.point``: входная диагностика, промежуточный, итоговый замер); a year's fact is its latest
point's value, and the dashboard shows every point of both years, the level, the change between the years
and within a year. Diagnostics are entered by the home school per class or per pupil
(``diagnostic_models``, ``diagnostic_views``); the network reads per-school totals only and the indicator's value
at a point is computed from them (the formula: ``workspace.monitoring.diagnostics``).

Provider interface
------------------

A provider is a plain function ``provider(scope: MonitoringScope) -> SectionContent``::

    from workspace.core.i18n import lazy_gettext as _l
    from workspace.monitoring.registry import (Figure, Headline, SectionContent, by_year, register_indicator_source,
                                               register_monitoring_rows, register_monitoring_section)

    # one grouped SELECT covering both years, built from a BoundScope (the scope's values as bound parameters:
    # built once per kind of dashboard; None where that kind has nothing to read), and what its rows become
    register_monitoring_rows("agreement_rows", lambda bound: select(...).where(... bound.year.ends_on ...),
                             lambda scope, rows: [...])

    def agreements_section(scope):
        # scope.network_ids — the networks (one on a network's dashboard, all the institution's on an
        #   institution's); the request's tenant scope already limits every query to them.
        # scope.institution_id — None on a network's dashboard; else show that institution's share.
        # scope.year, scope.previous — AcademicYear (starts_on, ends_on, label); scope.years — both.
        # scope.rows(key) — a registered read, shared by the section and the indicator sources; a dashboard
        #   reads every registered read in ONE statement before its sections (scope.read_all()). A section
        #   computed from these rows alone is drawn once while they are shared (workspace.monitoring.drawing);
        #   one that asks the database for more (the diagnostics' hand-entered totals) is drawn on every view.
        # scope.institution_names(), scope.network_names() — id → name (registered reads too).
        rows = scope.rows("agreement_rows")
        return SectionContent(
            headlines=[Headline("Договоров действует", this_year, last_year, "шт.")],
            figures=[Figure(key="agreements-by-kind", title="Договоры по видам", chart="bars",
                            category_label="Вид", categories=[...],
                            series=[(scope.year.label, [...]), (scope.previous.label, [...])],
                            description="What is counted, for the chart's <desc> and the report.")],
            note="An honest remark about what the figures do not count.")

    register_monitoring_section("agreements", _l("Договоры о сотрудничестве"), agreements_section, position=30)
    register_indicator_source("agreements_active", _l("Действующих договоров"), "шт.", by_year(agreement_totals),
                              position=80)

Rules a provider keeps: a fixed number of statements whatever the data (read grouped column tuples,
never entities in a loop; the dashboard's statement count is pinned in
tests/monitoring/test_query_budgets.py); both years in the same statement; numbers only — the
chart kinds are ``bars`` (grouped), ``lines`` (ordered categories such as months), ``stacked``
(shares of each category's total) and ``table``; every figure is drawn as SVG by
``workspace.monitoring.charts`` and its table is shown beside it and written to the Excel report.
Put the provider in the area's own package, ``workspace/<area>/monitoring.py``, registering at import time
(as ``workspace/agreements/monitoring.py`` does), and import that module from the area's ``__init__.py``: the
registration happens when ``create_app`` imports the area's blueprint, and this package imports no area.
The ``position`` argument places the section: events 10 (plans), coverage 20 (plans), pupils covered by
network programmes 25 (programmes), agreements in force 30, projects by status and their indicators 40,
attendance in network groups 50 (journal), surveys 60, council 80 are taken. Indicator sources are listed in
the indicator form by their ``position``: the plan's 10–50, council 60, programmes 70, agreements 80, projects
90, journal 100, surveys 110.
A computed source becomes selectable in the indicator form as soon as it is registered; the
``survey_satisfaction`` source shows how a source shares its section's statement through
``scope.cached``. Statement counts to keep: tests/monitoring/test_query_budgets.py pins the network's
dashboard at 15 statements (16 on PostgreSQL) and an institution's at 14 (15); a new section adds its own
fixed number and the pin is raised by it.
"""
from flask import Blueprint

bp = Blueprint("monitoring", __name__)


from workspace.monitoring import views  # noqa: E402,F401
from workspace.monitoring import figure_rows  # noqa: E402,F401  (the rows behind a figure)
from workspace.monitoring import history  # noqa: E402,F401  (hub registrations)
from workspace.monitoring import diagnostic_views, diagnostics  # noqa: E402,F401  (school diagnostics, section)
