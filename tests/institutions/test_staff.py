"""Staff of an institution: list, invite, change role, deactivate and activate, resend invitation."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import post_form
from tests.institutions.helpers import (
    build_school,
    link_path,
    log_in,
    text,
    token_from,
    user_row,
)
from workspace.accounts.models import AccountToken, StaffRole, User
from workspace.extensions import db

LAST_ADMIN = "хотя бы один руководитель"


@pytest.fixture
def school(make):
    return build_school(make)


@pytest.fixture
def admin_client(client, school):
    log_in(client, school.users["admin"].email)
    return client


def _users(read) -> int:
    with read():
        return db.session.scalar(select(func.count()).select_from(User))


def _post(client, school, rest, data=None):
    return client.post(school.url(rest), data={**(data or {}), "csrf_token": token_from(client, school.url("staff"))})


INVITE = {"full_name": "Кузнецова Мария Ивановна", "email": "kuznetsova@sosh31.test",
          "position": "Педагог дополнительного образования", "role": "teacher"}


# --- who may do what -------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["admin", "coordinator", "teacher", "staff"])
def test_everyone_sees_the_staff_list(client, school, role):
    log_in(client, school.users[role].email)

    response = client.get(school.url("staff"))

    assert response.status_code == 200
    body = text(response)
    for user in school.users.values():
        assert user.full_name in body
    assert ("Пригласить сотрудника" in body) == (role == "admin")
    assert ('name="role"' in body) == (role == "admin")


@pytest.mark.parametrize("role", ["coordinator", "teacher", "staff"])
def test_other_roles_may_not_manage_staff(client, school, read, outbox, role):
    log_in(client, school.users[role].email)
    target = school.users["teacher" if role != "teacher" else "staff"]
    users_before = _users(read)

    assert client.get(school.url("staff/invite")).status_code == 403
    responses = [
        _post(client, school, "staff/invite", INVITE),
        _post(client, school, f"staff/{target.id}/role", {"role": "admin"}),
        _post(client, school, f"staff/{target.id}/deactivate"),
        _post(client, school, f"staff/{target.id}/activate"),
        _post(client, school, f"staff/{target.id}/resend"),
    ]
    confirm = client.get(school.url(f"staff/{target.id}/deactivate"))

    assert [r.status_code for r in responses] == [403] * 5
    assert confirm.status_code == 403
    assert "Нет доступа" in text(responses[0])
    assert _users(read) == users_before
    after = user_row(read, id=target.id)
    assert after.role == StaffRole(target.role.value) and after.is_enabled
    assert outbox == []


def test_users_of_another_institution_are_not_found(admin_client, school, make, read):
    stranger_school = make.institution("Другая школа", slug="other")
    stranger = make.user(stranger_school, "teacher", email="teacher@other.test")

    responses = [
        _post(admin_client, school, f"staff/{stranger.id}/role", {"role": "admin"}),
        _post(admin_client, school, f"staff/{stranger.id}/deactivate"),
        _post(admin_client, school, f"staff/{stranger.id}/activate"),
        _post(admin_client, school, f"staff/{stranger.id}/resend"),
        admin_client.get(school.url(f"staff/{stranger.id}/deactivate")),
    ]

    assert [r.status_code for r in responses] == [404] * 5
    after = user_row(read, id=stranger.id)
    assert after.role == StaffRole.TEACHER and after.is_enabled


# --- invitations -----------------------------------------------------------------------------

def test_invite_page(admin_client, school):
    response = admin_client.get(school.url("staff/invite"))
    assert response.status_code == 200
    body = text(response)
    assert "Пригласить сотрудника" in body
    for label in ("ФИО", "Электронная почта", "Должность", "Роль", "Координатор сетевого взаимодействия"):
        assert label in body


def test_invite_creates_a_user_without_password_and_mails_a_working_link(app, admin_client, school, read,
                                                                        outbox):
    response = post_form(admin_client, school.url("staff/invite"), {**INVITE, "email": " Kuznetsova@SOSH31.test "})

    assert response.status_code == 302
    assert response.location == school.url("staff")
    page = text(admin_client.get(response.location))
    assert "Приглашение отправлено на kuznetsova@sosh31.test." in page
    assert "Кузнецова Мария Ивановна" in page and "Приглашён" in page
    invited = user_row(read, email="kuznetsova@sosh31.test")
    assert invited.password_hash is None
    assert invited.institution_id == school.institution.id
    assert invited.role == StaffRole.TEACHER
    assert invited.position == "Педагог дополнительного образования"
    assert invited.is_enabled
    assert len(outbox) == 1
    mail = outbox[0]
    assert mail["to"] == "kuznetsova@sosh31.test"
    assert mail["subject"] == "Приглашение в сетевое пространство: Школа № 31"
    assert "Здравствуйте, Кузнецова Мария Ивановна!" in mail["body"]

    newcomer = app.test_client()
    path = link_path(mail)
    assert newcomer.get(path).status_code == 200
    accepted = post_form(newcomer, path, {"password": "мой-пароль-учителя", "confirm": "мой-пароль-учителя"})
    assert accepted.status_code == 302
    assert accepted.location == school.url()
    assert newcomer.get(school.url()).status_code == 200
    assert user_row(read, email="kuznetsova@sosh31.test").password_hash.startswith("$argon2id$")


@pytest.mark.parametrize("email", ["teacher@sosh31.test", "TEACHER@sosh31.test"])
def test_duplicate_email_is_rejected(admin_client, school, read, outbox, email):
    users_before = _users(read)

    response = post_form(admin_client, school.url("staff/invite"), {**INVITE, "email": email})

    assert response.status_code == 422
    assert "Пользователь с таким адресом уже зарегистрирован." in text(response)
    assert _users(read) == users_before
    assert outbox == []


def test_address_of_another_institution_is_also_taken(admin_client, school, make, read, outbox):
    make.user(make.institution(slug="other"), email="busy@other.test")
    users_before = _users(read)

    response = post_form(admin_client, school.url("staff/invite"), {**INVITE, "email": "busy@other.test"})

    assert response.status_code == 422
    assert "Пользователь с таким адресом уже зарегистрирован." in text(response)
    assert _users(read) == users_before
    assert outbox == []


@pytest.mark.parametrize("changes, message", [
    ({"email": "kuznetsova"}, "Введите адрес электронной почты, например name@school.ru."),
    ({"full_name": ""}, "Заполните это поле."),
    ({"role": "director"}, None),
])
def test_invalid_invitation_changes_nothing(admin_client, school, read, outbox, changes, message):
    users_before = _users(read)

    response = post_form(admin_client, school.url("staff/invite"), {**INVITE, **changes})

    assert response.status_code == 422
    if message:
        assert message in text(response)
    assert "Проверьте поля, отмеченные ниже." in text(response)
    assert _users(read) == users_before
    assert outbox == []


def test_resend_invitation_replaces_the_link(app, admin_client, school, read, outbox):
    post_form(admin_client, school.url("staff/invite"), INVITE)
    invited = user_row(read, email="kuznetsova@sosh31.test")

    response = _post(admin_client, school, f"staff/{invited.id}/resend")

    assert response.status_code == 302
    assert "Приглашение отправлено повторно на kuznetsova@sosh31.test." in text(admin_client.get(response.location))
    assert len(outbox) == 2
    first, second = link_path(outbox[0]), link_path(outbox[1])
    newcomer = app.test_client()
    assert newcomer.get(first).status_code == 404
    assert newcomer.get(second).status_code == 200
    with read():
        assert db.session.scalar(select(func.count()).select_from(AccountToken).where(
            AccountToken.user_id == invited.id, AccountToken.used_at.is_(None))) == 1


def test_no_invitation_for_someone_with_a_password(admin_client, school, outbox):
    teacher = school.users["teacher"]

    response = _post(admin_client, school, f"staff/{teacher.id}/resend")

    assert response.status_code == 302
    assert "уже задал(а) пароль, приглашение не нужно." in text(admin_client.get(response.location))
    assert outbox == []


def test_no_invitation_for_a_disabled_account(admin_client, school, read, outbox):
    post_form(admin_client, school.url("staff/invite"), INVITE)
    invited = user_row(read, email="kuznetsova@sosh31.test")
    admin_client.get(_post(admin_client, school, f"staff/{invited.id}/deactivate").location)
    outbox.clear()

    response = _post(admin_client, school, f"staff/{invited.id}/resend")

    assert response.status_code == 302
    assert "сначала включите её" in text(admin_client.get(response.location))
    assert outbox == []


# --- roles -----------------------------------------------------------------------------------

def test_admin_changes_a_role(admin_client, school, read):
    coordinator = school.users["coordinator"]

    response = _post(admin_client, school, f"staff/{coordinator.id}/role", {"role": "teacher"})

    assert response.status_code == 302
    assert response.location == school.url("staff")
    assert f"Роль сотрудника {coordinator.full_name} изменена." in text(admin_client.get(response.location))
    assert user_row(read, id=coordinator.id).role == StaffRole.TEACHER


def test_unknown_role_is_refused(admin_client, school, read):
    coordinator = school.users["coordinator"]

    response = _post(admin_client, school, f"staff/{coordinator.id}/role", {"role": "director"})

    assert response.status_code in (302, 422)
    follow = response if response.status_code == 422 else admin_client.get(response.location)
    assert "Выберите роль из списка." in text(follow)
    assert user_row(read, id=coordinator.id).role == StaffRole.COORDINATOR


def test_the_last_admin_cannot_be_demoted(admin_client, school, read):
    admin = school.users["admin"]

    response = _post(admin_client, school, f"staff/{admin.id}/role", {"role": "coordinator"})

    assert LAST_ADMIN in text(admin_client.get(response.location) if response.status_code == 302 else response)
    assert user_row(read, id=admin.id).role == StaffRole.ADMIN


def test_an_admin_may_step_down_when_another_admin_remains(admin_client, school, make, read):
    make.user(school.institution, "admin", email="second-admin@sosh31.test")
    admin = school.users["admin"]

    response = _post(admin_client, school, f"staff/{admin.id}/role", {"role": "coordinator"})

    assert response.status_code == 302
    assert user_row(read, id=admin.id).role == StaffRole.COORDINATOR


def test_a_disabled_admin_does_not_count(admin_client, school, make, read):
    disabled = make.user(school.institution, "admin", email="old-admin@sosh31.test")
    with read():
        db.session.scalar(select(User).where(User.id == disabled.id)).is_enabled = False
        db.session.commit()
    admin = school.users["admin"]

    response = _post(admin_client, school, f"staff/{admin.id}/role", {"role": "teacher"})

    assert LAST_ADMIN in text(admin_client.get(response.location) if response.status_code == 302 else response)
    assert user_row(read, id=admin.id).role == StaffRole.ADMIN


# --- deactivate and activate -----------------------------------------------------------------

def test_deactivation_asks_first(admin_client, school):
    teacher = school.users["teacher"]

    response = admin_client.get(school.url(f"staff/{teacher.id}/deactivate"))

    assert response.status_code == 200
    body = text(response)
    assert "Отключить учётную запись?" in body
    assert f"{teacher.full_name} больше не сможет войти." in body
    assert f'action="{school.url(f"staff/{teacher.id}/deactivate")}"' in body


def test_deactivated_user_is_thrown_out_and_cannot_log_in(app, admin_client, school, read):
    teacher = school.users["teacher"]
    session = app.test_client()
    log_in(session, teacher.email)
    assert session.get(school.url()).status_code == 200

    response = _post(admin_client, school, f"staff/{teacher.id}/deactivate")

    assert response.status_code == 302
    page = text(admin_client.get(response.location))
    assert f"Учётная запись {teacher.full_name} отключена." in page
    assert "Отключён" in page
    assert user_row(read, id=teacher.id).is_enabled is False
    kicked = session.get(school.url())
    assert kicked.status_code == 302
    assert kicked.location.startswith("/login")
    again = app.test_client()
    page = again.get("/login")
    refused = again.post("/login", data={"email": teacher.email, "password": "test-password-1",
                                         "csrf_token": token_from(again, "/login")})
    assert page.status_code == 200
    assert refused.status_code == 422
    assert "Неверный адрес почты или пароль." in text(refused)


def test_nobody_deactivates_themselves(admin_client, school, read):
    admin = school.users["admin"]

    response = _post(admin_client, school, f"staff/{admin.id}/deactivate")

    assert response.status_code == 302
    assert "Нельзя отключить собственную учётную запись." in text(admin_client.get(response.location))
    assert user_row(read, id=admin.id).is_enabled is True
    assert admin_client.get(school.url()).status_code == 200


def test_another_admin_may_be_deactivated_but_not_the_last_one(app, admin_client, school, make, read):
    second = make.user(school.institution, "admin", email="second-admin@sosh31.test")

    assert _post(admin_client, school, f"staff/{second.id}/deactivate").status_code == 302
    assert user_row(read, id=second.id).is_enabled is False

    # Now the remaining admin is the last one: stepping down is refused.
    admin = school.users["admin"]
    response = _post(admin_client, school, f"staff/{admin.id}/role", {"role": "staff"})
    assert LAST_ADMIN in text(admin_client.get(response.location) if response.status_code == 302 else response)
    assert user_row(read, id=admin.id).role == StaffRole.ADMIN


def test_activate_lets_the_user_back_in(app, admin_client, school, read):
    teacher = school.users["teacher"]
    _post(admin_client, school, f"staff/{teacher.id}/deactivate")

    response = _post(admin_client, school, f"staff/{teacher.id}/activate")

    assert response.status_code == 302
    assert f"Учётная запись {teacher.full_name} снова активна." in text(admin_client.get(response.location))
    assert user_row(read, id=teacher.id).is_enabled is True
    log_in(app.test_client(), teacher.email)


# --- pagination ------------------------------------------------------------------------------

def test_staff_list_is_paged(app, admin_client, school, make):
    app.config["PAGE_SIZE"] = 3
    for n in range(4):
        make.user(school.institution, "teacher", full_name=f"Яковлева {n}", email=f"teacher{n}@sosh31.test")
    # 4 + 4 users, 3 a page: three pages.

    first = text(admin_client.get(school.url("staff")))
    third = text(admin_client.get(school.url("staff?page=3")))
    beyond = admin_client.get(school.url("staff?page=99"))

    assert first.count('<tr id="user-') == 3
    assert "Страница 1 из 3" in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert third.count('<tr id="user-') == 2
    assert "Страница 3 из 3" in third
    assert 'rel="prev"' in third and 'rel="next"' not in third
    assert beyond.status_code in (200, 404)
    seen = set()
    for number in (1, 2, 3):
        body = text(admin_client.get(school.url(f"staff?page={number}")))
        seen |= {line for line in body.split('<tr id="user-')[1:]}
    assert len(seen) == 8


def test_namesakes_are_paged_without_repeats(app, admin_client, school, make):
    app.config["PAGE_SIZE"] = 2
    namesakes = [make.user(school.institution, "teacher", full_name="Иванова Ирина Ивановна",
                           email=f"ivanova{n}@sosh31.test") for n in range(5)]

    seen = []
    for number in range(1, 7):
        body = text(admin_client.get(school.url(f"staff?page={number}")))
        seen += [user.id for user in namesakes if f'id="user-{user.id}"' in body]

    assert sorted(seen) == sorted(user.id for user in namesakes)
