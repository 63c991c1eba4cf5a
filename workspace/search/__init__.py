"""Global search (поиск): one box in the header finds what the current user may see, grouped by kind.

Each area registers its kinds in its own ``workspace/<area>/search.py``, which the area's ``__init__.py``
imports (so the registration happens when ``create_app`` imports the area's blueprint; this package imports
no area)::

    from workspace.search.registry import Part, network_ids, register_search_kind
    register_search_kind("projects", _l("Проекты"), projects_statement, present_projects, position=60)

Positions taken (the order of the groups): plan items 10, plans 20, passports 25, council meetings 30,
institutions 40, people 50, projects 60, agreements 70, programmes and pupils 80, the bank 90, the request table 100.

The hooks::

    def projects_statement(shape: SearchShape) -> Part:
        '''The select (labelled columns) and order of the objects of the area the CURRENT user may see.'''
        return Part(select(Project.id, Project.title, Network.slug).join(...)
                    .where(Project.network_id.in_(network_ids), shape.matches(Project.search_text)),
                    (Project.starts_on.desc(), Project.id.desc()))

    def present_projects(rows, query: str, limit: int) -> list[tuple[str, str, str]]:
        '''(title, subtitle, url) of the rows (named tuples of the part's columns), at most ``limit``.'''

The statement names no value of the request: ``network_ids`` (``g.network_ids``), ``institution_id``
(``g.institution``), ``user_id`` and ``user_institution_id`` (``current_user``) are bound parameters of
``workspace.search.registry``, the query's forms those of ``shape.matches``; every kind's statement is built once
per shape of query and joined into ONE statement for the page (``workspace.search.registry``). It runs inside the
institution context of the search page (``/i/<slug>/search``), where the tenant scope is set to the institution
and its networks, so scoped models already answer only what is in them; finer rules of the area are explicit
filters in its own select. Every word of the query is found in any of its forms, case-insensitive on SQLite and
PostgreSQL («ёлки» finds «Ёлка», «сценарии» finds «Сценарий»): ``shape.matches`` checks the word starts of a stored
``search_text`` (kept by ``keep_search_text``; ``workspace.core.text``), on PostgreSQL after a full-text prefix
query on its GIN index. Within a group the rows come best first: a kind gives its ``Part`` a
``relevance(shape, text, title)`` (the query's forms in the title, its words stored whole) and its own order
breaks the ties.

Who has search: users of an institution (the box is in the header of every page). An external council
member has no institution and no search: the networks of their seats are reached from their desk and
the council pages; the operator has the console's own search of institutions.
"""
from flask import Blueprint

bp = Blueprint("search", __name__)

from workspace.search import views  # noqa: E402,F401
