"""Invitation links: set the password and log in; bound to one person in one institution."""
from __future__ import annotations

from sqlalchemy import select

from tests.accounts.helpers import link_path, log_in, text
from tests.conftest import post_form
from workspace.accounts.models import AccountToken, StaffRole, User
from workspace.extensions import db

PASSWORD_NEW = "пароль-из-приглашения"


def _invite(app, make, outbox, email="new@sosh51.test"):
    """The school's admin invites a teacher through the staff page; the mail's link is returned."""
    school = make.institution("Школа № 51", slug="sosh51")
    make.user(school, "admin", email="admin@sosh51.test")
    admin = app.test_client()
    log_in(admin, "admin@sosh51.test")
    response = post_form(admin, "/i/sosh51/staff/invite",
                         {"full_name": "Сидоров Пётр", "email": email, "position": "Педагог ДО",
                          "role": "teacher"})
    assert response.status_code == 302
    assert len(outbox) == 1
    return school, link_path(outbox[0])


def _user(read, email):
    with read():
        return db.session.scalar(select(User).where(User.email == email))


def test_invitation_sets_the_password_and_logs_in(app, client, make, outbox, read):
    school, path = _invite(app, make, outbox)
    assert path.startswith("/invitation/")
    assert "Школа № 51" in outbox[0]["subject"]

    page = client.get(path)
    assert page.status_code == 200
    assert "Здравствуйте, Сидоров Пётр!" in text(page)
    assert "Задать пароль и войти" in text(page)

    response = post_form(client, path, {"password": PASSWORD_NEW, "confirm": PASSWORD_NEW})

    assert response.status_code == 302
    assert response.location == "/i/sosh51/"
    desk = client.get("/i/sosh51/")
    assert desk.status_code == 200
    assert "Добро пожаловать! Пароль задан, вы вошли в систему." in text(desk)
    user = _user(read, "new@sosh51.test")
    assert user.password_hash.startswith("$argon2id$")
    assert user.role == StaffRole.TEACHER and user.institution_id == school.id
    # Once only.
    assert app.test_client().get(path).status_code == 404
    # And the password is the one chosen.
    assert log_in(app.test_client(), "new@sosh51.test", PASSWORD_NEW).status_code == 302


def test_link_stops_working_when_the_person_moves(app, client, make, outbox, read):
    _school, path = _invite(app, make, outbox)
    other = make.institution("Библиотека", kind="library", slug="library")
    with read():
        user = db.session.scalar(select(User).where(User.email == "new@sosh51.test"))
        user.institution_id = other.id
        db.session.commit()

    page = client.get(path)
    assert page.status_code == 404
    assert "Ссылка недействительна" in text(page)
    response = post_form(client, path, {"password": PASSWORD_NEW, "confirm": PASSWORD_NEW}, page_url="/login")
    assert response.status_code == 404
    assert _user(read, "new@sosh51.test").password_hash is None
    assert client.get("/i/library/").status_code == 302


def test_link_stops_working_when_the_account_is_disabled(app, client, make, outbox, read):
    _school, path = _invite(app, make, outbox)
    with read():
        db.session.scalar(select(User).where(User.email == "new@sosh51.test")).is_enabled = False
        db.session.commit()

    assert client.get(path).status_code == 404


def test_only_a_hash_of_the_link_is_stored(app, make, outbox, read):
    _school, path = _invite(app, make, outbox)
    raw = path.rsplit("/", 1)[1]
    with read():
        stored = list(db.session.scalars(select(AccountToken.token_hash)))
    assert stored and raw not in stored


def test_invitation_replaces_whoever_was_logged_in(app, client, make, outbox):
    _school, path = _invite(app, make, outbox)
    make.user(make.institution(slug="elsewhere"), email="someone@elsewhere.test")
    log_in(client, "someone@elsewhere.test", remember=True)

    response = post_form(client, path, {"password": PASSWORD_NEW, "confirm": PASSWORD_NEW})

    assert response.location == "/i/sosh51/"
    assert client.get_cookie("remember_token") is None  # the previous person's cookie is gone
    assert client.get("/i/elsewhere/").status_code == 404
