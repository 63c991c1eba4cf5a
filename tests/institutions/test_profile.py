"""The institution's profile: everyone reads it, only the admin edits it, with optimistic locking."""
from __future__ import annotations

import re

import pytest

from tenants.models import InstitutionKind
from tests.institutions.helpers import build_school, institution_row, log_in, text, token_from

STALE = "только что изменил другой пользователь"

FULL = {
    "full_name": "МАОУ «Лицей № 7 имени А. С. Пушкина»",
    "short_name": "Лицей № 7",
    "kind": "supplementary",
    "city": "Северск",
    "address": "ул. Ленина, 1",
    "phone": "+7 3823 11-22-33",
    "email": "info@lyceum7.ru",
    "website": "https://lyceum7.ru",
    "mission": "Инженерное образование\nи сетевые проекты",
}


def _version_from(html: str) -> str:
    match = re.search(r'name="version" type="hidden" value="(\d+)"|id="version" name="version" '
                      r'type="hidden" value="(\d+)"', html)
    if match is None:
        match = re.search(r'<input[^>]*name="version"[^>]*value="(\d+)"', html)
    assert match, "no version field on the page"
    return next(group for group in match.groups() if group)


def _profile_fields(row) -> dict:
    return {name: getattr(row, name) for name in ("full_name", "short_name", "city", "address", "phone",
                                                  "email", "website", "mission", "version")} | {
        "kind": row.kind}


@pytest.fixture
def school(make):
    return build_school(make)


@pytest.mark.parametrize("role", ["admin", "coordinator", "teacher", "staff"])
def test_everyone_of_the_school_reads_the_profile(client, school, role):
    log_in(client, school.users[role].email)

    response = client.get(school.url("profile"))

    assert response.status_code == 200
    body = text(response)
    assert "МБОУ «Средняя школа № 31»" in body
    assert "Общеобразовательная школа" in body
    assert "Томск" in body
    assert ("Редактировать профиль" in body) == (role == "admin")


@pytest.mark.parametrize("role", ["coordinator", "teacher", "staff"])
def test_other_roles_cannot_edit(client, school, read, role):
    log_in(client, school.users[role].email)
    before = _profile_fields(institution_row(read, school.institution.id))

    page = client.get(school.url("profile/edit"))
    response = client.post(school.url("profile/edit"), data={
        **FULL, "version": "1", "csrf_token": token_from(client, school.url("profile"))})

    assert page.status_code == 403
    assert response.status_code == 403
    assert "Нет доступа" in text(response)
    assert _profile_fields(institution_row(read, school.institution.id)) == before


def test_admin_sees_the_form_filled_in(client, school):
    log_in(client, school.users["admin"].email)

    response = client.get(school.url("profile/edit"))

    assert response.status_code == 200
    body = text(response)
    assert "Профиль учреждения" in body
    assert 'value="Школа № 31"' in body
    assert '<option selected value="school">' in body or 'value="school" selected' in body
    assert _version_from(body) == "1"


def test_admin_edits_every_field(client, school, read):
    log_in(client, school.users["admin"].email)
    version = _version_from(text(client.get(school.url("profile/edit"))))

    response = client.post(school.url("profile/edit"), data={
        **FULL, "version": version, "csrf_token": token_from(client, school.url("profile/edit"))})

    assert response.status_code == 302
    assert response.location == school.url("profile")
    row = institution_row(read, school.institution.id)
    for name, value in FULL.items():
        if name == "kind":
            assert row.kind == InstitutionKind.SUPPLEMENTARY
        else:
            assert getattr(row, name) == value, name
    assert row.version == 2
    assert row.slug == "sosh31"  # the address in the system is the operator's business
    page = client.get(response.location)
    body = text(page)
    assert "Профиль учреждения сохранён." in body
    assert "Лицей № 7" in body and "Северск" in body and "https://lyceum7.ru" in body
    assert "Дополнительное образование (ЦДО, ДДТ)" in body


def test_optional_fields_may_be_cleared(client, school, read):
    log_in(client, school.users["admin"].email)
    data = {**FULL, "city": "", "address": "", "phone": "", "email": "", "website": "", "mission": ""}

    response = client.post(school.url("profile/edit"), data={
        **data, "version": "1", "csrf_token": token_from(client, school.url("profile/edit"))})

    assert response.status_code == 302
    row = institution_row(read, school.institution.id)
    assert (row.city, row.email, row.website, row.mission) == ("", "", "", "")
    assert "—" in text(client.get(school.url("profile")))


@pytest.mark.parametrize("changes, message", [
    ({"email": "info-at-lyceum"}, "Введите адрес электронной почты, например info@school.ru."),
    ({"website": "lyceum7 ru"}, "Введите адрес сайта, например https://school.ru."),
    ({"website": "javascript:alert(1)"}, "Введите адрес сайта, например https://school.ru."),
    ({"website": "javascript://school.ru/%0aalert(1)"}, "Введите адрес сайта, например https://school.ru."),
    ({"short_name": ""}, "Заполните это поле."),
    ({"full_name": "   "}, "Заполните это поле."),
    ({"short_name": "Ш" * 121}, "Не длиннее 120 символов."),
])
def test_invalid_input_changes_nothing(client, school, read, changes, message):
    log_in(client, school.users["admin"].email)
    before = _profile_fields(institution_row(read, school.institution.id))

    response = client.post(school.url("profile/edit"), data={
        **FULL, **changes, "version": "1", "csrf_token": token_from(client, school.url("profile/edit"))})

    assert response.status_code == 422
    body = text(response)
    assert message in body
    assert "Проверьте поля, отмеченные ниже." in body
    assert _profile_fields(institution_row(read, school.institution.id)) == before


def test_unknown_kind_is_rejected(client, school, read):
    log_in(client, school.users["admin"].email)
    before = _profile_fields(institution_row(read, school.institution.id))

    response = client.post(school.url("profile/edit"), data={
        **FULL, "kind": "spaceport", "version": "1", "csrf_token": token_from(client, school.url("profile/edit"))})

    assert response.status_code == 422
    assert _profile_fields(institution_row(read, school.institution.id)) == before


def test_stale_version_overwrites_nothing(app, client, make, school, read):
    # Two admins open the form at version 1; the second one saves first.
    make.user(school.institution, "admin", email="admin2@sosh31.test")
    second_admin = app.test_client()
    log_in(second_admin, "admin2@sosh31.test")
    log_in(client, school.users["admin"].email)
    opened_at = _version_from(text(client.get(school.url("profile/edit"))))
    assert second_admin.post(school.url("profile/edit"), data={
        **FULL, "short_name": "Школа № 31 (новое)", "version": "1",
        "csrf_token": token_from(second_admin, school.url("profile/edit"))}).status_code == 302
    saved = _profile_fields(institution_row(read, school.institution.id))

    response = client.post(school.url("profile/edit"), data={
        **FULL, "short_name": "Моя версия", "version": opened_at,
        "csrf_token": token_from(client, school.url("profile"))})

    assert response.status_code == 409
    body = text(response)
    assert STALE in body
    assert "Сейчас сохранено" in body and "Школа № 31 (новое)" in body
    assert 'value="Моя версия"' in body  # what the user typed is not lost
    assert _version_from(body) == "2"
    assert _profile_fields(institution_row(read, school.institution.id)) == saved

    # Saving again from the refreshed form now succeeds.
    again = client.post(school.url("profile/edit"), data={
        **FULL, "short_name": "Моя версия", "version": _version_from(body),
        "csrf_token": token_from(client, school.url("profile"))})
    assert again.status_code == 302
    row = institution_row(read, school.institution.id)
    assert row.short_name == "Моя версия" and row.version == 3


def test_missing_version_is_treated_as_stale(client, school, read):
    log_in(client, school.users["admin"].email)
    before = _profile_fields(institution_row(read, school.institution.id))

    response = client.post(school.url("profile/edit"), data={
        **FULL, "csrf_token": token_from(client, school.url("profile/edit"))})

    assert response.status_code == 409
    assert STALE in text(response)
    assert _profile_fields(institution_row(read, school.institution.id)) == before


def test_foreign_profile_is_not_found(client, school, make, read):
    other = make.institution("Чужая школа", slug="other-school")
    log_in(client, school.users["admin"].email)

    assert client.get("/i/other-school/profile").status_code == 404
    response = client.post("/i/other-school/profile/edit", data={
        **FULL, "version": "1", "csrf_token": token_from(client, school.url("profile"))})
    assert response.status_code == 404
    assert institution_row(read, other.id).short_name == "Чужая школа"
