"""Case- and ё-insensitive matching that works the same on SQLite and PostgreSQL.

``fold(text)`` is the Python side (lower case, «ё» → «е»); ``folded(column)`` the SQL side:

* SQLite's own lower() and LIKE fold only ASCII letters, so a deterministic SQL function
  ``ws_fold`` (this module's ``fold``) is registered on every SQLite connection;
* PostgreSQL's lower() folds Cyrillic only under a non-C locale, so the Cyrillic capitals and «ё» are
  translated explicitly after lower(): the result does not depend on the server's locale.

``contains(column, query)`` is the WHERE clause every search kind uses::

    select(PlanItem.id, PlanItem.title).where(contains(PlanItem.title, "ёлка"))   # finds «Ёлка», «ЕЛКА»
"""
from __future__ import annotations

import sqlite3

from sqlalchemy import String, event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from workspace.core.text import fold  # noqa: F401  (the one rule in Python; ws_fold below is its SQL twin)

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


def contains(column, query: str) -> ColumnElement[bool]:
    """``column`` contains ``query`` in any letter case (LIKE wildcards in the query are literal)."""
    return folded(column).contains(fold(query), autoescape=True)
