"""A roadmap kept in Word goes through the same reader, preview and one-transaction save as its Excel twin."""
from __future__ import annotations

import html as html_module
import io
import re
from datetime import date

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import csrf_token_from
from tests.fixtures import word_plans
from tests.fixtures.row_counts import row_counts
from workspace.extensions import db
from workspace.projects.models import ProjectTask, RoadmapImport

COLUMNS = ("number", "task", "title", "timing", "expected_result", "report_form", "responsible")


def _project(make):
    school = make.institution("МБОУ «СОШ №31»", slug="s31")
    house = make.institution("МБУ ДО «ДДЮТ»", kind="supplementary", slug="ddut")
    network = make.network(school, name="Сеть", slug="set")
    make.member(network, house, "network_partner")
    project = make.project(network, school, "Целевая модель", participants=(house,),
                           starts_on=date(2023, 9, 1), ends_on=date(2024, 8, 31))
    return project, make.user(school, "coordinator")


def _upload(client, project, data: bytes, name: str):
    url = f"/n/set/projects/{project.id}/import"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(data), filename=name)})
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _form_of(html: str) -> dict:
    data = dict(re.findall(r'<input type="(?:hidden|text)"[^>]*name="([^"]+)" value="([^"]*)"', html))
    data.update(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html))
    return {name: html_module.unescape(value) for name, value in data.items()}


def _rows(form: dict) -> list[tuple]:
    return [tuple(form.get(f"row-{index}-{name}") for name in COLUMNS) for index in range(int(form["rows"]))]


def test_the_ddut_roadmap_in_word_previews_like_excel_and_saves_whole(client, make, login_as, read):
    project, coordinator = _project(make)
    login_as(coordinator)
    page = client.get(f"/n/set/projects/{project.id}/import").get_data(as_text=True)
    assert "Файл Excel (.xlsx) или Word (.docx)" in page and ".docx" in page
    excel = _upload(client, project, word_plans.ROADMAP_XLSX.read_bytes(), "roadmap.xlsx")
    excel_html = client.get(excel.location).get_data(as_text=True)
    response = _upload(client, project, word_plans.ddut_roadmap(), "Дорожная карта ДДЮТ.docx")
    assert response.status_code == 302, response.get_data(as_text=True)
    preview = client.get(response.location)
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Строк: 10. С сомнениями: 0. С ошибками: 0." in html and "Дорожная карта по внедрению" in html
    assert _rows(_form_of(html)) == _rows(_form_of(excel_html))
    with read():
        assert db.session.scalar(select(func.count()).select_from(ProjectTask)) == 0  # nothing before saving
    form = _form_of(html)
    form["action"] = "save"
    saved = client.post(response.location, data=form)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with read():
        tasks = {task.number: task for task in db.session.scalars(select(ProjectTask))}
        drafts = db.session.scalar(select(func.count()).select_from(RoadmapImport))
    assert len(tasks) == 10 and all(task.timing_is_read for task in tasks.values())
    assert drafts == 1  # the Excel draft still waits; the Word one is saved and gone
    assert (tasks["1."].starts_on, tasks["1."].ends_on) == (date(2023, 9, 1), date(2023, 10, 31))
    assert (tasks["3."].starts_on, tasks["3."].ends_on) == (date(2023, 9, 1), date(2023, 9, 30))
    assert tasks["10"].ends_on == date(2024, 5, 31)
    assert tasks["9."].report_form.startswith("Отчет, заключение")
    assert tasks["2."].title.count("\n") == 7  # each line a paragraph of the cell, kept as lines


def test_a_word_file_without_a_roadmap_table_is_refused_and_nothing_saved(client, make, login_as, read):
    project, coordinator = _project(make)
    login_as(coordinator)
    before = row_counts(read)
    response = _upload(client, project, word_plans.without_table(), "roadmap.docx")
    assert response.status_code == 422
    assert "В документе нет таблицы с дорожной картой" in response.get_data(as_text=True)
    for name in ("macro-enabled .docm", "encrypted", "renamed text file", "zip bomb"):
        make_file, message = word_plans.HOSTILE[name]
        refused = _upload(client, project, make_file(), "roadmap.docx")
        assert refused.status_code == 422 and message in html_module.unescape(refused.get_data(as_text=True)), name
    assert row_counts(read) == before
