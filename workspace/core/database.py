"""Engine setup: SQLite pragmas and transaction mode, the one commit per request."""
from __future__ import annotations

import contextlib
import os
import sqlite3
import time

try:
    import fcntl
except ImportError:  # not on Windows: SQLite's own busy waiting only
    fcntl = None

from flask import Flask, g, has_request_context
from sqlalchemy import CompoundSelect, Select, Text, event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.functions import FunctionElement

from workspace.core.errors import conflict_response
from workspace.extensions import db

WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT", "WITH")  # WITH: a CTE may write
HAND_BACK_ANALYSIS_LIMIT = 1000  # rows an index that PRAGMA optimize samples at a connection's hand-back (it runs in a request)


def writes(statement: str, context) -> bool:
    """Whether a statement may write: an INSERT, UPDATE, DELETE, REPLACE or SAVEPOINT, or a WITH that is not a
    SELECT compiled from SQLAlchemy's constructs (the plan page's items and the calendar's month begin with a CTE
    and only read; a CTE before a write, or in a text, counts as a write)."""
    head = statement.lstrip()[:9].upper()
    if not head.startswith(WRITE_STATEMENTS):
        return False
    if head.startswith("WITH"):
        compiled = getattr(context, "compiled", None)
        return not isinstance(getattr(compiled, "statement", None), (Select, CompoundSelect))
    return True


class WriterQueue:
    """Write requests of every process queue on an exclusive flock() of ``<database>.writers`` before their
    BEGIN IMMEDIATE, and leave at the commit or rollback.

    SQLite itself lets a writer wait for the write lock by sleeping and retrying (1, 2, 5, 10 … 100 ms):
    under concurrent writes the lock sits free while the waiters sleep. The kernel wakes the next process
    the moment the lock is released. SQLite's own locking still guarantees correctness on its own, so
    anything that writes without queueing (a command) is merely slower.
    No-op for an in-memory database or where flock() does not exist."""

    def __init__(self, database: str | None) -> None:
        self.path = f"{database}.writers" if database not in (None, "", ":memory:") and fcntl else None
        self.fd: int | None = None
        self.pid = 0
        self.held = False

    def enter(self, *_args) -> None:
        if self.path is None:
            return
        if self.fd is None or self.pid != os.getpid():  # a forked worker opens its own description
            self.fd, self.pid = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600), os.getpid()
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        self.held = True

    def leave(self, *_args) -> None:
        if self.held:
            self.held = False
            fcntl.flock(self.fd, fcntl.LOCK_UN)


def configure_sqlite(engine: Engine, config) -> None:
    """WAL, foreign keys and a busy timeout on every connection; the planner's statistics kept fresh.

    pysqlite's own transaction handling is switched off so that BEGIN is ours. A request (a GET too: some record
    what they showed) reads in autocommit (each statement sees what is committed, as under PostgreSQL's READ COMMITTED) until its first
    write, which opens the transaction with BEGIN IMMEDIATE: the write lock is held from the first write to
    the commit, not for the whole request (its log-in, its checks, its reads), and a transaction never
    upgrades a read snapshot to a write, which would fail at once with "database is locked" under
    contention. A SAVEPOINT counts as a write; SAVEPOINTs nest correctly. Versioned rows still refuse an
    update whose row changed since it was read (409), and the journal's mark is an upsert.

    Statistics: every table carries the tenancy filter (``network_id IN (…)``) beside its selective
    one, and without statistics SQLite may take the owner's index for both (the journal grid of a city read
    every mark of the network once per pupil: 600 ms instead of 14). So a connection handed back to the pool
    runs ``PRAGMA optimize``: it analyses (sampling 1 000 rows an index) the tables this connection used that
    were never analysed or have grown 25-fold since. It does so at its first hand-back and then at most once
    every ``SQLITE_OPTIMIZE_SECONDS`` (60): an empty table never gets statistics, so every run analysed again
    each empty table the request had read (0.1–0.65 ms a request at city scale: the desk reads nine of them).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA analysis_limit={HAND_BACK_ANALYSIS_LIMIT}")
        cursor.close()

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection, record):
        writers.leave()  # (a connection handed back in a transaction was rolled back by the pool)
        if dbapi_connection is None:
            return
        now = time.monotonic()
        if now - record.info.get("optimized_at", float("-inf")) < config["SQLITE_OPTIMIZE_SECONDS"]:
            return
        with contextlib.suppress(sqlite3.OperationalError):  # busy beyond the timeout: the next check-in tries
            dbapi_connection.execute("PRAGMA optimize")
            record.info["optimized_at"] = now

    writers = WriterQueue(engine.url.database)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if has_request_context():
            # every request, a GET too (the journal records the reads of other schools' pupils): BEGIN IMMEDIATE
            # comes with the first write; a read transaction upgraded to a write failed at once under contention
            connection.info["write_pending"] = True
        else:
            connection.exec_driver_sql("BEGIN")

    @event.listens_for(engine, "before_cursor_execute")
    def _before_statement(connection, cursor, statement, _parameters, context, _executemany):
        if (connection.info.get("write_pending") and not cursor.connection.in_transaction
                and writes(statement, context)):
            writers.enter()
            cursor.execute("BEGIN IMMEDIATE")

    def _end(connection):
        connection.info.pop("write_pending", None)
        writers.leave()

    for name in ("commit", "rollback"):
        event.listen(engine, name, _end)


def analyse_sqlite(engine: Engine) -> None:
    """SQLite: ANALYZE every table, reading every row, one table a transaction; nothing on another database.

    ``PRAGMA optimize`` at the hand-back analyses only the tables a connection's planner asked about, and SQLite
    3.40 never asks about some (the enrollments counted in a correlated subquery): without this they keep no
    statistics at all. It reads every row (``analysis_limit=0``), not the hand-back's sample of 1 000 rows an
    index: sampled, a city's 20 000 plan items were counted 8 201 by one index and 37 620 by another, and the
    search read each network's items plan by plan (7.3 ms for its part instead of 4.3). A city's 45 tables
    (467 MB) take 1.9 s (sampled: 0.02 s), in the worker (hourly) and after the generator. ANALYZE holds the
    write lock, so each table is its own transaction: writers wait for one table at most (the marks, 1.45 s at
    city scale), within their busy timeout."""
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()  # autocommit (isolation_level None): each ANALYZE is its own transaction
    sqlite = connection.driver_connection
    try:
        tables = [name for (name,) in sqlite.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")]
        sqlite.execute("PRAGMA analysis_limit=0")
        try:
            for table in tables:
                sqlite.execute(f'ANALYZE "{table}"')
        finally:
            sqlite.execute(f"PRAGMA analysis_limit={HAND_BACK_ANALYSIS_LIMIT}")
    finally:
        connection.close()


def init_database(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine, app.config)

    @app.after_request
    def _commit_once(response):
        """A handler never commits; a successful request commits exactly once here."""
        if response.status_code < 400 or g.pop("keep_changes", False):
            try:
                db.session.commit()
            except StaleDataError:  # a versioned row changed under this request between its read and the commit
                db.session.rollback()
                return conflict_response()
        else:
            db.session.rollback()
        return response


class unindexed(FunctionElement):  # noqa: N801  (reads as SQL)
    """A column that SQLite's planner must not use an index of: ``+column`` (SQLite's documented way to
    keep the planner off an index), the plain column on PostgreSQL. For a query whose best plan SQLite's
    sampled statistics (``analysis_limit``) misjudge."""

    inherit_cache = True
    name = "unindexed"

    def __init__(self, column):
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element, compiler, **kw):
    return "+" + compiler.process(element.clauses, **kw)


class joined_text(FunctionElement):  # noqa: N801  (reads as SQL)
    """An aggregate: the group's texts joined with commas (NULLs left out; NULL when there are none), in no
    particular order. ``group_concat`` on SQLite, ``string_agg`` on PostgreSQL."""

    type = Text()
    inherit_cache = True
    name = "joined_text"


@compiles(joined_text)
def _joined_text_sqlite(element, compiler, **kw):
    return f"group_concat({compiler.process(element.clauses, **kw)})"


@compiles(joined_text, "postgresql")
def _joined_text_postgresql(element, compiler, **kw):
    return f"string_agg({compiler.process(element.clauses, **kw)}, ',')"
