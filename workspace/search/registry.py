"""The registry of search kinds: each area registers (kind, label, statement, present, position) from its own
``workspace/<area>/search.py``; the page asks the database for every kind in ONE statement and shows the groups
in the order of their positions.

A kind's ``statement(shape)`` builds (never runs) a ``Part``: a select of labelled columns and its order. It names
no value of the request: the query's forms come from ``shape.matches(column, ...)`` and the request's networks,
institution and user are the bound parameters below, so the statement of every kind for a query of one shape
(how many forms) is built once and then only executed with new values. ``run_search`` takes each part's first
rows (best first, the limit asked) and joins the parts into one statement (``workspace.core.union``). The
tenant-scoping hook scopes every part like any other nested select (its loader criteria reach into subqueries).
A kind's ``present(rows, query, limit)`` turns its rows (named tuples of its own columns) into (title, subtitle,
url), at most ``limit``."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask import g
from flask_login import current_user
from sqlalchemy import Integer, Select, String, bindparam, case, literal
from sqlalchemy.sql.elements import ColumnElement

from workspace.core.text import SearchShape, search_parameters, search_shape
from workspace.core.union import Union, ordered_union
from workspace.extensions import db
from workspace.search.matching import folded, position_of


@dataclass(frozen=True)
class Part:
    """What a kind asks the database: ``statement`` (labelled columns), its ``order_by``; it takes the rows asked
    for (``LIMIT``), ``candidates`` times as many when ``present`` chooses among them. With a ``relevance``
    (see ``relevance``), the rows come best first and ``order_by`` breaks the ties."""
    statement: Select
    order_by: tuple
    candidates: int = 1
    relevance: ColumnElement | None = None


def relevance(shape: SearchShape, text, title=None) -> ColumnElement[int]:
    """SQL: how well a row that matches the query (every form begins a word of its stored ``text``) answers it,
    the same on both dialects:

    * for every form found in the row's folded ``title`` (the name a person reads first): 3, or 4 where the title
      begins with it;
    * for every word of the query stored whole in ``text``: 2 («классы» asked and stored; «класса» only matches).

    Rows of equal relevance keep the kind's own order. The title is folded once per form and row (on SQLite a
    Python function); a form holds no LIKE wildcard (``search_forms`` keeps letters, digits and «№»), so its LIKE
    parameter is the form itself."""
    if not shape.forms:
        return literal(0, Integer)
    terms = []
    for n in range(shape.forms):
        whole = (literal(" ") + text + literal(" ")).like(bindparam(f"search_exact_{n}", type_=String()), escape="/")
        terms.append(case((whole, 2), else_=0))
        if title is not None:
            found_at = position_of(bindparam(f"search_form_{n}", type_=String()), folded(title))
            terms.append(case((found_at == 1, 4), (found_at > 1, 3), else_=0))
    score = terms[0]
    for term in terms[1:]:
        score = score + term
    return score


# The values of a request, as bound parameters of the statements a kind builds once (``run_search`` gives them):
network_ids = bindparam("search_network_ids", expanding=True)      # g.network_ids
institution_id = bindparam("search_institution_id", type_=Integer)  # g.institution.id
user_id = bindparam("search_user_id", type_=Integer)                # current_user.id
user_institution_id = bindparam("search_user_institution_id", type_=Integer)  # current_user.institution_id
_row_limit = bindparam("search_limit", type_=Integer)

Statement = Callable[[SearchShape], Part]
Present = Callable[[Sequence, str, int], list[tuple[str, str, str]]]


@dataclass(frozen=True)
class Kind:
    kind: str
    label: object          # a lazy string: the group's heading
    statement: Statement
    present: Present
    position: int = 100    # groups are shown by position (ties: in the order of registration)


@dataclass(frozen=True)
class Result:
    title: str
    subtitle: str
    url: str


@dataclass
class Group:
    kind: str
    label: object
    results: list[Result]
    has_more: bool


_kinds: dict[str, Kind] = {}
_statements: dict[tuple, Union] = {}  # (kinds, shape) -> the combined statement


def register_search_kind(kind: str, label, statement: Statement, present: Present, *, position: int = 100) -> None:
    """Add (or replace) a kind of search results; groups are shown by ``position``."""
    _kinds[kind] = Kind(kind, label, statement, present, position)
    _statements.clear()  # the statements built with the kind it replaces


def registered_kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: kind.position)


def _ranked(part: Part) -> tuple[Select, tuple]:
    """The part's first rows, best first (its relevance, then its order)."""
    order = part.order_by if part.relevance is None else (part.relevance.desc(), *part.order_by)
    limit = _row_limit if part.candidates == 1 else _row_limit * part.candidates
    return part.statement.limit(limit), order


def _statement(kinds: list[Kind], shape: SearchShape) -> Union:
    """The combined statement of ``kinds`` for a query of ``shape``: built once, then reused with new values."""
    key = (tuple(kind.kind for kind in kinds), shape)
    if key not in _statements:
        _statements[key] = ordered_union([_ranked(kind.statement(shape)) for kind in kinds])
    return _statements[key]


def _parameters(query: str, limit: int) -> dict:
    institution = g.get("institution")
    return {"search_network_ids": list(g.get("network_ids") or []),
            "search_institution_id": institution.id if institution is not None else None,
            "search_user_id": getattr(current_user, "id", None),
            "search_user_institution_id": getattr(current_user, "institution_id", None),
            "search_limit": limit, **search_parameters(query)}


def _rows_by_kind(kinds: list[Kind], query: str, limit: int) -> list[tuple[Kind, list]]:
    shape = search_shape(query, db.session.get_bind().dialect.name)
    if not shape.forms or limit <= 0 or not kinds:
        return []
    union = _statement(kinds, shape)
    return list(zip(kinds, union.split(db.session.execute(union.statement, _parameters(query, limit)))))


def run_search(query: str, limit: int, only: str | None = None) -> list[Group]:
    """Every kind (or only one), each asked for ``limit + 1`` to know whether there are more: one statement."""
    kinds = [kind for kind in registered_kinds() if not only or kind.kind == only]
    groups = []
    for kind, rows in _rows_by_kind(kinds, query, limit + 1):
        found = kind.present(rows, query, limit + 1) if rows else []
        results = [Result(*result) for result in found[:limit]]
        if results:
            groups.append(Group(kind.kind, kind.label, results, len(found) > limit))
    return groups


def search_kind(kind: str, query: str, limit: int) -> list[tuple[str, str, str]]:
    """One kind's (title, subtitle, url), at most ``limit``: what the page shows of it."""
    found = _rows_by_kind([_kinds[kind]], query, limit)
    return _kinds[kind].present(found[0][1], query, limit)[:limit] if found and found[0][1] else []
