"""Log-in: where each kind of user lands, wrong passwords, the rate limit, `next`."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.accounts.helpers import log_in, text
from tests.fixtures.factories import PASSWORD
from workspace.accounts.models import LoginAttempt, User
from workspace.core.models import utcnow
from workspace.extensions import db

WRONG = "Неверный адрес почты или пароль."
LIMITED = "Слишком много неудачных попыток входа"


def _attempts(read, email: str, kind: str | None = None) -> int:
    with read():
        query = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.email == email)
        return db.session.scalar(query if kind is None else query.where(LoginAttempt.kind == kind))


def _user(read, user_id: int) -> User:
    with read():
        return db.session.scalar(select(User).where(User.id == user_id))


def test_login_page_is_shown(client):
    response = client.get("/login")
    assert response.status_code == 200
    body = text(response)
    assert "Вход в сетевое пространство" in body
    assert "Электронная почта" in body and "Пароль" in body
    assert "Запомнить меня на этом устройстве" in body


def test_anonymous_home_goes_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.location == "/login"


def test_staff_user_lands_on_own_desk(client, make, read):
    school = make.institution("Школа № 31", slug="sosh31")
    user = make.user(school, "coordinator", email="coordinator@sosh31.test")

    response = log_in(client, "coordinator@sosh31.test")

    assert response.status_code == 302
    assert response.location == "/i/sosh31/"
    desk = client.get("/i/sosh31/")
    assert desk.status_code == 200
    assert user.full_name in text(desk)
    assert _user(read, user.id).last_login_at is not None
    # Once logged in, the login page sends the user home.
    again = client.get("/login")
    assert again.status_code == 302 and again.location == "/i/sosh31/"
    assert client.get("/").location == "/i/sosh31/"


def test_email_is_case_insensitive_and_trimmed(client, make):
    school = make.institution(slug="lyceum")
    make.user(school, "teacher", email="teacher@lyceum.test")

    response = log_in(client, "  Teacher@Lyceum.TEST ")

    assert response.status_code == 302
    assert response.location == "/i/lyceum/"


def test_operator_lands_on_console(client, make):
    make.user(None, None, operator=True, email="operator@city.test")

    response = log_in(client, "operator@city.test")

    assert response.status_code == 302
    assert response.location == "/operator/"
    assert client.get("/operator/").status_code == 200


def test_external_council_member_lands_on_council(client, make):
    school = make.institution(slug="base-school")
    network = make.network(school, name="Сеть «Открытый город»", slug="open-city")
    parent = make.user(None, None, full_name="Родительница Иванова", email="parent@mail.test")
    make.seat(network, parent, "member", represents="Родители")

    response = log_in(client, "parent@mail.test")

    assert response.status_code == 302
    assert response.location == "/n/open-city/council/"
    assert client.get("/n/open-city/council/").status_code == 200


def test_user_with_nothing_lands_on_welcome(client, make):
    make.user(None, None, email="nobody@mail.test")

    response = log_in(client, "nobody@mail.test")

    assert response.status_code == 302
    assert response.location == "/welcome"
    page = client.get("/welcome")
    assert page.status_code == 200
    assert "пока не привязана ни к учреждению" in text(page)


def test_wrong_password_is_refused_and_recorded(client, make, read):
    school = make.institution(slug="sosh2")
    user = make.user(school, email="user@sosh2.test")

    response = log_in(client, "user@sosh2.test", "not-the-password")

    assert response.status_code == 422
    assert WRONG in text(response)
    assert _attempts(read, "user@sosh2.test") == 1
    assert _user(read, user.id).failed_logins == 1
    assert _user(read, user.id).last_login_at is None
    assert client.get("/i/sosh2/").status_code == 302  # still anonymous


def test_unknown_address_gets_the_same_answer(client, read):
    response = log_in(client, "ghost@nowhere.test", "whatever-password")

    assert response.status_code == 422
    assert WRONG in text(response)
    assert _attempts(read, "ghost@nowhere.test") == 1


def test_malformed_form_is_refused_without_attempt(client, read):
    page = client.get("/login")
    from tests.conftest import csrf_token_from
    response = client.post("/login", data={"email": "not-an-address", "password": "",
                                           "csrf_token": csrf_token_from(text(page))})
    assert response.status_code == 422
    body = text(response)
    assert "Введите адрес электронной почты, например name@school.ru." in body
    assert "Заполните это поле." in body
    with read():
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_login_without_csrf_token_is_rejected(client, make):
    school = make.institution(slug="sosh3")
    make.user(school, email="user@sosh3.test")

    response = client.post("/login", data={"email": "user@sosh3.test", "password": PASSWORD})

    assert response.status_code == 400
    assert "Форма устарела" in text(response)
    assert client.get("/i/sosh3/").status_code == 302


def test_five_failures_slow_the_account_down_for_seconds_not_minutes(client, make, read):
    school = make.institution(slug="sosh4")
    make.user(school, email="user@sosh4.test")
    for _ in range(5):
        assert log_in(client, "user@sosh4.test", "wrong-password-x").status_code == 422

    response = log_in(client, "user@sosh4.test", PASSWORD)

    assert response.status_code == 429
    assert LIMITED in text(response)
    assert "Подождите 2 с" in text(response)  # not the whole window: tests/accounts/test_ratelimit.py
    assert client.get("/i/sosh4/").status_code == 302
    assert _attempts(read, "user@sosh4.test", "password") == 5  # the refused attempt is no wrong password…
    assert _attempts(read, "user@sosh4.test", "limited") == 1  # …but it counts against the address


def test_limit_is_per_account(client, make):
    school = make.institution(slug="sosh5")
    make.user(school, email="victim@sosh5.test")
    make.user(school, email="other@sosh5.test")
    for _ in range(5):
        log_in(client, "victim@sosh5.test", "wrong-password-x")

    assert log_in(client, "other@sosh5.test").status_code == 302


def test_limit_per_address(app, client, make):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    school = make.institution(slug="sosh6")
    make.user(school, email="real@sosh6.test")
    for n in range(3):
        log_in(client, f"guess{n}@sosh6.test", "wrong-password-x")

    response = log_in(client, "real@sosh6.test")

    assert response.status_code == 429
    assert LIMITED in text(response)


def test_old_failures_fall_out_of_the_window(client, make, read):
    school = make.institution(slug="sosh7")
    make.user(school, email="user@sosh7.test")
    for _ in range(5):
        log_in(client, "user@sosh7.test", "wrong-password-x")
    with read():
        for attempt in db.session.scalars(select(LoginAttempt)):
            attempt.attempted_at = utcnow() - timedelta(minutes=16)
        db.session.commit()

    assert log_in(client, "user@sosh7.test").status_code == 302


def test_success_forgets_earlier_failures(client, make, read):
    school = make.institution(slug="sosh8")
    user = make.user(school, email="user@sosh8.test")
    for _ in range(4):
        log_in(client, "user@sosh8.test", "wrong-password-x")

    assert log_in(client, "user@sosh8.test").status_code == 302

    assert _attempts(read, "user@sosh8.test", "password") == 0
    assert _attempts(read, "user@sosh8.test", "forgiven") == 4  # still counted against the address
    assert _user(read, user.id).failed_logins == 0


def test_disabled_user_cannot_log_in(client, make, read):
    school = make.institution(slug="sosh9")
    user = make.user(school, email="gone@sosh9.test")
    with read():
        db.session.scalar(select(User).where(User.id == user.id)).is_enabled = False
        db.session.commit()

    response = log_in(client, "gone@sosh9.test")

    assert response.status_code == 422
    assert WRONG in text(response)
    assert client.get("/i/sosh9/").status_code == 302


def test_invited_user_without_password_cannot_log_in(client, make):
    school = make.institution(slug="sosh10")
    make.user(school, email="invited@sosh10.test", password=None)

    response = log_in(client, "invited@sosh10.test", "")

    assert response.status_code == 422
    assert client.get("/i/sosh10/").status_code == 302


def test_password_is_stored_as_argon2id(make, read):
    user = make.user(make.institution())
    stored = _user(read, user.id).password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_local_next_is_honoured(client, make):
    school = make.institution(slug="sosh11")
    make.user(school, email="user@sosh11.test")

    response = log_in(client, "user@sosh11.test", next="/i/sosh11/staff")

    assert response.status_code == 302
    assert response.location == "/i/sosh11/staff"


@pytest.mark.parametrize("target", [
    "//evil.example", "//evil.example/i/x/", "https://evil.example/", "http:evil.example",
    "/\\evil.example", "evil.example", "/%09/evil.example", "%2F%2Fevil.example",
])
def test_foreign_next_is_ignored(client, make, target):
    school = make.institution(slug="sosh12")
    make.user(school, email="user@sosh12.test")

    response = log_in(client, "user@sosh12.test", next=target)

    assert response.status_code == 302
    assert response.location == "/i/sosh12/"


def test_login_required_page_sends_back_after_login(client, make):
    school = make.institution(slug="sosh13")
    make.user(school, email="user@sosh13.test")

    first = client.get("/i/sosh13/profile")
    assert first.status_code == 302
    assert first.location.startswith("/login?next=")
    page = client.get(first.location)
    assert "Войдите, чтобы открыть эту страницу." in text(page)

    from tests.conftest import csrf_token_from
    response = client.post(first.location, data={
        "email": "user@sosh13.test", "password": PASSWORD, "csrf_token": csrf_token_from(text(page))})
    assert response.status_code == 302
    assert response.location == "/i/sosh13/profile"


def test_language_switch_keeps_local_path_only(client):
    page = client.get("/login")
    from tests.conftest import csrf_token_from
    token = csrf_token_from(text(page))

    response = client.post("/language", data={"lang": "en", "next": "//evil.example", "csrf_token": token})
    assert response.status_code == 302
    assert response.location == "/"
    assert '<html lang="en">' in text(client.get("/login"))

    back = client.post("/language", data={"lang": "ru", "next": "/login", "csrf_token": token})
    assert back.location == "/login"
    assert '<html lang="ru">' in text(client.get("/login"))

    assert client.post("/language", data={"lang": "xx", "csrf_token": token}).status_code == 400
