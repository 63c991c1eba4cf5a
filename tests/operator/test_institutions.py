"""The operator creates and edits institutions of every kind, finds them, appoints their admin."""
from __future__ import annotations

import pytest

from tenants.models import Institution, InstitutionKind
from tests.conftest import post_form
from tests.operator.helpers import (
    count,
    hidden_fields,
    institution_by_slug,
    link_path,
    submit,
    text,
    user_by_email,
)
from workspace.accounts.models import StaffRole, User
from workspace.core.labels import label

NEW = {
    "short_name": "ЦДО «Радуга»",
    "full_name": "МАУ ДО «Центр дополнительного образования «Радуга»",
    "slug": "raduga",
    "kind": "supplementary",
    "city": "Томск",
    "address": "пр. Мира, 10",
    "phone": "+7 3822 10-10-10",
    "email": "raduga@edu.test",
    "website": "https://raduga.edu.test",
    "mission": "Техническое творчество",
}
SLUG_RULE = "Только латинские строчные буквы, цифры и дефис, от 2 до 63 символов."


# --- create ----------------------------------------------------------------------------------

def test_new_institution_form(console):
    response = console.get("/operator/institutions/new")
    assert response.status_code == 200
    body = text(response)
    assert "Новое учреждение" in body
    assert "Станет частью адреса страниц: /i/sosh31/" in body
    for kind in InstitutionKind:
        assert f'value="{kind.value}"' in body


@pytest.mark.parametrize("kind", list(InstitutionKind), ids=lambda k: k.value)
def test_create_institution_of_every_kind(console, read, kind):
    slug = f"inst-{kind.value.replace('_', '-')}"

    response = post_form(console, "/operator/institutions/new", {**NEW, "slug": slug, "kind": kind.value})

    assert response.status_code == 302
    created = institution_by_slug(read, slug)
    assert created is not None
    assert created.kind == kind
    assert response.location == f"/operator/institutions/{created.id}"
    for name in ("short_name", "full_name", "city", "address", "phone", "email", "website", "mission"):
        assert getattr(created, name) == NEW[name], name
    page = text(console.get(response.location))
    assert "Учреждение «ЦДО „Радуга“» создано. Назначьте его руководителя." in page.replace("&#34;", '"')
    assert label(kind) in page
    assert f"/i/{slug}/" in page
    assert "Руководитель не назначен" in page


def test_only_required_fields(console, read):
    response = post_form(console, "/operator/institutions/new", {
        "short_name": "СДК", "full_name": "Сельский дом культуры", "slug": "sdk", "kind": "culture_house"})

    assert response.status_code == 302
    created = institution_by_slug(read, "sdk")
    assert (created.city, created.email, created.website) == ("", "", "")


def test_slug_is_lowercased(console, read):
    response = post_form(console, "/operator/institutions/new", {**NEW, "slug": "  RADUGA-2 "})

    assert response.status_code == 302
    assert institution_by_slug(read, "raduga-2") is not None


@pytest.mark.parametrize("slug", ["радуга", "r", "-raduga", "ra duga", "ra_duga", "raduga.ru", "r" * 64, ""])
def test_bad_slug_is_refused(console, read, slug):
    before = count(read, Institution)

    response = post_form(console, "/operator/institutions/new", {**NEW, "slug": slug})

    assert response.status_code == 422
    body = text(response)
    assert SLUG_RULE in body or (slug == "" and "Заполните это поле." in body)
    assert "Проверьте поля, отмеченные ниже." in body
    assert count(read, Institution) == before


@pytest.mark.parametrize("changes, message", [
    ({"short_name": ""}, "Заполните это поле."),
    ({"kind": "zoo"}, None),
    ({"email": "raduga"}, "Введите адрес электронной почты, например info@school.ru."),
    ({"website": "raduga"}, "Введите адрес сайта, например https://school.ru."),
])
def test_other_invalid_input_is_refused(console, read, changes, message):
    before = count(read, Institution)

    response = post_form(console, "/operator/institutions/new", {**NEW, **changes})

    assert response.status_code == 422
    if message:
        assert message in text(response)
    assert count(read, Institution) == before


def test_duplicate_slug(console, make, read):
    make.institution("Школа № 31", slug="sosh31")
    before = count(read, Institution)

    response = post_form(console, "/operator/institutions/new", {**NEW, "slug": "sosh31"})

    assert response.status_code == 422
    assert "Этот адрес уже занят другим учреждением." in text(response)
    assert count(read, Institution) == before


# --- edit ------------------------------------------------------------------------------------

def test_edit_institution(console, make, read):
    school = make.institution("Школа № 31", slug="sosh31")
    url = f"/operator/institutions/{school.id}/edit"
    form = text(console.get(url))
    assert 'value="Школа № 31"' in form and 'value="sosh31"' in form

    response = submit(console, url, {**NEW, "slug": "lyceum-31", "kind": "college"})

    assert response.status_code == 302
    assert response.location == f"/operator/institutions/{school.id}"
    edited = institution_by_slug(read, "lyceum-31")
    assert edited.id == school.id
    assert edited.kind == InstitutionKind.COLLEGE
    assert edited.short_name == NEW["short_name"]
    assert "Изменения сохранены." in text(console.get(response.location))


def test_edit_keeps_own_slug_but_not_anothers(console, make, read):
    school = make.institution("Школа № 31", slug="sosh31")
    make.institution("Школа № 32", slug="sosh32")
    url = f"/operator/institutions/{school.id}/edit"

    taken = submit(console, url, {**NEW, "slug": "sosh32"})
    kept = submit(console, url, {**NEW, "slug": "sosh31", "short_name": "Школа № 31 им. Гагарина"})

    assert taken.status_code == 422
    assert "Этот адрес уже занят другим учреждением." in text(taken)
    assert kept.status_code == 302
    assert institution_by_slug(read, "sosh31").short_name == "Школа № 31 им. Гагарина"
    assert institution_by_slug(read, "sosh32") is not None


def test_edit_with_bad_slug_changes_nothing(console, make, read):
    school = make.institution("Школа № 31", slug="sosh31")

    response = submit(console, f"/operator/institutions/{school.id}/edit", {**NEW, "slug": "школа"})

    assert response.status_code == 422
    assert SLUG_RULE in text(response)
    unchanged = institution_by_slug(read, "sosh31")
    assert unchanged.short_name == "Школа № 31"


def test_edit_after_the_admin_saved_the_profile_overwrites_nothing(app, console, make, read):
    school = make.institution("Школа № 31", slug="sosh31")
    make.user(school, "admin", email="admin@sosh31.test")
    url = f"/operator/institutions/{school.id}/edit"
    opened = hidden_fields(text(console.get(url)))
    assert opened["version"] == "1"
    # Meanwhile the school's admin edits the profile.
    from tests.operator.helpers import log_in
    admin = app.test_client()
    log_in(admin, "admin@sosh31.test")
    fields = hidden_fields(text(admin.get("/i/sosh31/profile/edit")))
    assert admin.post("/i/sosh31/profile/edit", data={
        **fields, "short_name": "Школа № 31 (от руководителя)", "full_name": "МБОУ СОШ № 31",
        "kind": "school"}).status_code == 302

    response = console.post(url, data={**opened, **NEW, "slug": "sosh31"})

    assert response.status_code == 409
    body = text(response)
    assert "только что изменил другой пользователь" in body
    assert hidden_fields(body)["version"] == "2"
    row = institution_by_slug(read, "sosh31")
    assert row.short_name == "Школа № 31 (от руководителя)" and row.version == 2
    # Sent again from the refreshed form, the operator's version wins knowingly.
    again = console.post(url, data={**hidden_fields(body), **NEW, "slug": "sosh31"})
    assert again.status_code == 302
    assert institution_by_slug(read, "sosh31").short_name == NEW["short_name"]


# --- admin -----------------------------------------------------------------------------------

def test_appoint_admin_by_invitation(app, console, make, read, outbox):
    school = make.institution("Школа № 31", slug="sosh31")
    url = f"/operator/institutions/{school.id}"

    response = post_form(console, url, {"full_name": "Иванова Ольга Петровна", "email": "Director@SOSH31.test"})

    assert response.status_code == 302
    assert response.location == url
    page = text(console.get(url))
    assert "Приглашение руководителю отправлено на director@sosh31.test." in page
    assert "Иванова Ольга Петровна" in page and "приглашение отправлено" in page
    admin = user_by_email(read, "director@sosh31.test")
    assert admin.role == StaffRole.ADMIN
    assert admin.institution_id == school.id
    assert admin.password_hash is None
    assert len(outbox) == 1 and outbox[0]["to"] == "director@sosh31.test"
    assert "Школа № 31" in outbox[0]["subject"]

    # The invited admin sets a password and lands in the school, able to invite staff.
    director = app.test_client()
    path = link_path(outbox[0])
    accepted = post_form(director, path, {"password": "пароль-директора", "confirm": "пароль-директора"})
    assert accepted.location == "/i/sosh31/"
    assert director.get("/i/sosh31/staff/invite").status_code == 200


def test_existing_user_of_the_institution_is_promoted(console, make, read, outbox):
    school = make.institution("Школа № 31", slug="sosh31")
    teacher = make.user(school, "teacher", full_name="Смирнов Иван", email="smirnov@sosh31.test")
    users_before = count(read, User)

    response = post_form(console, f"/operator/institutions/{school.id}",
                         {"full_name": "Смирнов Иван", "email": "smirnov@sosh31.test"})

    assert response.status_code == 302
    assert "Смирнов Иван назначен(а) руководителем." in text(console.get(response.location))
    assert user_by_email(read, "smirnov@sosh31.test").role == StaffRole.ADMIN
    assert count(read, User) == users_before
    assert outbox == []
    assert teacher.id == user_by_email(read, "smirnov@sosh31.test").id


def test_promoting_someone_who_never_set_a_password_sends_a_fresh_link(app, console, make, read, outbox):
    school = make.institution("Школа № 31", slug="sosh31")
    make.user(school, "teacher", full_name="Смирнов Иван", email="smirnov@sosh31.test", password=None)

    response = post_form(console, f"/operator/institutions/{school.id}",
                         {"full_name": "Смирнов Иван", "email": "smirnov@sosh31.test"})

    assert response.status_code == 302
    assert "Приглашение руководителю отправлено на smirnov@sosh31.test." in text(console.get(response.location))
    assert user_by_email(read, "smirnov@sosh31.test").role == StaffRole.ADMIN
    assert len(outbox) == 1 and outbox[0]["to"] == "smirnov@sosh31.test"
    newcomer = app.test_client()
    accepted = post_form(newcomer, link_path(outbox[0]), {"password": "пароль-смирнова", "confirm": "пароль-смирнова"})
    assert accepted.location == "/i/sosh31/"


def test_user_of_another_institution_cannot_be_appointed(console, make, read, outbox):
    school = make.institution("Школа № 31", slug="sosh31")
    other = make.institution("Школа № 32", slug="sosh32")
    make.user(other, "coordinator", email="coordinator@sosh32.test")

    response = post_form(console, f"/operator/institutions/{school.id}",
                         {"full_name": "Кто-то", "email": "coordinator@sosh32.test"})

    assert response.status_code == 422
    assert "Этот адрес уже принадлежит пользователю другого учреждения." in text(response)
    moved = user_by_email(read, "coordinator@sosh32.test")
    assert moved.institution_id == other.id and moved.role == StaffRole.COORDINATOR
    assert outbox == []


@pytest.mark.parametrize("kind", ["operator", "external"])
def test_users_without_institution_cannot_be_appointed(console, make, read, outbox, operator, kind):
    school = make.institution("Школа № 31", slug="sosh31")
    email = operator.email if kind == "operator" else make.user(None, None, email="parent@mail.test").email

    response = post_form(console, f"/operator/institutions/{school.id}", {"full_name": "Кто-то", "email": email})

    assert response.status_code == 422
    assert user_by_email(read, email).institution_id is None
    assert outbox == []


def test_admin_form_validation(console, make, read, outbox):
    school = make.institution("Школа № 31", slug="sosh31")
    before = count(read, User)

    response = post_form(console, f"/operator/institutions/{school.id}", {"full_name": "", "email": "director"})

    assert response.status_code == 422
    body = text(response)
    assert "Заполните это поле." in body
    assert "Введите адрес электронной почты, например name@school.ru." in body
    assert count(read, User) == before
    assert outbox == []


# --- search ----------------------------------------------------------------------------------

@pytest.fixture
def many(make):
    make.institution("Школа № 31", slug="sosh31", full_name="МБОУ «Средняя общеобразовательная школа № 31»")
    make.institution("Лицей № 7", slug="lyceum7", full_name="МАОУ «Лицей № 7»")
    make.institution("Библиотека им. Пушкина", kind="library", slug="pushkin", full_name="МБУ «ЦБС»")
    make.institution("ДК «Строитель»", kind="culture_house", slug="dk", full_name="Дом культуры «Строитель»")


def _names(body: str) -> set[str]:
    return {name for name in ("Школа № 31", "Лицей № 7", "Библиотека им. Пушкина", "ДК «Строитель»")
            if name in body.replace("&#34;", '"')}


@pytest.mark.parametrize("query, expected", [
    ("", {"Школа № 31", "Лицей № 7", "Библиотека им. Пушкина", "ДК «Строитель»"}),
    ("лицей", {"Лицей № 7"}),
    ("ЛИЦЕЙ", {"Лицей № 7"}),
    ("школа", {"Школа № 31"}),
    ("пушкин", {"Библиотека им. Пушкина"}),
    ("общеобразовательная", {"Школа № 31"}),  # the full name counts too
    ("строитель", {"ДК «Строитель»"}),
    ("№", {"Школа № 31", "Лицей № 7"}),
    ("театр", set()),
])
def test_search_filters_institutions(console, many, query, expected):
    response = console.get("/operator/", query_string={"q": query})

    assert response.status_code == 200
    body = text(response)
    section = body[body.index('<div id="institutions">'):]
    assert _names(section) == expected
    if not expected:
        assert "Ничего не найдено." in section


def test_search_wildcards_are_literal(console, many):
    response = console.get("/operator/", query_string={"q": "_"})
    section = text(response)[text(response).index('<div id="institutions">'):]
    assert _names(section) == set()
    response = console.get("/operator/", query_string={"q": "%"})
    section = text(response)[text(response).index('<div id="institutions">'):]
    assert _names(section) == set()


def test_htmx_search_returns_only_the_list(console, many):
    response = console.get("/operator/", query_string={"q": "лицей"},
                           headers={"HX-Request": "true", "HX-Target": "institutions"})

    assert response.status_code == 200
    body = text(response)
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="institutions">')
    assert _names(body) == {"Лицей № 7"}
    assert "Сети" not in body
    assert "HX-Request" in response.headers.get("Vary", "")


def test_htmx_history_restore_gets_the_full_page(console, many):
    response = console.get("/operator/", query_string={"q": "лицей"},
                           headers={"HX-Request": "true", "HX-Target": "institutions",
                                    "HX-History-Restore-Request": "true"})
    assert "<html" in text(response)


def test_search_pages_keep_the_query(app, console, make):
    app.config["PAGE_SIZE"] = 2
    for n in range(5):
        make.institution(f"Школа № {n}", slug=f"school-{n}")
    make.institution("Библиотека", kind="library", slug="library")

    first = text(console.get("/operator/", query_string={"q": "школа"}))
    last = text(console.get("/operator/", query_string={"q": "школа", "page": 3}))

    assert "Страница 1 из 3" in first
    assert "q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0" in first or "q=школа" in first
    section = last[last.index('<div id="institutions">'):]
    assert section.count("/operator/institutions/") == 1
    assert "Библиотека" not in section


def test_search_ignores_yo(console, make):
    make.institution("Детский сад «Ёлочка»", kind="kindergarten", slug="yolochka")

    for query in ("елочка", "ЁЛОЧКА", "Ёлочка"):
        body = text(console.get("/operator/", query_string={"q": query}))
        section = body[body.index('<div id="institutions">'):]
        assert "Ёлочка" in section, query
