"""Sessions and cookies: argon2 rehash, cookie flags and lifetime, CSRF over an open page and HTTPS."""
from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from sqlalchemy import select

from tests.conftest import csrf_token_from, login
from tests.fixtures.factories import PASSWORD
from workspace.accounts.models import User
from workspace.extensions import db


def test_hash_is_upgraded_when_the_parameters_change(app, client, make, read):
    school = make.institution(slug="rehash")
    user = make.user(school, "staff")
    with read():
        old_hash = db.session.scalar(select(User.password_hash).where(User.id == user.id))
    app.config["ARGON2"] = {"time_cost": 2, "memory_cost": 2048, "parallelism": 1}
    app.extensions.pop("password_hasher", None)
    login(client, user.email, PASSWORD)
    with read():
        new_hash = db.session.scalar(select(User.password_hash).where(User.id == user.id))
    assert new_hash != old_hash and new_hash.startswith("$argon2id$v=19$m=2048,t=2")


def test_remember_cookie_is_secure_httponly_lax_and_at_most_30_days(app, client, make):
    app.config["REMEMBER_COOKIE_SECURE"] = True
    app.config["SESSION_COOKIE_SECURE"] = True
    school = make.institution(slug="cookies")
    user = make.user(school, "staff")
    page = client.get("/login", base_url="https://localhost")
    response = client.post("/login", base_url="https://localhost",
                           headers={"Referer": "https://localhost/login"},
                           data={"email": user.email, "password": PASSWORD, "remember": "y",
                                 "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 302
    remember = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
    assert "Secure" in remember and "HttpOnly" in remember and "SameSite=Lax" in remember
    expires = parsedate_to_datetime(remember.split("Expires=")[1].split(";")[0])
    days = (expires - datetime.now(UTC)).days
    assert 29 <= days <= 30


def test_https_post_needs_a_same_origin_referer(app, client, make):
    school = make.institution(slug="referer")
    user = make.user(school, "coordinator")
    page = client.get("/login", base_url="https://localhost")
    token = csrf_token_from(page.get_data(as_text=True))
    data = {"email": user.email, "password": PASSWORD, "csrf_token": token}
    foreign = client.post("/login", base_url="https://localhost", data=data,
                          headers={"Referer": "https://evil.example/login"})
    assert foreign.status_code == 400
    assert client.post("/login", base_url="https://localhost", data=data).status_code == 400  # no referer
    ok = client.post("/login", base_url="https://localhost", data=data, headers={"Referer": "https://localhost/login"})
    assert ok.status_code == 302
    desk = client.get("/i/referer/", base_url="https://localhost")
    assert desk.headers["Referrer-Policy"] == "same-origin"  # browsers send the referer this check needs


def test_token_of_a_page_left_open_keeps_working(app, client, make):
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None  # bound to the session, not to a clock
    school = make.institution(slug="open-page")
    login(client, make.user(school, "coordinator").email)
    old_page = client.get("/i/open-page/").get_data(as_text=True)
    for _navigation in range(5):
        client.get("/i/open-page/staff")
        client.get("/i/open-page/profile")
    response = client.post("/i/open-page/notes", data={"body": "С давно открытой страницы",
                                                       "csrf_token": csrf_token_from(old_page)},
                           headers={"HX-Request": "true", "HX-Target": "notes"})
    assert response.status_code == 200 and "С давно открытой страницы" in response.get_data(as_text=True)


def test_reset_letters_are_limited_per_mailbox(client, make, outbox):
    from tests.conftest import post_form
    school = make.institution(slug="reset-flood")
    user = make.user(school, "staff")
    for _attempt in range(6):
        response = post_form(client, "/password/forgot", {"email": user.email})
        assert response.status_code == 302  # the same answer every time
    assert len([letter for letter in outbox if letter["to"] == user.email]) == 3


def _session_cookies(response) -> list[str]:
    return [cookie for cookie in response.headers.getlist("Set-Cookie") if cookie.startswith("session=")]


def test_the_session_cookie_is_signed_again_only_when_it_changed_or_grew_old(app, client, make):
    school = make.institution(slug="fresh-cookie")
    login(client, make.user(school, "coordinator").email)
    first = client.get("/i/fresh-cookie/")  # the first form of the session puts its CSRF secret in it: a change
    assert len(_session_cookies(first)) == 1
    for path in ("/i/fresh-cookie/", "/i/fresh-cookie/staff", "/i/fresh-cookie/profile"):
        answer = client.get(path)
        assert answer.status_code == 200 and _session_cookies(answer) == []  # nothing changed, signed just now
    app.config["SESSION_REFRESH_SECONDS"] = 0  # every signature is old now: the lifetime counts from this request
    answer = client.get("/i/fresh-cookie/")
    [cookie] = _session_cookies(answer)
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    assert 11.9 * 3600 < (expires - datetime.now(UTC)).total_seconds() <= 12 * 3600
    assert client.get("/i/fresh-cookie/staff").status_code == 200  # the new cookie works


def test_a_session_signed_longer_ago_than_its_lifetime_is_refused(app, client, make, monkeypatch):
    school = make.institution(slug="old-cookie")
    login(client, make.user(school, "coordinator").email)
    serializer = app.session_interface.get_signing_serializer(app)
    data = serializer.loads(client.get_cookie("session").value)

    def signed_hours_ago(hours: float) -> str:
        now = time.time()
        with monkeypatch.context() as patched:
            patched.setattr(time, "time", lambda: now - hours * 3600)
            return serializer.dumps(data)

    client.set_cookie("session", signed_hours_ago(11))  # within 12 hours of the last request: kept, signed again
    answer = client.get("/i/old-cookie/")
    assert answer.status_code == 200 and len(_session_cookies(answer)) == 1
    client.set_cookie("session", signed_hours_ago(13))
    answer = client.get("/i/old-cookie/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
