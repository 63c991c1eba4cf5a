"""Test harness: one database per session (migrated with Alembic), an app per test (built by the
factory; what Werkzeug and Jinja compile for it is reused within the process: fixtures/compile_cache.py),
each test inside an outer transaction that is rolled back at its end."""
from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from flask_migrate import upgrade
from sqlalchemy import event

from tenants.scoping import unscoped
from tests.fixtures import agreements as agreement_factories
from tests.fixtures import bank, compile_cache, database, factories, mail, projects
from tests.fixtures import chronicle as chronicle_factories
from tests.fixtures import cycle as cycle_factories
from tests.fixtures import growth as growth_factories
from tests.fixtures import journal as journal_factories
from tests.fixtures import monitoring as monitoring_factories
from tests.fixtures import passport as passport_factories
from tests.fixtures import programmes as programme_factories
from workspace import create_app
from workspace.config import TestConfig
from workspace.extensions import db

IN_CI = os.environ.get("CI", "").lower() == "true"
compile_cache.install()


@pytest.fixture(scope="session")
def owner_database_url(tmp_path_factory):
    """The database as its owner sees it (migrations); tests of the app use ``database_url``."""
    server = database.server_url()
    if server:
        url = database.create_postgres_database(server)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    app = create_app(TestConfig(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    yield url
    if server:
        database.drop_postgres_database(url)


@pytest.fixture(scope="session")
def database_url(owner_database_url):
    """On PostgreSQL the application connects as its own role, subject to row-level security."""
    if owner_database_url.startswith("postgresql"):
        return database.app_role_url(owner_database_url)
    return owner_database_url


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "shared_world: the module's tests share one world built once (``shared_world(build)``), each "
                   "test inside a savepoint of the module's transaction, rolled back at its end")


@pytest.fixture(scope="module")
def module_connection(database_url):
    """For a module marked ``shared_world``: one connection in an outer transaction for the whole module (its
    world is built in it once); each test of the module runs in a savepoint of it. Every test of such a module
    uses it (on SQLite the module's transaction holds the write lock: a second connection would wait)."""
    app = create_app(TestConfig(database_url))
    with app.app_context():
        engine = db.engine
        connection = engine.connect()
        outer = connection.begin()
    try:
        yield SimpleNamespace(app=app, connection=connection)
    finally:
        outer.rollback()
        connection.close()
        engine.dispose()


def _bind_session(app, connection) -> None:
    with app.app_context():
        db.session.remove()
        db.session.configure(bind=connection, join_transaction_mode="create_savepoint")


def _unbind_session(app) -> None:
    with app.app_context():
        db.session.remove()
        db.session.configure(bind=None)


@pytest.fixture
def app(request, database_url):
    app = create_app(TestConfig(database_url))
    compile_cache.share_templates(app)
    shared = request.node.get_closest_marker("shared_world") is not None
    with app.app_context():
        engine = db.engine
    if shared:
        connection = request.getfixturevalue("module_connection").connection
        outer = connection.begin_nested()
    else:
        connection = engine.connect()
        outer = connection.begin()
    _bind_session(app, connection)
    app.extensions["test_connection"] = connection
    try:
        yield app
    finally:
        _unbind_session(app)
        outer.rollback()
        if not shared:
            connection.close()
        engine.dispose()


def shared_world(build):
    """A module-scoped fixture ``world``: ``build(make)`` run once for the module, in the module's transaction
    (mark the module ``pytestmark = pytest.mark.shared_world``). Only for modules whose every test reads the
    world and changes none of the objects handed back; what a test writes is rolled back with its savepoint."""

    @pytest.fixture(scope="module")
    def world(module_connection):
        module_app = module_connection.app
        _bind_session(module_app, module_connection.connection)
        try:
            return build(builders(module_app))
        finally:
            _unbind_session(module_app)

    return world


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_off(app):
    app.config["WTF_CSRF_ENABLED"] = False
    return app


@contextmanager
def _owner_free(app):
    with app.app_context(), unscoped():
        yield


@contextmanager
def _building(app):
    """A builder's own session (scoping opted out): its rows are flushed as they are added and committed
    once at the end, which releases the session's savepoint into the test's outer transaction. Nothing is
    expired by that commit, so the objects handed back keep what they were built with and need no reload."""
    with _owner_free(app):
        db.session().expire_on_commit = False
        yield
        db.session.commit()


@pytest.fixture
def make(app):
    """Factories inside an app context with scoping opted out: ``make.institution(...)``; one commit a call."""
    return builders(app)


def builders(app) -> SimpleNamespace:
    def wrap(function):
        def call(*args, **kwargs):
            with _building(app):
                return function(*args, **kwargs)
        return call

    return SimpleNamespace(
        institution=wrap(factories.create_institution),
        network=wrap(factories.create_network),
        member=wrap(factories.add_member),
        model_row=wrap(factories.create_model_row),
        network_invitation=wrap(factories.create_network_invitation),
        user=wrap(factories.create_user),
        seat=wrap(factories.create_seat),
        note=wrap(factories.create_note),
        plan=wrap(factories.create_plan),
        section=wrap(factories.create_section),
        item=wrap(factories.create_item),
        plan_import=wrap(factories.create_plan_import),
        approval=wrap(factories.create_approval),
        meeting=wrap(factories.create_meeting),
        agenda_item=wrap(factories.create_agenda_item),
        vote=wrap(factories.create_vote),
        calendar_feed=wrap(factories.create_calendar_feed),
        deactivate=wrap(factories.deactivate_user),
        report=wrap(factories.create_report),
        agreement=wrap(agreement_factories.create_agreement),
        agreement_file=wrap(agreement_factories.create_agreement_file),
        agreement_link=wrap(agreement_factories.create_agreement_link),
        project=wrap(projects.create_project),
        project_stages=wrap(projects.stages_of),
        task=wrap(projects.create_task),
        project_indicator=wrap(projects.create_indicator),
        comment=wrap(projects.create_comment),
        project_document=wrap(projects.create_document),
        roadmap_import=wrap(projects.create_roadmap_import),
        project_approval=wrap(projects.create_project_approval),
        pupil=wrap(programme_factories.create_pupil),
        programme=wrap(programme_factories.create_programme),
        group=wrap(programme_factories.create_group),
        slot=wrap(programme_factories.create_slot),
        application=wrap(programme_factories.create_application),
        consent=wrap(programme_factories.create_consent),
        enrollment_request=wrap(programme_factories.create_request),
        enrollment=wrap(programme_factories.create_enrollment),
        lesson=wrap(journal_factories.create_lesson),
        lessons=wrap(journal_factories.create_lessons),
        mark=wrap(journal_factories.create_mark),
        fill_marks=wrap(journal_factories.fill_marks),
        certificate=wrap(journal_factories.create_certificate),
        attestation=wrap(journal_factories.create_attestation),
        attestation_result=wrap(journal_factories.create_result),
        material=wrap(bank.create_material),
        normative_document=wrap(bank.create_document),
        request=wrap(bank.create_request),
        conversation=wrap(bank.create_conversation),
        monitoring_indicator=wrap(monitoring_factories.create_indicator),
        indicator_value=wrap(monitoring_factories.create_indicator_value),
        diagnostic_entry=wrap(monitoring_factories.create_diagnostic_entry),
        survey=wrap(monitoring_factories.create_survey),
        survey_response=wrap(monitoring_factories.create_survey_response),
        participation=wrap(monitoring_factories.create_participation),
        decision=wrap(chronicle_factories.create_decision),
        approved_section=wrap(chronicle_factories.create_approved_section),
        passport=wrap(passport_factories.create_passport),
        approved_passport=wrap(passport_factories.approve_passport),
        passport_stage_of=wrap(passport_factories.first_stage_of),
        achievement=wrap(growth_factories.create_achievement),
        flag=wrap(growth_factories.create_flag),
        analysis=wrap(cycle_factories.create_analysis),
    )


@pytest.fixture
def read(app):
    """``with read():`` — look into the database from a test (scoping opted out)."""
    return lambda: _owner_free(app)


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on loopback, for the whole session (tests/fixtures/mail.py)."""
    server = mail.SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server, app):
    """The SMTP server configured as the app's, accepting everything again at the end of the test."""
    smtp_server.configure(app)
    yield smtp_server
    smtp_server.bounce.clear()
    smtp_server.refuse_after(None)
    if smtp_server.controller is None:
        smtp_server.start()


@pytest.fixture
def outbox(app, smtp):
    """The letters that reached the SMTP server, after the worker sent every due letter of the outbox."""
    return mail.Mailbox(app, smtp)


CSRF_INPUT = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def login(client, email: str, password: str = factories.PASSWORD):
    page = client.get("/login")
    response = client.post("/login", data={
        "email": email, "password": password, "csrf_token": csrf_token_from(page.get_data(as_text=True)),
    })
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


@pytest.fixture
def login_as(client):
    return lambda user, password=factories.PASSWORD: login(client, user.email, password)


def post_form(client, url: str, data: dict, page_url: str | None = None, **kwargs):
    """POST like a browser: take the CSRF token from the page the form lives on."""
    page = client.get(page_url or url)
    token = csrf_token_from(page.get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


IGNORED_STATEMENTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


@pytest.fixture
def count_queries(app):
    """``with count_queries() as statements: ...`` — SQL statements run, harness savepoints excluded."""
    connection = app.extensions["test_connection"]

    @contextmanager
    def counting():
        statements: list[str] = []

        def before(_conn, _cursor, statement, _params, _context, _many):
            if not statement.lstrip().upper().startswith(IGNORED_STATEMENTS):
                statements.append(statement)

        event.listen(connection, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(connection, "before_cursor_execute", before)

    return counting


def pytest_terminal_summary(terminalreporter):
    from collections import Counter

    from tests.core.test_file_responses import FILE_ROUTES
    from tests.core.test_hostile_uploads import TRIED
    from tests.tenancy.test_form_fuzz import FUZZED
    from tests.tenancy.test_isolation_walk import WALK_TOTALS
    if FUZZED:
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(Counter(FUZZED).items()))
        terminalreporter.write_line(f"form fuzz: {len(FUZZED)} random posts ({statuses}), 0 server errors")
    if TRIED:
        terminalreporter.write_line(f"hostile files: {len(TRIED)} refused with a message, 0 rows written")
    if FILE_ROUTES:
        terminalreporter.write_line(f"no-store walk: {len(FILE_ROUTES)} file routes, all private, no-store")
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        for name, line in getattr(report, "user_properties", ()):
            if name == "content walk" and report.when == "call":
                terminalreporter.write_line(line)  # tests/tenancy/test_content_walk.py (also under xdist)
    if WALK_TOTALS:
        routes = max(r for _a, r, _t in WALK_TOTALS)
        total = sum(t for _a, _r, t in WALK_TOTALS)
        terminalreporter.write_line(
            f"isolation walk: {routes} routes x {len(WALK_TOTALS)} roles, "
            f"{total} requests for foreign objects, all 404")


def pytest_collection_finish(session):
    """What is alive once the tests are collected (the application's and the tests' modules, SQLAlchemy's
    mappers, ~300 000 objects) lives to the end: out of the garbage collector's sight (gc.freeze), a full
    collection looks only at what the tests made since. Each test builds an application whose objects outlive
    the young generations, so full collections come every few tests; over the whole heap each took ~100-250 ms,
    a third of a builder-heavy directory's time. Nothing is left uncollected that a test makes."""
    gc.collect()
    gc.freeze()


# The longest modules (seconds on two cores: the content walk ~130, the demo probe ~80, the browser walks and the
# programme cycle 25–50 each, the isolation walk ~90 over its actors) run first, dealt in turn to the workers:
# collected last, they ran at the end on one worker while the other sat idle for minutes.
LONGEST_FIRST = ("tests/tenancy/test_content_walk.py", "tests/tenancy/test_demo_probe.py",
                 "tests/e2e/test_programme_cycle.py", "tests/e2e/test_layout_walk.py",
                 "tests/core/test_file_responses.py", "tests/tenancy/test_form_fuzz.py",
                 "tests/tenancy/test_isolation_walk.py")


def pytest_collection_modifyitems(config, items):
    """The longest modules first (LONGEST_FIRST, whole modules: their module-scoped worlds stay built once);
    PostgreSQL-only tests belong to the PostgreSQL run: deselected (not skipped) on SQLite."""
    rank = {path: position for position, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable: the rest keep their order
    if database.server_url():
        return
    selected = [item for item in items if item.get_closest_marker("postgres") is None]
    deselected = [item for item in items if item.get_closest_marker("postgres") is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """Under CI nothing may skip: a skip means a browser or a database was missing."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if IN_CI and skipped:
        reporter.write_line(f"CI: {skipped} test(s) skipped — nothing may skip under CI", red=True)
        session.exitstatus = 1
