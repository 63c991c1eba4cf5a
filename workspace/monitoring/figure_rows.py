"""«Строки, из которых посчитано»: the rows behind a dashboard's figure, on a small read-only page.

An area registers, for the keys of its figures, a function that lists what the figure counted for a scope (the
same scope as the dashboard: a network, or one institution's share in all its networks) — events of the plan,
participants rows of the reports, agreements. The dashboard links each such figure from its «Как считается»
fold. The rows name institutions and events, never pupils: a figure over pupils has no rows page here.
"""
from __future__ import annotations

from flask import abort, g, request, url_for
from flask_login import login_required

from workspace.core.dates import AcademicYear
from workspace.core.rendering import render
from workspace.monitoring import bp
from workspace.monitoring.registry import ROWS, Figure, MonitoringScope, SectionContent


def link_rows(sections: list[tuple[object, SectionContent]], scope: MonitoringScope) -> None:
    """Give every figure with registered rows (and no list of its own) its rows page's address."""
    for _entry, content in sections:
        for figure in content.figures:
            _link(figure, scope)


def _link(figure: Figure, scope: MonitoringScope) -> None:
    if figure.rows_url or figure.key not in ROWS:
        return
    if scope.institution_id is None:
        figure.rows_url = url_for("monitoring.network_figure_rows", figure_key=figure.key,
                                  year=scope.year.start_year)
    else:
        figure.rows_url = url_for("monitoring.institution_figure_rows", figure_key=figure.key,
                                  year=scope.year.start_year)


def _year() -> AcademicYear:
    value = request.args.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return AcademicYear(int(value))
    return AcademicYear.current()


def _page(scope: MonitoringScope, figure_key: str, back: str, heading: str):
    provider = ROWS.get(figure_key)
    if provider is None:
        abort(404)
    table = provider(scope)
    return render("monitoring/figure_rows.html", scope=scope, table=table, back=back, heading=heading)


@bp.get("/n/<network>/monitoring/rows/<figure_key>")
@login_required
def network_figure_rows(figure_key: str):
    scope = MonitoringScope(network_ids=[g.network.id], institution_id=None, year=_year())
    return _page(scope, figure_key, url_for("monitoring.network_dashboard", year=scope.year.start_year),
                 g.network.name)


@bp.get("/i/<institution>/monitoring/rows/<figure_key>")
@login_required
def institution_figure_rows(figure_key: str):
    scope = MonitoringScope(network_ids=list(g.network_ids), institution_id=g.institution.id, year=_year())
    return _page(scope, figure_key, url_for("monitoring.institution_dashboard", year=scope.year.start_year),
                 g.institution.short_name)
