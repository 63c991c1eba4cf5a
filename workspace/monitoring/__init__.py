"""Monitoring of the network's effectiveness (мониторинг эффективности): dashboards per network and
per institution for an academic year compared with the previous one, the network's own indicators
(критерии и показатели) with plan versus fact, a printable page and an Excel report.

The dashboard is a list of **sections**, each filled by a **figure provider**; an indicator's fact comes
from a named **computed source** or is entered by hand. Both are registered in
``workspace.monitoring.registry``, so an area adds its own without touching this package.

Provider interface
------------------

A provider is a plain function ``provider(scope: MonitoringScope) -> SectionContent``::

    from flask_babel import lazy_gettext as _l
    from workspace.monitoring.registry import (Figure, Headline, SectionContent,
                                               register_indicator_source, register_section)

    def agreements_section(scope):
        # scope.network_ids — the networks (one on a network's dashboard, all the institution's on an
        #   institution's); the request's tenant scope already limits every query to them.
        # scope.institution_id — None on a network's dashboard; else show that institution's share.
        # scope.year, scope.previous — AcademicYear (starts_on, ends_on, label); scope.years — both.
        # scope.cached(key, compute) — share one query between the section and indicator sources.
        # scope.institution_names(), scope.network_names() — id → name (one statement for both, cached).
        rows = scope.cached("agreements", lambda: ...one grouped SELECT covering both years...)
        return SectionContent(
            headlines=[Headline("Договоров действует", this_year, last_year, "шт.")],
            figures=[Figure(key="agreements-by-kind", title="Договоры по видам", chart="bars",
                            category_label="Вид", categories=[...],
                            series=[(scope.year.label, [...]), (scope.previous.label, [...])],
                            description="What is counted, for the chart's <desc> and the report.")],
            note="An honest remark about what the figures do not count.")

    register_section("agreements", _l("Договоры о сотрудничестве"), agreements_section, order=30)
    register_indicator_source("agreements_active", _l("Действующих договоров"), "шт.",
                              lambda scope: (this_year_value, last_year_value))

Rules a provider keeps: a fixed number of statements whatever the data (read grouped column tuples,
never entities in a loop; the dashboard's statement count is pinned in
tests/monitoring/test_query_budgets.py); both years in the same statement; numbers only — the
chart kinds are ``bars`` (grouped), ``lines`` (ordered categories such as months), ``stacked``
(shares of each category's total) and ``table``; every figure is drawn as SVG by
``workspace.monitoring.charts`` and its table is shown beside it and written to the Excel report.
Put the provider in the area's own package (``workspace/agreements/monitoring.py`` with a ``register()``
function, as ``workspace/surveys/monitoring.py`` does) and add one line calling it to
``register_providers()`` below, which the application factory runs once. The ``order`` argument places
the section: events 10, pupils covered by network programmes 25, coverage 20, agreements in force 30, projects
by status and their indicators 40, attendance in network groups 50, surveys 60, council 80 are taken (the
sections 25–50 live in ``workspace/monitoring/area_providers.py``).
A computed source becomes selectable in the indicator form as soon as it is registered; the
``survey_satisfaction`` source shows how a source shares its section's statement through
``scope.cached``. Statement counts to keep: tests/monitoring/test_query_budgets.py pins the network's
dashboard at 15 statements (16 on PostgreSQL) and an institution's at 14 (15); a new section adds its own
fixed number and the pin is raised by it.
"""
from flask import Blueprint

bp = Blueprint("monitoring", __name__)


def register_providers() -> None:
    """The providers of the data that exists today; other areas add theirs the same way."""
    from workspace.monitoring import providers
    providers.register()
    from workspace.monitoring import area_providers
    area_providers.register()
    from workspace.surveys import monitoring as survey_monitoring
    survey_monitoring.register()


from workspace.monitoring import views  # noqa: E402,F401
