"""Log-out: POST only, and the old session cookie and remember-me cookie stop working."""
from __future__ import annotations

from sqlalchemy import select

from tests.accounts.helpers import cookie_value, log_in, text
from tests.conftest import csrf_token_from
from workspace.accounts.models import User
from workspace.extensions import db


def _log_out(client, page_url: str):
    token = csrf_token_from(text(client.get(page_url)))
    return client.post("/logout", data={"csrf_token": token})


def test_logout_is_post_only(client, make):
    school = make.institution(slug="sosh21")
    make.user(school, email="user@sosh21.test")
    log_in(client, "user@sosh21.test")

    response = client.get("/logout")

    assert response.status_code == 405
    assert client.get("/i/sosh21/").status_code == 200  # still logged in


def test_logout_without_csrf_token_is_refused(client, make):
    school = make.institution(slug="sosh22")
    make.user(school, email="user@sosh22.test")
    log_in(client, "user@sosh22.test")

    response = client.post("/logout")

    assert response.status_code == 400
    assert client.get("/i/sosh22/").status_code == 200


def test_logout_ends_the_session_and_the_old_cookie(client, make, read):
    school = make.institution(slug="sosh23")
    user = make.user(school, email="user@sosh23.test")
    log_in(client, "user@sosh23.test")
    assert client.get("/i/sosh23/").status_code == 200
    old_session = cookie_value(client, "session")

    response = _log_out(client, "/i/sosh23/")

    assert response.status_code == 302
    assert response.location == "/login"
    assert "Вы вышли из системы." in text(client.get("/login"))
    assert client.get("/i/sosh23/").status_code == 302
    # A copy of the cookie taken before logging out is worth nothing afterwards.
    client.set_cookie("session", old_session)
    replay = client.get("/i/sosh23/")
    assert replay.status_code == 302
    assert replay.location.startswith("/login")
    with read():
        assert db.session.scalar(select(User.session_generation).where(User.id == user.id)) == 2


def test_logout_ends_the_remember_me_cookie(app, client, make):
    school = make.institution(slug="sosh24")
    make.user(school, email="user@sosh24.test")
    assert log_in(client, "user@sosh24.test", remember=True).status_code == 302
    remember = cookie_value(client, "remember_token")
    assert remember

    # The cookie alone opens the desk on another device (a browser restarted without its session).
    device = app.test_client()
    device.set_cookie("remember_token", remember)
    assert device.get("/i/sosh24/").status_code == 200

    _log_out(client, "/i/sosh24/")

    assert cookie_value(client, "remember_token") is None
    stale = app.test_client()
    stale.set_cookie("remember_token", remember)
    response = stale.get("/i/sosh24/")
    assert response.status_code == 302
    assert response.location.startswith("/login")
    # ... and the device that came in by it is out as well.
    assert device.get("/i/sosh24/").status_code == 302


def test_logout_ends_sessions_on_other_devices(app, client, make):
    school = make.institution(slug="sosh25")
    make.user(school, email="user@sosh25.test")
    log_in(client, "user@sosh25.test")
    other = app.test_client()
    log_in(other, "user@sosh25.test")

    _log_out(client, "/i/sosh25/")

    assert other.get("/i/sosh25/").status_code == 302


def test_anonymous_logout_goes_to_login(client):
    token = csrf_token_from(text(client.get("/login")))
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.location.startswith("/login")
