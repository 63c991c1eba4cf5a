"""Browser tests: Debian's Chromium through Playwright against a live server.

One server per session, in a daemon thread, over its own SQLite database file holding the demo.
Every test gets new browser contexts; a user's log-in is done once through the form and its
cookies are reused (``open_page(user=...)``). Every page a test opens is watched: a JavaScript
error or a console error (a CSP violation, say) fails the test.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from tests.e2e.serving import serving
from tests.e2e.support import AGREEMENT_NUMBER, CHROMIUM, PASSWORD
from workspace import create_app
from workspace.config import TestConfig
from workspace.extensions import db

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# The browser reports every 4xx answer as a console error; these statuses are answers the
# application gives on purpose (a 404 page, a form with errors, an edit conflict).
EXPECTED_HTTP_ERROR = re.compile(r"^Failed to load resource: the server responded with a status of (404|409|422)\b")


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: browser tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class LiveServer:
    url: str
    ids: dict


def _demo_ids() -> dict:
    from tenants.models import Institution, Membership, Network
    from workspace.agreements.models import Agreement
    from workspace.plans.models import Plan

    network = db.session.scalar(select(Network).where(Network.slug == "sosh31-kultura"))
    school = db.session.scalar(select(Institution).where(Institution.slug == "sosh31"))
    library = db.session.scalar(select(Institution).where(Institution.slug == "mibs"))
    member = db.session.scalar(select(Membership).where(Membership.network_id == network.id,
                                                        Membership.institution_id == library.id))
    plan = db.session.scalar(select(Plan).where(Plan.network_id == network.id))
    from workspace.networks.models import InteractionRow
    library_row = db.session.scalar(select(InteractionRow.id).where(InteractionRow.network_id == network.id,
                                                                    InteractionRow.institution_id == library.id))
    agreement = db.session.scalar(select(Agreement.id).where(Agreement.network_id == network.id,
                                                            Agreement.number == AGREEMENT_NUMBER))
    return {"network": network.id, "school": school.id, "library_member": member.id,
            "library_row": library_row, "plan": plan.id,
            "agreement": agreement}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    from tenants.scoping import unscoped
    from tests.fixtures import database
    from workspace.demo.loader import load_demo

    # The browser tests use the run's database: a SQLite file, or (TEST_DATABASE_URL) a fresh
    # PostgreSQL database migrated by its owner and served as the application role (RLS on).
    server_url = database.server_url()
    if server_url:
        owner_url = database.create_postgres_database(server_url, suffix="e2e")
    else:
        owner_url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.db'}"
    owner_app = create_app(TestConfig(owner_url))
    with owner_app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        with unscoped():
            ids = _demo_ids()
            from tests.e2e.journal_data import create_journal_group
            ids.update(create_journal_group())
        db.session.remove()
        db.engine.dispose()
    app = create_app(TestConfig(database.app_role_url(owner_url) if server_url else owner_url))
    app.config["CHRONICLE_PAGE_SIZE"] = 2  # the demo's few chronicle entries make several pages to scroll
    try:
        with serving(app, "e2e-server") as url:
            yield LiveServer(url=url, ids=ids)
    finally:
        with app.app_context():
            db.engine.dispose()
        if server_url:
            database.drop_postgres_database(owner_url, drop_role=False)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    if shutil.which(CHROMIUM) is None:
        _unavailable(f"{CHROMIUM} is not executable")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def login_states():
    """e-mail → Playwright storage state (cookies) of a session opened through the login form."""
    return {}


def log_in_through_form(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("Электронная почта").fill(email)
    page.get_by_label("Пароль", exact=True).fill(password)
    page.get_by_role("button", name="Войти").click()
    # The form is boosted: htmx follows the redirect and pushes the new address.
    page.wait_for_url(lambda url: not url.split("?")[0].endswith("/login"))


@dataclass
class Watched:
    """Errors seen on the pages of one test."""
    errors: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: page error: {error}"))

    def _console(self, page, message) -> None:
        if message.type == "error" and not EXPECTED_HTTP_ERROR.match(message.text):
            self.errors.append(f"{page.url}: console error: {message.text}")


@pytest.fixture
def watched():
    return Watched()


@pytest.fixture
def open_page(browser, live_server, login_states, watched):
    """``open_page(user=None, path=None, **context_options)`` → a page in a new browser context.

    With ``user`` the context carries that user's session; with ``path`` the page opens it.
    """
    contexts = []

    def opener(user: str | None = None, path: str | None = None, **options):
        options.setdefault("locale", "ru-RU")
        if user is not None:
            if user not in login_states:
                login_context = browser.new_context(base_url=live_server.url, locale="ru-RU")
                try:
                    log_in_through_form(login_context.new_page(), user)
                    login_states[user] = login_context.storage_state()
                finally:
                    login_context.close()
            options["storage_state"] = login_states[user]
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        watched.watch(page)
        if path is not None:
            response = page.goto(path)
            assert response is not None
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not watched.errors, "errors in the browser:\n" + "\n".join(watched.errors)
