"""SQLite settings: WAL, foreign keys, busy timeout, BEGIN IMMEDIATE at the first write, nested savepoints.

These run on a SQLite file of their own whatever database the rest of the suite uses."""
from __future__ import annotations

from datetime import date

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import IntegrityError

from tenants.scoping import unscoped
from tests.conftest import csrf_token_from, login
from tests.fixtures import factories
from workspace import create_app
from workspace.config import TestConfig
from workspace.desk.models import Note
from workspace.extensions import db
from workspace.letters.worker import run_forever


@pytest.fixture
def sqlite_app(tmp_path):
    app = create_app(TestConfig(f"sqlite:///{tmp_path / 'own.db'}"))
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_pragmas_on_every_connection(sqlite_app):
    with sqlite_app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_foreign_keys_are_enforced(sqlite_app):
    with sqlite_app.app_context(), unscoped():
        db.session.add(Note(institution_id=424242, body="без учреждения"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_nested_savepoints_roll_back_only_their_part(sqlite_app):
    with sqlite_app.app_context(), unscoped():
        school = factories.create_institution("Школа", slug="sp-school")
        db.session.add(Note(institution_id=school.id, body="внешняя"))
        with db.session.begin_nested():
            db.session.add(Note(institution_id=school.id, body="сохраняется"))
        nested = db.session.begin_nested()
        db.session.add(Note(institution_id=school.id, body="откатывается"))
        db.session.flush()
        nested.rollback()
        db.session.commit()
        bodies = set(db.session.scalars(select(Note.body)))
    assert bodies == {"внешняя", "сохраняется"}


def test_write_requests_take_the_write_lock_at_their_first_write(sqlite_app):
    """A request reads in autocommit and opens its transaction with BEGIN IMMEDIATE right before its first write
    (the lock is not held during its reads, and a read transaction is never upgraded to a write: under contention
    that failed at once with "database is locked", as eight teachers opening journal grids showed)."""
    with sqlite_app.app_context(), unscoped():
        school = factories.create_institution("Школа", slug="lock-school")
        user = factories.create_user(school, "coordinator")
        db.session.commit()
        email = user.email
        engine = db.engine
    statements: list[str] = []

    def trace(dbapi_connection, _record, _proxy):  # SQLite's own trace: every statement it runs, BEGINs too
        dbapi_connection.set_trace_callback(statements.append)

    event.listen(engine, "checkout", trace)
    try:
        client = sqlite_app.test_client()
        login(client, email)
        statements.clear()
        client.get("/i/lock-school/")
        assert statements and not [s for s in statements if s.startswith("BEGIN")]  # a page that only reads
        page = client.get("/i/lock-school/").get_data(as_text=True)
        statements.clear()
        client.post("/i/lock-school/notes", data={"body": "запись", "csrf_token": csrf_token_from(page)})
        first_write = next(i for i, s in enumerate(statements) if s.startswith("INSERT"))
        assert statements[first_write - 1] == "BEGIN IMMEDIATE"
        before = statements[:first_write - 1]
        assert before and all(s.startswith(("SELECT", "PRAGMA")) for s in before), before
        assert "COMMIT" in statements[first_write:]
    finally:
        event.remove(engine, "checkout", trace)
    with sqlite_app.app_context(), unscoped():
        assert db.session.scalar(select(func.count()).select_from(Note)) == 1
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_read_that_begins_with_a_cte_takes_no_write_lock(sqlite_app):
    """The calendar's month and the plan page's items are SELECTs that begin with WITH: they read in autocommit
    like any read. (Taken for writes, they held SQLite's write lock and the writers' queue from that statement to
    the end of the request: every calendar and plan page of every process waited for the one before it.)"""
    with sqlite_app.app_context(), unscoped():
        school = factories.create_institution("Школа", slug="cte-school")
        network = factories.create_network(school, slug="cte-net")
        plan = factories.create_plan(network, start_year=2026)
        factories.create_item(factories.create_section(plan), timing="сентябрь")
        email, plan_id = factories.create_user(school, "coordinator").email, plan.id
        db.session.commit()
        engine = db.engine
    statements: list[str] = []

    def trace(dbapi_connection, _record, _proxy):
        dbapi_connection.set_trace_callback(statements.append)

    client = sqlite_app.test_client()
    login(client, email)
    event.listen(engine, "checkout", trace)
    try:
        for path in ("/n/cte-net/calendar/?month=2026-09", f"/n/cte-net/plans/{plan_id}", "/i/cte-school/calendar/"):
            statements.clear()
            assert client.get(path).status_code == 200
            assert any(s.lstrip().startswith("WITH") for s in statements), path
            assert not [s for s in statements if s.startswith(("BEGIN", "COMMIT"))], path
    finally:
        event.remove(engine, "checkout", trace)


def test_what_counts_as_a_write():
    from sqlalchemy import insert, literal_column
    from sqlalchemy.dialects import sqlite

    from workspace.core.database import writes
    from workspace.plans.models import PlanItem

    class Context:  # what SQLAlchemy's execution context carries for a compiled statement
        def __init__(self, statement):
            self.compiled = statement.compile(dialect=sqlite.dialect())

    ids = select(PlanItem.id).cte("ids")
    reading = select(ids.c.id)
    assert not writes(str(Context(reading).compiled), Context(reading))
    union = select(ids.c.id).union_all(select(literal_column("1")))
    assert not writes(str(Context(union).compiled), Context(union))
    copying = insert(Note).add_cte(ids).from_select(["institution_id", "body"],
                                                    select(ids.c.id, literal_column("'x'")))
    copied = Context(copying)
    assert str(copied.compiled).startswith("WITH") and writes(str(copied.compiled), copied)
    assert writes("WITH ids AS (SELECT 1) DELETE FROM notes WHERE id IN ids", None)  # a text: taken for a write
    assert writes("  insert into notes VALUES (1)", None) and writes("SAVEPOINT sa_savepoint_1", None)
    assert not writes("SELECT 1", None) and not writes("PRAGMA optimize", None)


def test_the_planner_gets_statistics_of_what_requests_read(sqlite_app):
    """A connection handed back to the pool runs PRAGMA optimize: the tables it read and never analysed
    get statistics, so the planner picks the selective index over the tenancy's owner index."""
    sqlite_app.config["SQLITE_OPTIMIZE_SECONDS"] = 0  # at every hand-back: the log-in's would come first
    with sqlite_app.app_context(), unscoped():
        school = factories.create_institution("Школа", slug="stat-school")
        user = factories.create_user(school, "coordinator")
        for n in range(30):
            db.session.add(Note(institution_id=school.id, body=f"заметка {n}"))
        db.session.commit()
        email = user.email
        db.session.execute(text("ANALYZE"))  # then forget every statistic: a database as it was never analysed
        db.session.execute(text("DELETE FROM sqlite_stat1"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    client = sqlite_app.test_client()
    login(client, email)
    assert client.get("/i/stat-school/").status_code == 200
    with sqlite_app.app_context():
        analysed = {table for (table,) in db.session.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))}
    assert "notes" in analysed  # read through its (institution_id, created_at) index


def test_a_connection_refreshes_the_statistics_at_its_first_hand_back_then_once_a_minute(sqlite_app):
    """An empty table never gets statistics, so PRAGMA optimize analysed it again at every hand-back (the desk
    reads nine such tables at city scale). A pooled connection runs it at its first hand-back, then not again
    within SQLITE_OPTIMIZE_SECONDS (60 by default)."""
    assert sqlite_app.config["SQLITE_OPTIMIZE_SECONDS"] == 60
    with sqlite_app.app_context(), unscoped():
        school = factories.create_institution("Школа", slug="optimize-school")
        email = factories.create_user(school, "coordinator").email
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
        engine = db.engine
    traced: list[str] = []

    def trace(dbapi_connection, _record):
        dbapi_connection.set_trace_callback(traced.append)

    event.listen(engine, "connect", trace)
    try:
        client = sqlite_app.test_client()
        login(client, email)
        for _ in range(3):
            assert client.get("/i/optimize-school/").status_code == 200
    finally:
        event.remove(engine, "connect", trace)
    connections = engine.pool.checkedin()
    optimized = [statement for statement in traced if statement == "PRAGMA optimize"]
    assert connections >= 1 and len(optimized) == connections  # once per connection, not once per request
    assert sum(statement.startswith("SELECT") for statement in traced) > 10  # the requests did run


class _Stop(Exception):
    pass


def test_the_worker_analyses_every_table_at_its_start_then_hourly(sqlite_app, monkeypatch):
    """PRAGMA optimize analyses only the tables a connection's planner asked about; SQLite 3.40 never asks about
    some. The long-running worker analyses every table when it starts, then once every SQLITE_ANALYZE_SECONDS."""
    assert sqlite_app.config["SQLITE_ANALYZE_SECONDS"] == 3600
    with sqlite_app.app_context(), unscoped():
        school = factories.create_institution("Школа", slug="analyse-school")
        for n in range(30):
            db.session.add(Note(institution_id=school.id, body=f"заметка {n}"))
        db.session.commit()
        assert db.session.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")) == 0
        engine = db.engine
    traced: list[str] = []
    engine.dispose()
    event.listen(engine, "connect", lambda dbapi_connection, _record: dbapi_connection.set_trace_callback(
        traced.append))
    rounds = []

    def sleep(_seconds):
        rounds.append(1)
        if len(rounds) == 3:
            raise _Stop

    monkeypatch.setattr("workspace.letters.worker.time.sleep", sleep)
    with sqlite_app.app_context(), pytest.raises(_Stop):
        run_forever(0)
    assert traced.count('ANALYZE "notes"') == 1  # three rounds, one at the start (a table a transaction)
    assert traced.count("PRAGMA analysis_limit=0") == 1  # every row read, not the hand-back's sample
    with sqlite_app.app_context():
        analysed = {table for (table,) in db.session.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))}
    assert {"notes", "institutions"} <= analysed


def test_write_requests_queue_on_the_writers_lock_and_leave_it_at_the_end(sqlite_app):
    """During a write request's transaction the writers' lock file is held (another process would wait in
    the kernel, not in SQLite's sleeping busy handler); after the commit, and after a refused form, it is free."""
    import fcntl
    import os
    with sqlite_app.app_context(), unscoped():
        school = factories.create_institution("Школа", slug="queue-school")
        user = factories.create_user(school, "coordinator")
        db.session.commit()
        email, engine = user.email, db.engine
    path = f"{engine.url.database}.writers"
    seen: list[bool] = []

    def free() -> bool:
        probe = os.open(path, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(probe, fcntl.LOCK_UN)
            return True
        except BlockingIOError:
            return False
        finally:
            os.close(probe)

    def during_insert(_conn, _cursor, statement, *_args):
        if statement.startswith("INSERT INTO notes"):
            seen.append(free())

    client = sqlite_app.test_client()
    login(client, email)
    page = client.get("/i/queue-school/").get_data(as_text=True)
    event.listen(engine, "before_cursor_execute", during_insert)
    try:
        response = client.post("/i/queue-school/notes", data={"body": "запись", "csrf_token": csrf_token_from(page)})
    finally:
        event.remove(engine, "before_cursor_execute", during_insert)
    assert response.status_code in (200, 302) and seen == [False] and free()
    client.post("/i/queue-school/notes", data={"body": "", "csrf_token": csrf_token_from(page)})  # refused
    assert free()


def test_unindexed_keeps_sqlites_planner_off_a_column_and_is_the_plain_column_elsewhere():
    from sqlalchemy.dialects import postgresql, sqlite

    from workspace.core.database import unindexed
    from workspace.plans.models import PlanItem
    condition = unindexed(PlanItem.ends_on) >= date(2026, 11, 30)
    assert str(condition.compile(dialect=sqlite.dialect())) == "+plan_items.ends_on >= ?"
    assert str(condition.compile(dialect=postgresql.dialect())) .startswith("plan_items.ends_on >= %(param_1)s")
