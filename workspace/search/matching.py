"""Matching of columns that keep no stored search text (plan titles, council agendas, normative documents),
the same on SQLite and PostgreSQL. Rows with a stored ``search_text`` use ``workspace.core.text
.matches_search_text`` instead (word starts, ready for an index).

``fold(text)`` is the Python side (lower case, «ё» → «е»); ``folded(column)`` the SQL side:

* SQLite's own lower() and LIKE fold only ASCII letters, so a deterministic SQL function
  ``ws_fold`` (this module's ``fold``) is registered on every SQLite connection;
* PostgreSQL's lower() folds Cyrillic only under a non-C locale, so the Cyrillic capitals and «ё» are
  translated explicitly after lower(): the result does not depend on the server's locale.

``contains(columns, query)`` is the WHERE clause of such a kind: every word of the query, reduced to its form
(``workspace.core.text.search_forms``: folded, Snowball stem), is found in one of the folded columns::

    select(Plan.id, Plan.title).where(contains(Plan.title, "ёлки"))   # finds «Ёлка», «ЕЛКА»
"""
from __future__ import annotations

import sqlite3

from sqlalchemy import Integer, String, and_, event, false, or_
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from workspace.core.text import fold, search_forms  # fold: the one rule in Python; ws_fold below is its SQL twin

CAPITALS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё"
SMALL = "абвгдеежзийклмнопрстуфхцчшщъыьэюяе"


class folded(FunctionElement):  # noqa: N801  (reads as a SQL function)
    """SQL: the folded form of a text column (see the module docstring)."""

    type = String()
    inherit_cache = True
    name = "ws_fold"


@compiles(folded)
def _folded_default(element, compiler, **kw):
    return f"ws_fold({compiler.process(element.clauses, **kw)})"


@compiles(folded, "postgresql")
def _folded_postgresql(element, compiler, **kw):
    return f"translate(lower({compiler.process(element.clauses, **kw)}), '{CAPITALS}', '{SMALL}')"


@event.listens_for(Engine, "connect")
def _register_sqlite_fold(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("ws_fold", 1, fold, deterministic=True)


class position_of(FunctionElement):  # noqa: N801
    """SQL: where ``needle`` first stands in ``haystack``, from 1; 0 where it does not (``instr`` on SQLite,
    ``strpos`` on PostgreSQL)."""

    type = Integer()
    inherit_cache = True
    name = "instr"


@compiles(position_of)
def _position_of_default(element, compiler, **kw):
    needle, haystack = element.clauses.clauses
    return f"instr({compiler.process(haystack, **kw)}, {compiler.process(needle, **kw)})"


@compiles(position_of, "postgresql")
def _position_of_postgresql(element, compiler, **kw):
    needle, haystack = element.clauses.clauses
    return f"strpos({compiler.process(haystack, **kw)}, {compiler.process(needle, **kw)})"


def contains(columns, query: str) -> ColumnElement[bool]:
    """Every form of ``query``'s words is found in one of ``columns`` (a column or a tuple of them) in any letter
    case (LIKE wildcards in the query are literal); a query without a word matches nothing."""
    columns = columns if isinstance(columns, (tuple, list)) else (columns,)
    forms = search_forms(query)
    if not forms:
        return false()
    return and_(*(or_(*(folded(column).contains(form, autoescape=True) for column in columns)) for form in forms))
