"""Global search (поиск): one box in the header finds what the current user may see, grouped by kind.

An area adds its kind once, at import time or when the lead wires it in::

    from workspace.search.registry import register_kind
    register_kind("projects", _l("Проекты"), workspace.projects.search.search)

The hook each area provides in ``workspace/<area>/search.py``::

    def search(query: str, limit: int) -> list[tuple[str, str, str]]:
        '''(title, subtitle, url) of objects of the area the CURRENT user may see, at most ``limit``.'''

It runs inside the institution context of the search page (``/i/<slug>/search``): ``g.institution`` is
the user's institution, ``g.network_ids`` its networks, and the tenant scope is set to both, so scoped
models already answer only what is in them; finer rules of the area are explicit filters in its own
queries. Every word of the query is found in any of its forms, case-insensitive on SQLite and PostgreSQL
(«ёлки» finds «Ёлка», «сценарии» finds «Сценарий»): ``workspace.core.text.matches_search_text(Model, query)`` on
a stored ``search_text`` (kept by ``keep_search_text``), ``workspace.search.matching.contains(columns, query)``
on columns without one. One statement per kind.

Who has search: users of an institution (the box is in the header of every page). An external council
member has no institution and no search: the networks of their seats are reached from their desk and
the council pages; the operator has the console's own search of institutions.
"""
from flask import Blueprint

bp = Blueprint("search", __name__)

from workspace.search import kinds, views  # noqa: E402,F401
