"""Forgotten password: the same answer for every address, a one-time expiring link."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.accounts.helpers import link_path, log_in, text
from tests.conftest import post_form
from tests.fixtures.factories import PASSWORD
from workspace.accounts.models import AccountToken, TokenPurpose, User, hash_token
from workspace.core.models import utcnow
from workspace.extensions import db

SENT = "Если такой адрес зарегистрирован, на него отправлено письмо со ссылкой."
INVALID = "Ссылка недействительна"
NEW = "совсем-новый-пароль"


@pytest.fixture
def member(make):
    school = make.institution(slug="sosh41")
    return make.user(school, "coordinator", full_name="Петрова Анна", email="petrova@sosh41.test")


def _ask(client, email):
    return post_form(client, "/password/forgot", {"email": email})


def _set(client, path, password=NEW, confirm=None):
    return post_form(client, path, {"password": password, "confirm": password if confirm is None else confirm})


def _hash(read, user):
    with read():
        return db.session.scalar(select(User.password_hash).where(User.id == user.id))


def test_forgot_page(client):
    response = client.get("/password/forgot")
    assert response.status_code == 200
    assert "Восстановление пароля" in text(response)


def test_known_address_gets_a_mail(client, member, outbox, read):
    response = _ask(client, "Petrova@SOSH41.test")

    assert response.status_code == 302
    assert response.location == "/login"
    assert SENT in text(client.get("/login"))
    assert len(outbox) == 1
    mail = outbox[0]
    assert mail["to"] == "petrova@sosh41.test"
    assert mail["subject"] == "Восстановление пароля"
    assert "Петрова Анна" in mail["body"]
    path = link_path(mail)
    assert path.startswith("/password/reset/")
    with read():
        token = db.session.scalar(select(AccountToken).where(AccountToken.user_id == member.id))
        assert token.purpose == TokenPurpose.PASSWORD_RESET
        raw = path.rsplit("/", 1)[1]
        assert token.token_hash == hash_token(raw) and raw not in token.token_hash  # only a hash is kept


def test_unknown_address_gets_the_same_answer_and_no_mail(client, outbox, read):
    response = _ask(client, "stranger@nowhere.test")

    assert response.status_code == 302
    assert response.location == "/login"
    assert SENT in text(client.get("/login"))
    assert outbox == []
    with read():
        assert db.session.scalar(select(func.count()).select_from(AccountToken)) == 0


def test_disabled_account_gets_no_mail(client, member, outbox, read):
    with read():
        db.session.scalar(select(User).where(User.id == member.id)).is_enabled = False
        db.session.commit()

    response = _ask(client, "petrova@sosh41.test")

    assert response.status_code == 302
    assert outbox == []


def test_malformed_address(client, outbox):
    response = _ask(client, "petrova-at-sosh41")
    assert response.status_code == 422
    assert "Введите адрес электронной почты, например name@school.ru." in text(response)
    assert outbox == []


def test_reset_link_sets_the_password_once(app, client, member, outbox, read):
    _ask(client, "petrova@sosh41.test")
    path = link_path(outbox[0])

    page = client.get(path)
    assert page.status_code == 200
    assert "Новый пароль" in text(page) and "petrova@sosh41.test" in text(page)

    response = _set(client, path)

    assert response.status_code == 302
    assert response.location == "/i/sosh41/"
    desk = client.get("/i/sosh41/")
    assert desk.status_code == 200
    assert "Новый пароль сохранён. Вы вошли в систему." in text(desk)
    assert _hash(read, member).startswith("$argon2id$")
    with read():
        assert db.session.scalar(select(AccountToken.used_at).where(AccountToken.user_id == member.id)) is not None
    # The link is spent.
    other = app.test_client()
    again = other.get(path)
    assert again.status_code == 404
    assert INVALID in text(again)
    # The new password works, the old one does not.
    assert log_in(other, "petrova@sosh41.test", PASSWORD).status_code == 422
    assert log_in(other, "petrova@sosh41.test", NEW).status_code == 302


def test_spent_link_cannot_be_posted_again(app, client, member, outbox, read):
    _ask(client, "petrova@sosh41.test")
    path = link_path(outbox[0])
    page = client.get(path)
    _set(client, path)
    after_first = _hash(read, member)

    from tests.conftest import csrf_token_from
    attacker = app.test_client()
    token = csrf_token_from(text(attacker.get("/password/forgot")))
    response = attacker.post(path, data={"password": "чужой-пароль-123", "confirm": "чужой-пароль-123",
                                         "csrf_token": token})
    assert page.status_code == 200
    assert response.status_code == 404
    assert _hash(read, member) == after_first


def test_reset_ends_other_sessions(app, client, member, outbox):
    elsewhere = app.test_client()
    log_in(elsewhere, "petrova@sosh41.test")
    _ask(client, "petrova@sosh41.test")

    _set(client, link_path(outbox[0]))

    assert elsewhere.get("/i/sosh41/").status_code == 302


def test_expired_link(client, member, outbox, read):
    _ask(client, "petrova@sosh41.test")
    path = link_path(outbox[0])
    before = _hash(read, member)
    with read():
        token = db.session.scalar(select(AccountToken).where(AccountToken.user_id == member.id))
        token.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()

    assert client.get(path).status_code == 404
    from tests.conftest import csrf_token_from
    token_value = csrf_token_from(text(client.get("/password/forgot")))
    response = client.post(path, data={"password": NEW, "confirm": NEW, "csrf_token": token_value})
    assert response.status_code == 404
    assert INVALID in text(response)
    assert _hash(read, member) == before


def test_new_link_replaces_the_old_one(client, member, outbox, read):
    _ask(client, "petrova@sosh41.test")
    _ask(client, "petrova@sosh41.test")
    old_path, new_path = link_path(outbox[0]), link_path(outbox[1])
    assert old_path != new_path

    assert client.get(old_path).status_code == 404
    assert client.get(new_path).status_code == 200
    assert _set(client, new_path).status_code == 302


def test_unknown_link(client):
    response = client.get("/password/reset/made-up-token")
    assert response.status_code == 404
    assert INVALID in text(response)


def test_invitation_link_is_not_a_reset_link(client, member, outbox, make):
    _ask(client, "petrova@sosh41.test")
    raw = link_path(outbox[0]).rsplit("/", 1)[1]
    assert client.get(f"/invitation/{raw}").status_code == 404


@pytest.mark.parametrize("password, confirm, message", [
    ("короткий", "короткий", "Пароль — от 10 до 200 символов."),
    (NEW, NEW + "!", "Пароли не совпадают."),
])
def test_bad_new_password_keeps_the_link(client, member, outbox, read, password, confirm, message):
    _ask(client, "petrova@sosh41.test")
    path = link_path(outbox[0])
    before = _hash(read, member)

    response = _set(client, path, password, confirm)

    assert response.status_code == 422
    assert message in text(response)
    assert _hash(read, member) == before
    assert client.get(path).status_code == 200  # still usable
    assert client.get("/i/sosh41/").status_code == 302  # not logged in
