"""Absolute links come from PUBLIC_URL, never from the request's Host or a proxy's X-Forwarded-Host:
a password reset requested with a forged host cannot mail the victim a link to the attacker's site."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from werkzeug.middleware.proxy_fix import ProxyFix

from tests.calendar.test_calendar_pages import _world
from tests.conftest import csrf_token_from
from tests.fixtures.factories import PASSWORD

PUBLIC = "http://workspace.test"
URL = re.compile(r"https?://[^\s\"'<>]+")
FORGED = {"Host": "evil.example"}
FORWARDED = {"X-Forwarded-Host": "evil.example"}


@pytest.fixture(params=["Host", "X-Forwarded-Host"])
def hostile(request, app):
    """The forged header; with X-Forwarded-Host the app trusts its proxy as BEHIND_PROXY=1 makes it do."""
    if request.param == "Host":
        return FORGED
    app.config["BEHIND_PROXY"] = True
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # what create_app does for BEHIND_PROXY
    return FORWARDED


def _post(client, url: str, data: dict, headers: dict):
    page = client.get(url, headers=headers)
    return client.post(url, data={**data, "csrf_token": csrf_token_from(page.get_data(as_text=True))},
                       headers=headers)


def _log_in(client, email: str, headers: dict) -> None:
    """Log in through the same forged host (the test client keeps cookies per host)."""
    assert _post(client, "/login", {"email": email, "password": PASSWORD}, headers).status_code == 302


def _only_public(text: str) -> list[str]:
    links = URL.findall(text)
    assert links, text
    for link in links:
        assert link.startswith(PUBLIC + "/"), link
    assert "evil.example" not in text
    return links


def test_reset_letter_links_to_the_configured_url(client, make, outbox, hostile):
    make.user(make.institution(slug="links1"), email="victim@links1.test")

    response = _post(client, "/password/forgot", {"email": "victim@links1.test"}, hostile)

    assert response.status_code == 302
    [link] = _only_public(outbox[0]["body"])
    assert link.startswith(PUBLIC + "/password/reset/")


def test_invitation_letter_links_to_the_configured_url(client, make, outbox, hostile):
    school = make.institution(slug="links2")
    make.user(school, "admin", email="admin@links2.test")
    _log_in(client, "admin@links2.test", hostile)

    response = _post(client, "/i/links2/staff/invite", {"full_name": "Сидоров Пётр", "email": "new@links2.test",
                                                        "position": "Педагог", "role": "teacher"}, hostile)

    assert response.status_code == 302
    [link] = _only_public(outbox[0]["body"])
    assert link.startswith(PUBLIC + "/invitation/")


def test_a_path_prefix_in_the_public_url_is_kept(app, client, make, outbox):
    app.config["PUBLIC_URL"] = "https://edu.example.ru/workspace"
    make.user(make.institution(slug="links3"), email="user@links3.test")

    _post(client, "/password/forgot", {"email": "user@links3.test"}, FORGED)

    assert "https://edu.example.ru/workspace/password/reset/" in outbox[0]["body"]


def test_survey_link_page_shows_the_configured_url(client, make, hostile):
    school = make.institution(slug="links4")
    network = make.network(school, slug="links-net")
    survey = make.survey(network)
    _log_in(client, make.user(school, "coordinator").email, hostile)

    page = client.get(f"/n/links-net/surveys/{survey.id}", headers=hostile).get_data(as_text=True)

    assert f"{PUBLIC}/s/{survey.token}" in page
    assert "evil.example" not in page


def test_calendar_feed_and_its_events_link_to_the_configured_url(client, make, hostile):
    school, *_ = _world(make)
    _log_in(client, make.user(school, "teacher").email, hostile)

    created = _post(client, "/n/kultura/calendar/feed", {}, hostile).get_data(as_text=True)
    match = re.search(re.escape(PUBLIC) + r"(/feeds/[A-Za-z0-9_-]+\.ics)", created)
    assert match and "evil.example" not in created
    feed = client.application.test_client().get(match.group(1), headers=hostile)

    assert feed.status_code == 200
    events = Calendar.from_ical(feed.data).walk("VEVENT")
    assert events
    for event in events:
        assert str(event["URL"]).startswith(PUBLIC + "/n/kultura/plans/"), event["URL"]
    assert b"evil.example" not in feed.data


def test_no_absolute_link_is_built_outside_the_helper():
    """One way to build an absolute link: workspace/core/links.py (a new _external=True fails here)."""
    root = Path(__file__).resolve().parents[2] / "workspace"
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if "_external=True" in path.read_text(encoding="utf-8")]
    templates = Path(__file__).resolve().parents[2] / "templates"
    offenders += [str(path.relative_to(templates)) for path in templates.rglob("*.html")
                  if "_external=True" in path.read_text(encoding="utf-8")]
    assert offenders == []
