"""Every hostile file gets a clear Russian message, no server error and no row written: spreadsheets at the staff
import, Word documents at the plan and roadmap imports (which take Excel or Word)."""
from __future__ import annotations

import html
import io

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import csrf_token_from
from tests.fixtures import hostile, word_plans
from tests.fixtures.row_counts import row_counts
from workspace.accounts.models import User
from workspace.extensions import db

MESSAGES = {
    "zip bomb": "слишком много места",
    "billion laughs": "недопустимые XML-конструкции",
    "XXE": "недопустимые XML-конструкции",
    "truncated zip": "Файл повреждён",
    "renamed binary": "Это не файл Excel",
    "zip without a workbook": "Это не книга Excel",
    "100 000-row sheet": "больше",
    "formula": "формулы не принимаются",
    "control characters": "управляющие символы",
    "empty file": "Выберите файл",
}
TRIED: list[str] = []


@pytest.fixture
def admin_client(client, make, login_as):
    school = make.institution("Школа загрузок", slug="uploads")
    login_as(make.user(school, "admin"))
    return client


@pytest.mark.parametrize("name", sorted(hostile.CORPUS))
def test_hostile_file_is_refused_cleanly(admin_client, read, name):
    with read():
        users_before = db.session.scalar(select(func.count()).select_from(User))
    token = csrf_token_from(admin_client.get("/i/uploads/staff/import").get_data(as_text=True))
    data = hostile.CORPUS[name]()
    # Encoded in memory: the test client would spool a large body to a temporary file it never closes.
    upload = FileStorage(stream=io.BytesIO(data), filename="сотрудники.xlsx", content_type="application/octet-stream")
    boundary, body = encode_multipart({"csrf_token": token, "file": upload})
    response = admin_client.post("/i/uploads/staff/import", data=body,
                                 content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 422, name
    assert MESSAGES[name] in response.get_data(as_text=True), name
    with read():
        assert db.session.scalar(select(func.count()).select_from(User)) == users_before
    TRIED.append(name)


def test_oversized_request_is_refused_before_reading(admin_client, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    token = csrf_token_from(admin_client.get("/i/uploads/staff/import").get_data(as_text=True))
    response = admin_client.post("/i/uploads/staff/import", content_type="multipart/form-data",
                                 data={"csrf_token": token, "file": (io.BytesIO(b"x" * 4096), "big.xlsx")})
    assert response.status_code == 413
    assert "Файл слишком большой" in response.get_data(as_text=True)


@pytest.fixture
def plan_client(client, make, login_as):
    school = make.institution("Школа загрузок", slug="uploads")
    network = make.network(school, name="Сеть загрузок", slug="uploads-net")
    plan = make.plan(network, 2024)
    project = make.project(network, school, "Проект загрузок")
    login_as(make.user(school, "coordinator"))
    return client, (f"/n/uploads-net/plans/{plan.id}/import", f"/n/uploads-net/projects/{project.id}/import")


@pytest.mark.parametrize("name", sorted(word_plans.HOSTILE))
def test_hostile_word_file_is_refused_cleanly(plan_client, read, name):
    client, urls = plan_client
    make_file, message = word_plans.HOSTILE[name]
    data = make_file()
    before = row_counts(read)
    for url in urls:
        token = csrf_token_from(client.get(url).get_data(as_text=True))
        upload = FileStorage(stream=io.BytesIO(data), filename="план.docx", content_type="application/octet-stream")
        boundary, body = encode_multipart({"csrf_token": token, "file": upload})
        response = client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")
        assert response.status_code == 422, (name, url)
        text = html.unescape(response.get_data(as_text=True))
        assert message.replace("с планом", "") in text, (name, url)
    assert row_counts(read) == before  # no draft, no item, no task
    TRIED.append(f"{name} (.docx)")
