"""Global search (поиск): one box in the header finds what the current user may see, grouped by kind.

Each area registers its kinds in its own ``workspace/<area>/search.py``, which the area's ``__init__.py``
imports (so the registration happens when ``create_app`` imports the area's blueprint; this package imports
no area)::

    from workspace.search.registry import register_search_kind
    register_search_kind("projects", _l("Проекты"), search, position=60)

Positions taken (the order of the groups): plan items 10, plans 20, council meetings 30, institutions 40,
people 50, projects 60, agreements 70, programmes and pupils 80, the bank 90, the request table 100.

The hook::

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

from workspace.search import views  # noqa: E402,F401
