"""The dashboard's sections drawn, each once while the rows it was drawn from are shared.

A section's provider computes its figures from the rows the dashboard read (``scope.rows``), and those rows are
shared between the requests of a process for ``MONITORING_CACHE_SECONDS`` (``registry.share_rows``). Its drawing
(the figures computed, the charts and tables written: about half of the page's time) is then the same for every
view of that scope until the rows are read again, and it is kept beside them — per language and per page (the
dashboard, its printable version: their links differ). A provider that asked the database for anything else
while it was drawn (the diagnostics read their hand-entered totals) is drawn again on every view: what is kept
holds only what the shared rows already say, and is read again with them.
"""
from __future__ import annotations

from flask import render_template, request
from flask_babel import get_locale
from markupsafe import Markup

from workspace.core.statement_count import statements_run
from workspace.monitoring.figure_rows import link_rows
from workspace.monitoring.registry import MonitoringScope, sorted_sections


def drawn_sections(scope: MonitoringScope) -> Markup:
    """Every section of the dashboard of ``scope``, drawn (``monitoring/_section.html``)."""
    scope.read_all()
    language, page = str(get_locale()), request.path
    drawn = []
    for entry in sorted_sections():
        key = ("drawn section", entry.key, language, page)
        section = scope.cache.get(key)
        if section is None:
            asked = statements_run()
            content = entry.provider(scope)
            link_rows([(entry, content)], scope)
            section = Markup(render_template("monitoring/_section.html", entry=entry, content=content, scope=scope))
            if statements_run() == asked:
                scope.cache[key] = section
        drawn.append(section)
    return Markup("").join(drawn)
