"""The pupils registry: list, search, class filter, add and edit, Excel import (all or nothing) and export."""
from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.conftest import csrf_token_from, post_form
from tests.fixtures.hostile import valid_xlsx
from workspace.extensions import db
from workspace.pupils.models import Pupil


def _school(make):
    return make.institution("СОШ №31", slug="sosh31")


def _upload(client, data: bytes, url="/i/sosh31/pupils/import"):
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, "file": (io.BytesIO(data), "pupils.xlsx")},
                       content_type="multipart/form-data")


def test_list_searches_case_insensitively_and_filters_by_class(client, make, login_as):
    school = _school(make)
    make.pupil(school, "Ёлкина", "Анна", class_label="5А")
    make.pupil(school, "Борисов", "Олег", class_label="6Б")
    login_as(make.user(school, "teacher"))
    page = client.get("/i/sosh31/pupils/").get_data(as_text=True)
    assert "Ёлкина Анна" in page and "Борисов Олег" in page and "Импорт из Excel" not in page
    found = client.get("/i/sosh31/pupils/?q=ЕЛКИНА").get_data(as_text=True)
    assert "Ёлкина" in found and "Борисов" not in found
    by_class = client.get("/i/sosh31/pupils/?class=6Б", headers={"HX-Request": "true", "HX-Target": "pupil-rows"})
    body = by_class.get_data(as_text=True)
    assert "Борисов" in body and "Ёлкина" not in body and "<html" not in body
    assert "HX-Request" in by_class.headers["Vary"]


def test_coordinator_adds_and_edits_with_version(client, make, login_as, read):
    school = _school(make)
    login_as(make.user(school, "coordinator"))
    bad = post_form(client, "/i/sosh31/pupils/new", {"surname": "Иванов", "name": "Иван", "class_label": "Б5"})
    assert bad.status_code == 422 and "Класс пишется с номера" in bad.get_data(as_text=True)
    response = post_form(client, "/i/sosh31/pupils/new", {
        "surname": "Иванов", "name": "Иван", "patronymic": "Иванович", "class_label": "5 а", "birth_on": "2015-02-01",
        "parent_name": "Иванова Мария", "parent_phone": "+7 900 1", "parent_email": "ivanova@mail.example",
        "is_active": "y"})
    assert response.status_code == 302
    with read():
        pupil = db.session.scalar(select(Pupil))
        assert (pupil.class_label, pupil.grade, pupil.birth_on) == ("5А", 5, date(2015, 2, 1))
    edit = f"/i/sosh31/pupils/{pupil.id}/edit"
    stale = post_form(client, edit, {"surname": "Петров", "name": "Иван", "class_label": "5А", "version": "0"})
    assert stale.status_code == 422 and "изменил другой пользователь" in stale.get_data(as_text=True)
    assert post_form(client, edit, {"surname": "Петров", "name": "Иван", "class_label": "6А",
                                    "version": str(pupil.version)}).status_code == 302
    with read():
        assert db.session.scalar(select(Pupil.surname)) == "Петров"


def test_teacher_reads_but_does_not_write(client, make, login_as):
    school = _school(make)
    pupil = make.pupil(school)
    login_as(make.user(school, "teacher"))
    assert client.get(f"/i/sosh31/pupils/{pupil.id}").status_code == 200
    assert client.get(f"/i/sosh31/pupils/{pupil.id}/edit").status_code == 403
    assert client.get("/i/sosh31/pupils/export.xlsx").status_code == 403
    assert client.get("/i/sosh31/pupils/import").status_code == 403


def test_import_finds_header_splits_full_name_and_saves_all(client, make, login_as, read):
    school = _school(make)
    login_as(make.user(school, "coordinator"))
    data = valid_xlsx([["Список обучающихся МБОУ «СОШ №31»"], [],
                       ["№", "ФИО", "Класс", "Дата рождения", "Родитель", "Телефон", "E-mail"],
                       [1, "Иванова Мария Сергеевна", "5а", "12.03.2015", "Иванова Ольга", "+7 900 111", "iv@mail.example"],
                       [], [2, "Петров Пётр", "6 Б", date(2014, 5, 1), "", "", ""]])
    assert _upload(client, data).status_code == 302
    with read():
        pupils = {p.surname: p for p in db.session.scalars(select(Pupil).where(Pupil.institution_id == school.id))}
    assert pupils["Иванова"].patronymic == "Сергеевна" and pupils["Иванова"].birth_on == date(2015, 3, 12)
    assert pupils["Петров"].class_label == "6Б" and pupils["Петров"].grade == 6


def test_import_with_separate_name_columns_and_one_bad_row_saves_nothing(client, make, login_as, read):
    school = _school(make)
    login_as(make.user(school, "coordinator"))
    data = valid_xlsx([["Фамилия", "Имя", "Отчество", "Класс", "Дата рождения"],
                       ["Сидоров", "Олег", "", "7В", "01.01.2013"],
                       ["Орлова", "", "", "доп", "вчера"]])
    response = _upload(client, data)
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "Ничего не сохранено" in body
    assert "не указаны фамилия и имя" in body and "класс «ДОП» не понят" in body and "«вчера» не понята" in body
    with read():
        assert db.session.scalar(select(func.count()).select_from(Pupil)) == 0
    no_header = _upload(client, valid_xlsx([["Что-то", "Иное"], ["а", "б"]]))
    assert no_header.status_code == 422 and "Не найдена строка заголовков" in no_header.get_data(as_text=True)


def test_export_neutralises_formulas_and_round_trips(client, make, login_as, read):
    school = _school(make)
    make.pupil(school, "=HYPERLINK(1)", "Анна", class_label="5А")
    login_as(make.user(school, "coordinator"))
    response = client.get("/i/sosh31/pupils/export.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    assert rows[2][:4] == ("Фамилия", "Имя", "Отчество", "Класс")
    assert rows[3][0] == "'=HYPERLINK(1)"


def test_pupil_page_lists_network_programmes_and_states(client, make, login_as):
    from tests.programmes.helpers import build
    s = build(make)
    pupil = make.pupil(s.school, "Иванова", "Мария")
    make.enrollment_request(s.programme, s.school, [pupil])
    login_as(s.coordinator)
    page = client.get(f"/i/{s.school.slug}/pupils/{pupil.id}").get_data(as_text=True)
    assert "Робототехника" in page and "ЦДО" in page and "на рассмотрении" in page
