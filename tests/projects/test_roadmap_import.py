"""Roadmap import through HTTP: the real file as it is (zero manual fixes), preview, save whole, bad files."""
from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import csrf_token_from
from tests.fixtures.hostile import valid_xlsx
from workspace.extensions import db
from workspace.projects.models import ProjectTask, ProjectTaskInstitution, RoadmapImport

FIXTURES = Path(__file__).resolve().parents[1] / "plans" / "fixtures"


def _project(make):
    school = make.institution("МБОУ «СОШ №31»", slug="s31")
    house = make.institution("МБУ ДО «ДДЮТ»", kind="supplementary", slug="ddut")
    network = make.network(school, name="Сеть", slug="set")
    make.member(network, house, "network_partner")
    project = make.project(network, school, "Целевая модель", participants=(house,),
                           starts_on=date(2023, 9, 1), ends_on=date(2024, 8, 31))
    return project, make.user(school, "coordinator")


def _upload(client, project, data: bytes, name="roadmap.xlsx"):
    url = f"/n/set/projects/{project.id}/import"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(data), filename=name)})
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _form_of(html: str) -> dict:
    import html as html_module
    data = dict(re.findall(r'<input type="(?:hidden|text)"[^>]*name="([^"]+)" value="([^"]*)"', html))
    data.update(dict(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html)))
    return {name: html_module.unescape(value) for name, value in data.items()}


def test_the_roadmap_fixture_imports_as_it_is(client, make, login_as, read):
    project, coordinator = _project(make)
    login_as(coordinator)
    response = _upload(client, project, (FIXTURES / "roadmap_ddut_2023-2024.xlsx").read_bytes())
    assert response.status_code == 302, response.get_data(as_text=True)
    preview = client.get(response.location)
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Строк: 10. С сомнениями: 0. С ошибками: 0." in html and "Дорожная карта по внедрению" in html
    with read():
        assert db.session.scalar(select(func.count()).select_from(ProjectTask)) == 0  # nothing before saving
    form = _form_of(html)
    form["action"] = "save"
    saved = client.post(response.location, data=form)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with read():
        tasks = {task.number: task for task in db.session.scalars(select(ProjectTask))}
        drafts = db.session.scalar(select(func.count()).select_from(RoadmapImport))
    assert len(tasks) == 10 and all(task.timing_is_read for task in tasks.values()) and drafts == 0
    assert (tasks["1."].starts_on, tasks["1."].ends_on) == (date(2023, 9, 1), date(2023, 10, 31))
    assert tasks["1."].title == "Собеседование по формированию запроса"
    assert tasks["1."].report_form == "Составление таблицы запросов"
    assert tasks["10"].ends_on == date(2024, 5, 31)
    assert tasks["9."].report_form.startswith("Отчет, заключение")
    assert tasks["2."].title.count("\n") == 7  # a multi-line cell kept whole
    page = client.get(f"/n/set/projects/{project.id}").get_data(as_text=True)
    assert "Собеседование по формированию запроса" in page and "Задачи: выполнено 0 из 10" in page


def test_roadmap_columns_of_a_roadmap_land_in_their_fields(client, make, login_as, read):
    project, coordinator = _project(make)
    login_as(coordinator)
    data = valid_xlsx([["Дорожная карта"], [],
                       ["№", "Задача", "Мероприятие", "Сроки", "Ожидаемый результат", "Форма отчётности",
                        "Ответственный"],
                       [1, "Создать клуб", "Заседание клуба", "октябрь 2023", "Клуб работает", "Протокол",
                        "МБУ ДО «ДДЮТ»"]])
    response = _upload(client, project, data)
    form = _form_of(client.get(response.location).get_data(as_text=True))
    form["action"] = "save"
    assert client.post(response.location, data=form).status_code == 302
    with read():
        task = db.session.scalar(select(ProjectTask))
        links = db.session.scalar(select(func.count()).select_from(ProjectTaskInstitution))
    assert (task.task, task.title, task.expected_result, task.report_form, task.responsible) == (
        "Создать клуб", "Заседание клуба", "Клуб работает", "Протокол", "МБУ ДО «ДДЮТ»")
    assert (task.starts_on, task.ends_on) == (date(2023, 10, 1), date(2023, 10, 31)) and links == 1


def test_a_bad_file_gets_a_russian_message_and_nothing_is_saved(client, make, login_as, read):
    project, coordinator = _project(make)
    login_as(coordinator)
    response = _upload(client, project, b"not an excel file at all", name="roadmap.xlsx")
    assert response.status_code == 422 and "Это не файл Excel" in response.get_data(as_text=True)
    no_table = _upload(client, project, valid_xlsx([["просто текст"], ["ещё текст"]]))
    preview = client.get(no_table.location)
    assert preview.status_code == 422 and "Не найдена таблица дорожной карты" in preview.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(ProjectTask)) == 0


def test_an_error_in_the_preview_saves_nothing(client, make, login_as, read):
    project, coordinator = _project(make)
    login_as(coordinator)
    response = _upload(client, project, (FIXTURES / "roadmap_ddut_2023-2024.xlsx").read_bytes())
    form = _form_of(client.get(response.location).get_data(as_text=True))
    form["row-3-title"] = ""
    form["action"] = "save"
    refused = client.post(response.location, data=form)
    assert refused.status_code == 422 and "нет мероприятия" in refused.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(ProjectTask)) == 0


def _two_level_roadmap() -> bytes:
    from openpyxl import Workbook
    workbook = Workbook()
    sheet = workbook.active
    for row in (
        (None, None, None, None, None, "СОГЛАСОВАНО"),
        (None, None, None, None, None, "Директор МБУ ДО «ДДЮТ» ________ А.А. Петров"),
        ("Дорожная карта сетевого проекта «Целевая модель»",),
        ("№", "Мероприятие", "Срок", "Ответственный", None, "Примечание"),
        (None, None, None, "от школы", "от партнёра", None),
        (1, "Встреча рабочей группы", "октябрь,\nмарт", "Иванова О.Н.", "МБУ ДО «ДДЮТ»\nПетров А.А.", "в актовом зале"),
        (2, "Семинар", "ноябрь 2023", "Сидорова", None, None),
        ("Исполнитель: Иванова О.Н., тел. 8(4812)55-11-22",),
    ):
        sheet.append(row)
    for cells in ("A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "A8:F8"):
        sheet.merge_cells(cells)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def test_a_two_level_header_keeps_both_responsible_and_line_breaks_survive(client, make, login_as, read):
    project, coordinator = _project(make)
    login_as(coordinator)
    response = _upload(client, project, _two_level_roadmap())
    html = client.get(response.location).get_data(as_text=True)
    assert "Строк: 2. С сомнениями: 1. С ошибками: 0." in html and "Дорожная карта сетевого проекта" in html
    assert "Столбец «Примечание» не перенесён: «в актовом зале»" in html
    assert "СОГЛАСОВАНО" not in html.split("<table", 1)[1].split("</table>", 1)[0]
    form = {name: value.replace("\n", "\r\n") for name, value in _form_of(html).items()}
    form["action"] = "save"
    assert client.post(response.location, data=form).status_code == 302
    with read():
        tasks = db.session.scalars(select(ProjectTask).order_by(ProjectTask.position)).all()
        links = db.session.scalar(select(func.count()).select_from(ProjectTaskInstitution))
    assert [(task.title, task.timing, task.responsible) for task in tasks] == [
        ("Встреча рабочей группы", "октябрь,\nмарт", "Иванова О.Н.\nМБУ ДО «ДДЮТ»\nПетров А.А."),
        ("Семинар", "ноябрь 2023", "Сидорова"),
    ]
    assert links == 1


def test_an_error_row_of_a_roadmap_can_be_left_out(client, make, login_as, read):
    project, coordinator = _project(make)
    login_as(coordinator)
    response = _upload(client, project, (FIXTURES / "roadmap_ddut_2023-2024.xlsx").read_bytes())
    form = _form_of(client.get(response.location).get_data(as_text=True))
    form["row-3-title"] = ""
    form["row-3-dropped"] = "1"
    form["action"] = "save"
    saved = client.post(response.location, data=form)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with read():
        numbers = sorted(task.number for task in db.session.scalars(select(ProjectTask)))
    assert len(numbers) == 9 and "4." not in numbers


def test_a_partner_column_beside_the_responsible_joins_it(client, make, login_as, read):
    project, coordinator = _project(make)
    login_as(coordinator)
    data = valid_xlsx([["№", "Мероприятие", "Срок", "Ответственный", "Социальный партнёр"],
                       [1, "Заседание клуба", "октябрь 2023", "Иванова О.Н.", "МБУ ДО «ДДЮТ»"]])
    response = _upload(client, project, data)
    form = _form_of(client.get(response.location).get_data(as_text=True))
    form["action"] = "save"
    assert client.post(response.location, data=form).status_code == 302
    with read():
        task = db.session.scalar(select(ProjectTask))
    assert task.responsible == "Иванова О.Н.\nМБУ ДО «ДДЮТ»"
