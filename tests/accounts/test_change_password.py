"""Changing one's own password: checks, and the end of every other session."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.accounts.helpers import cookie_value, log_in, text
from tests.conftest import post_form
from tests.fixtures.factories import PASSWORD
from workspace.accounts.models import User
from workspace.extensions import db

NEW = "новый-пароль-2026"


@pytest.fixture
def member(make, client):
    school = make.institution(slug="sosh31")
    user = make.user(school, "teacher", email="teacher@sosh31.test")
    assert log_in(client, "teacher@sosh31.test").status_code == 302
    return user


def _hash(read, user):
    with read():
        return db.session.scalar(select(User.password_hash).where(User.id == user.id))


def _change(client, current, password, confirm=None):
    return post_form(client, "/account/password", {
        "current": current, "password": password, "confirm": password if confirm is None else confirm})


def test_page_needs_login(client):
    response = client.get("/account/password")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


def test_page_is_shown(client, member):
    response = client.get("/account/password")
    assert response.status_code == 200
    body = text(response)
    assert "Смена пароля" in body and "teacher@sosh31.test" in body
    assert "Текущий пароль" in body and "Повторите новый пароль" in body


def test_wrong_current_password(client, member, read):
    before = _hash(read, member)

    response = _change(client, "not-my-password", NEW)

    assert response.status_code == 422
    assert "Текущий пароль введён неверно." in text(response)
    assert _hash(read, member) == before


def test_passwords_must_match(client, member, read):
    before = _hash(read, member)

    response = _change(client, PASSWORD, NEW, confirm=NEW + "x")

    assert response.status_code == 422
    assert "Пароли не совпадают." in text(response)
    assert _hash(read, member) == before


@pytest.mark.parametrize("password", ["короткий", "x" * 201])
def test_password_length(client, member, read, password):
    before = _hash(read, member)

    response = _change(client, PASSWORD, password)

    assert response.status_code == 422
    assert "Пароль — от 10 до 200 символов." in text(response)
    assert _hash(read, member) == before


def test_empty_form(client, member, read):
    before = _hash(read, member)
    response = _change(client, "", "", "")
    assert response.status_code == 422
    assert "Заполните это поле." in text(response)
    assert _hash(read, member) == before


def test_success_changes_the_password_and_ends_other_sessions(app, client, make, member, read):
    other = app.test_client()
    log_in(other, "teacher@sosh31.test", remember=True)
    remember = cookie_value(other, "remember_token")
    assert other.get("/i/sosh31/").status_code == 200

    response = _change(client, PASSWORD, NEW)

    assert response.status_code == 302
    page = client.get(response.location, follow_redirects=True)
    assert "Пароль изменён. На других устройствах нужно войти заново." in text(page)
    # This session goes on.
    assert client.get("/i/sosh31/").status_code == 200
    assert _hash(read, member).startswith("$argon2id$")
    # The other device is out, its remember-me cookie too.
    kicked = other.get("/i/sosh31/")
    assert kicked.status_code == 302 and kicked.location.startswith("/login")
    stale = app.test_client()
    stale.set_cookie("remember_token", remember)
    assert stale.get("/i/sosh31/").status_code == 302
    # Only the new password opens the account now.
    third = app.test_client()
    assert log_in(third, "teacher@sosh31.test", PASSWORD).status_code == 422
    assert log_in(third, "teacher@sosh31.test", NEW).status_code == 302


def test_this_device_stays_remembered(app, make):
    school = make.institution(slug="sosh32")
    make.user(school, "teacher", email="teacher@sosh32.test")
    client = app.test_client()
    log_in(client, "teacher@sosh32.test", remember=True)
    old_cookie = cookie_value(client, "remember_token")

    assert _change(client, PASSWORD, NEW).status_code == 302

    new_cookie = cookie_value(client, "remember_token")
    assert new_cookie and new_cookie != old_cookie
    restarted = app.test_client()
    restarted.set_cookie("remember_token", new_cookie)
    assert restarted.get("/i/sosh32/").status_code == 200
