"""Staff import (all or nothing) and export (formulas neutralised)."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.conftest import csrf_token_from
from tests.fixtures.hostile import valid_xlsx
from workspace.accounts.models import StaffRole, User
from workspace.extensions import db


def _upload(client, data: bytes):
    token = csrf_token_from(client.get("/i/files/staff/import").get_data(as_text=True))
    return client.post("/i/files/staff/import", content_type="multipart/form-data",
                       data={"csrf_token": token, "file": (io.BytesIO(data), "staff.xlsx")})


def _admin(make, login_as):
    school = make.institution("Школа файлов", slug="files")
    admin = make.user(school, "admin", email="admin@files.example")
    login_as(admin)
    return school


def test_import_finds_the_header_below_a_title_and_invites_everyone(client, make, login_as, read, outbox):
    school = _admin(make, login_as)
    data = valid_xlsx([["Список сотрудников МБОУ «Школа»"], [], ["№", "Ф.И.О.", "Должность", "E-mail", "Роль"],
                       [1, "Петров Пётр", "Учитель физики", "Petrov@School.Example", "педагог"],
                       [], [2, "Сидорова Анна", "Заместитель директора по ВР", "sidorova@school.example", "Координатор"],
                       [3, "Орлова Вера", "", "orlova@school.example", ""]])
    response = _upload(client, data)
    assert response.status_code == 302
    with read():
        users = {u.email: u for u in db.session.scalars(select(User).where(User.institution_id == school.id))}
    assert users["petrov@school.example"].role == StaffRole.TEACHER
    assert users["sidorova@school.example"].role == StaffRole.COORDINATOR
    assert users["orlova@school.example"].role == StaffRole.STAFF
    assert all(users[e].password_hash is None for e in ("petrov@school.example", "orlova@school.example"))
    assert {m["to"] for m in outbox} == {"petrov@school.example", "sidorova@school.example", "orlova@school.example"}


def test_one_bad_row_saves_nothing_and_names_every_problem(client, make, login_as, read, outbox):
    _admin(make, login_as)
    data = valid_xlsx([["ФИО", "Электронная почта", "Роль"],
                       ["Хороший Человек", "good@school.example", "педагог"],
                       ["", "noname@school.example", "педагог"],
                       ["Плохая Почта", "не-почта", "педагог"],
                       ["Дубль", "good@school.example", "педагог"],
                       ["Уже есть", "admin@files.example", "педагог"],
                       ["Странная роль", "role@school.example", "волшебник"]])
    with read():
        before = db.session.scalar(select(func.count()).select_from(User))
    response = _upload(client, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    for text in ("Ничего не сохранено", "не указаны ФИО", "неверный адрес почты", "уже встречался в строке 2",
                 "уже зарегистрирован", "неизвестная роль «волшебник»"):
        assert text in html, text
    with read():
        assert db.session.scalar(select(func.count()).select_from(User)) == before
    assert outbox == []


def test_file_without_header_gets_a_clear_message(client, make, login_as):
    _admin(make, login_as)
    response = _upload(client, valid_xlsx([["Имя", "Телефон"], ["Кто-то", "123"]]))
    assert response.status_code == 422
    assert "Не найдена строка заголовков" in response.get_data(as_text=True)


def test_only_the_admin_imports(client, make, login_as):
    school = make.institution("Школа файлов", slug="files")
    login_as(make.user(school, "coordinator"))
    assert client.get("/i/files/staff/import").status_code == 403


def test_export_neutralises_formulas(client, make, login_as):
    school = _admin(make, login_as)
    make.user(school, "teacher", full_name="=HYPERLINK(\"http://evil.example\")", email="evil@files.example")
    make.user(school, "staff", full_name="+7 999 000 00 00", email="plus@files.example")
    response = client.get("/i/files/staff/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "'=HYPERLINK(\"http://evil.example\")" in values and "'+7 999 000 00 00" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "@")) for v in values)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_template_round_trips_through_the_import(client, make, login_as, read):
    school = _admin(make, login_as)
    template = client.get("/i/files/staff/import/template.xlsx")
    assert template.status_code == 200
    assert _upload(client, template.data).status_code == 302
    with read():
        assert db.session.scalar(select(func.count()).select_from(User).where(User.institution_id == school.id)) == 2


def test_english_template_imports_too(client, make, login_as, read):
    school = _admin(make, login_as)
    token = csrf_token_from(client.get("/i/files/staff/import").get_data(as_text=True))
    client.post("/language", data={"lang": "en", "csrf_token": token})
    template = client.get("/i/files/staff/import/template.xlsx")
    assert "Full name" in [c.value for row in load_workbook(io.BytesIO(template.data)).active.iter_rows() for c in row]
    assert _upload(client, template.data).status_code == 302
    with read():
        assert db.session.scalar(select(func.count()).select_from(User).where(User.institution_id == school.id)) == 2
