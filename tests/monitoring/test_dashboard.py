"""Dashboards, indicators and their hand-entered values, the printable page and the Excel report."""
from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.conftest import post_form
from workspace.extensions import db
from workspace.monitoring.models import MonitoringIndicator, MonitoringValue
from workspace.plans.models import ItemStatus


@pytest.fixture
def net(make):
    school = make.institution("Школа №5", slug="school5")
    library = make.institution("Библиотека «Чтение»", kind="library", slug="library")
    museum = make.institution("Музей края", kind="museum", slug="museum")
    network = make.network(school, name="Сеть чтения", slug="reading")
    make.member(network, library, "social_partner")
    make.member(network, museum, "social_partner")
    coordinator = make.user(school, "coordinator", email="coord@school5.test")
    teacher = make.user(school, "teacher", email="teacher@school5.test")
    partner = make.user(library, "coordinator", email="coord@library.test")
    secretary_user = make.user(museum, "teacher", email="teacher@museum.test")
    make.seat(network, secretary_user, "secretary")
    plan = make.plan(network, 2026, title="План 2026")
    library_section = make.section(plan, "С библиотекой", library)
    museum_section = make.section(plan, "С музеем", museum)
    held = make.item(library_section, "Библиотечный урок", "октябрь", status=ItemStatus.HELD)
    make.item(library_section, "Неделя книги", "март", position=2)
    make.item(museum_section, "Экскурсия", "ноябрь")
    report = make.report(held, date(2026, 10, 10))
    make.participation(report, school, 5, 20)
    make.participation(report, library, None, 3)
    return type("Net", (), dict(school=school, library=library, museum=museum, network=network,
                                coordinator=coordinator, teacher=teacher, partner=partner, secretary=secretary_user,
                                plan=plan, held=held, report=report))


def test_network_dashboard_for_a_year(client, login_as, net, make):
    login_as(net.teacher)
    response = client.get("/n/reading/monitoring/?year=2026")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    assert "Мониторинг эффективности" in page and "2026/2027 в сравнении с 2025/2026" in page
    assert "Мероприятия: запланировано и проведено по партнёрам" in page
    assert "Библиотека «Чтение»" in page and "Музей края" in page
    assert "Настроить показатели" not in page  # a teacher reads, does not define
    assert "Показателей пока нет" in page
    # a year with nothing: empty states, not errors
    empty = client.get("/n/reading/monitoring/?year=2019").get_data(as_text=True)
    assert "Данных за выбранные годы пока нет." in empty
    # a nonsense year falls back to the current one
    assert client.get("/n/reading/monitoring/?year=abc").status_code == 200


def test_participants_by_a_range_of_classes_are_one_bar(client, login_as, net, make):
    make.participation(net.report, net.school, 1, 40, grade_to=4)
    login_as(net.teacher)
    page = client.get("/n/reading/monitoring/?year=2026").get_data(as_text=True)
    assert "1–4 кл." in page and "5 кл." in page


def test_institution_dashboard_shows_its_share(client, login_as, net):
    login_as(net.partner)
    page = client.get("/i/library/monitoring/?year=2026").get_data(as_text=True)
    assert "Мероприятия: запланировано и проведено по сетям" in page
    assert "Сеть чтения" in page
    # the library's own section: 2 planned, 1 held; its participants: 3 (not the school's 20)
    assert "<strong>2</strong>" in page and "<strong>1</strong>" in page and "<strong>3 чел.</strong>" in page
    assert "<strong>23 чел.</strong>" not in page


def test_base_manager_defines_an_indicator_and_enters_its_value(client, login_as, net, read):
    login_as(net.coordinator)
    response = post_form(client, "/n/reading/monitoring/indicators", {
        "title": "Доля пятиклассников в библиотеке", "criterion": "Доступность", "unit": "%", "target": "75,5",
        "source": "manual", "note": ""})
    assert response.status_code == 302
    with read():
        indicator = db.session.scalar(select(MonitoringIndicator))
    assert indicator.target == 75.5 and indicator.network_id == net.network.id
    page = client.get("/n/reading/monitoring/?year=2026").get_data(as_text=True)
    assert "Доля пятиклассников в библиотеке" in page and "75,5" in page and "ввести" in page
    value_url = f"/n/reading/monitoring/indicators/{indicator.id}/value"
    response = post_form(client, value_url, {"value": "60,4", "start_year": "2026", "version": "0"},
                         page_url=value_url + "?year=2026")
    assert response.status_code == 302
    page = client.get("/n/reading/monitoring/?year=2026").get_data(as_text=True)
    assert "60,4" in page and "80 %" in page  # 60,4 of 75,5 = 80 %
    with read():
        assert db.session.scalar(select(MonitoringValue.value)) == 60.4


def test_computed_indicator_reads_its_source(client, login_as, net, make):
    make.monitoring_indicator(net.network, "Проведено мероприятий", source="events_held", target=2, unit="шт.")
    login_as(net.teacher)
    page = client.get("/n/reading/monitoring/?year=2026").get_data(as_text=True)
    assert "Мероприятий проведено (сетевой план)" in page
    assert "50 %" in page  # 1 held of the target 2


def test_bad_input_and_a_stale_version_change_nothing(client, login_as, net, make, read):
    indicator = make.monitoring_indicator(net.network, "Участники", target=100)
    make.indicator_value(indicator, 2026, 40)
    login_as(net.coordinator)
    url = f"/n/reading/monitoring/indicators/{indicator.id}/value"
    response = post_form(client, url, {"value": "много", "start_year": "2026", "version": "1"}, page_url=url)
    assert response.status_code == 422
    assert "Введите число, например 75 или 4,5." in response.get_data(as_text=True)
    response = post_form(client, url, {"value": "-5", "start_year": "2026", "version": "1"}, page_url=url)
    assert response.status_code == 422 and "от 0 до миллиарда" in response.get_data(as_text=True)
    response = post_form(client, url, {"value": "55", "start_year": "2026", "version": "0"}, page_url=url)
    assert response.status_code == 409
    assert "только что сохранил другой пользователь" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(MonitoringValue.value)) == 40
    edit = f"/n/reading/monitoring/indicators/{indicator.id}/edit"
    response = post_form(client, edit, {"title": "Новое", "unit": "", "target": "", "source": "manual",
                                        "version": "99"})
    assert response.status_code == 409 and "только что изменил другой пользователь" in response.get_data(as_text=True)
    response = post_form(client, edit, {"title": "", "unit": "", "target": "", "source": "manual", "version": "1"})
    assert response.status_code == 422 and "Заполните это поле." in response.get_data(as_text=True)
    response = post_form(client, edit, {"title": "У", "source": "no-such-source", "version": "1"})
    assert response.status_code == 422
    with read():
        assert db.session.scalar(select(MonitoringIndicator.title)) == "Участники"


def test_only_base_managers_and_council_chair_or_secretary_define(app, net, make, read):
    from tests.conftest import login
    indicator = make.monitoring_indicator(net.network, "Участники")
    for user in (net.teacher, net.partner):
        client = app.test_client()
        login(client, user.email)
        assert client.get("/n/reading/monitoring/indicators").status_code == 200
        response = post_form(client, "/n/reading/monitoring/indicators", {"title": "Чужой", "source": "manual"},
                             page_url="/n/reading/monitoring/")
        assert response.status_code == 403
        assert client.get(f"/n/reading/monitoring/indicators/{indicator.id}/edit").status_code == 403
        assert client.get(f"/n/reading/monitoring/indicators/{indicator.id}/value").status_code == 403
    client = app.test_client()
    login(client, net.secretary.email)  # a museum teacher, but the council's secretary
    response = post_form(client, f"/n/reading/monitoring/indicators/{indicator.id}/edit",
                         {"title": "Участники сетевых мероприятий", "source": "participants", "version": "1"})
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(MonitoringIndicator.source)) == "participants"


def test_delete_asks_first(client, login_as, net, make, read):
    indicator = make.monitoring_indicator(net.network, "Удаляемый")
    make.indicator_value(indicator, 2026, 1)
    login_as(net.coordinator)
    url = f"/n/reading/monitoring/indicators/{indicator.id}/delete"
    assert "Удалить показатель?" in client.get(url).get_data(as_text=True)
    assert post_form(client, url, {}).status_code == 302
    with read():
        assert db.session.scalar(select(MonitoringIndicator.id)) is None
        assert db.session.scalar(select(MonitoringValue.id)) is None


def test_excel_report_has_every_indicator_and_table_and_neutralises_formulas(client, login_as, net, make):
    make.monitoring_indicator(net.network, "=HYPERLINK(\"http://evil\")", target=1)
    project = make.project(net.network, net.library, "Библиотечный проект", status="approved", with_stages=False)
    make.project_indicator(project, "Читателей", target=40, actual=30, unit="чел.")
    login_as(net.teacher)
    response = client.get("/n/reading/monitoring/report.xlsx?year=2026")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames[0] == "Показатели"
    assert "Мероприятия сетевого плана" in workbook.sheetnames
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
             if cell.value is not None]
    texts = [str(cell.value) for cell in cells]
    assert "'=HYPERLINK(\"http://evil\")" in texts
    assert all(cell.data_type != "f" for cell in cells)
    events = workbook["Мероприятия сетевого плана"]
    rows = [tuple(value for value in row if value is not None) for row in events.iter_rows(values_only=True)]
    assert ("Библиотека «Чтение»", 2, 1, 0, 0) in rows   # planned, held this year; last year's
    assert "Мероприятия по месяцам" in texts and "Участники мероприятий по классам" in texts
    for title in ("Охват обучающихся сетевыми прог", "Договоры о сотрудничестве", "Сетевые проекты",
                  "Посещаемость сетевых групп"):  # a sheet a section (names cut at 31 characters)
        assert title in workbook.sheetnames
    projects = [tuple(row) for row in workbook["Сетевые проекты"].iter_rows(values_only=True)]
    assert ("Проект", "Показатель", "План", "Факт", "Выполнение, %") in projects
    assert ("Библиотечный проект", "Читателей, чел.", 40, 30, 75) in projects


def test_print_page(client, login_as, net):
    login_as(net.teacher)
    page = client.get("/n/reading/monitoring/print?year=2026").get_data(as_text=True)
    assert "Мониторинг эффективности сетевого взаимодействия" in page
    assert "К панели мониторинга" in page and 'role="img"' in page
    assert "<form method=\"post\"" not in page.split("<main")[1]  # no edit forms on paper
