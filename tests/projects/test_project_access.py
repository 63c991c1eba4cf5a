"""One rule for every handler of a project's parts (projects/access.py): a locked project refuses every change
of the project itself with the one lock page, in each handler alike, while carrying it out stays open (a
task's status, an indicator's fact, the discussion); a member who is not an editor gets a plain 403."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from
from tests.projects.test_project_pages import _network
from workspace.extensions import db
from workspace.projects.models import ProjectComment, ProjectIndicator

NO_RIGHT = "У вашей роли нет прав на это действие"


def _world(make, status: str):
    school, library, _museum, network = _network(make)
    project = make.project(network, school, "Проект", participants=(library,), status=status)
    stage = make.project_stages(project)[0]
    task = make.task(project, "Собеседование", "сентябрь", stage=stage)
    indicator = make.project_indicator(project, target=100, actual=10)
    return school, library, project, stage, task, indicator


def _changes(project, stage, task, indicator) -> list[tuple[str, str, dict]]:
    base = f"/n/kultura/projects/{project.id}"
    return [
        ("GET", f"{base}/edit", {}),
        ("GET", f"{base}/resources", {}),
        ("POST", f"{base}/resources", {"version": "1"}),
        ("POST", f"{base}/indicators", {"name": "Охват", "target_value": "10"}),
        ("GET", f"{base}/indicators/{indicator.id}/delete", {}),
        ("POST", f"{base}/indicators/{indicator.id}/delete", {}),
        ("POST", f"{base}/stages", {"title": "Ещё этап"}),
        ("GET", f"{base}/stages/{stage.id}/edit", {}),
        ("POST", f"{base}/stages/{stage.id}/move", {"direction": "down"}),
        ("GET", f"{base}/stages/{stage.id}/delete", {}),
        ("POST", f"{base}/stages/{stage.id}/delete", {}),
        ("POST", f"{base}/tasks", {"title": "Новая"}),
        ("GET", f"{base}/tasks/{task.id}/cells/title", {}),
        ("POST", f"{base}/tasks/{task.id}/cells/title", {"value": "Другое", "version": "1"}),
        ("POST", f"{base}/tasks/{task.id}/move", {"direction": "down"}),
        ("GET", f"{base}/tasks/{task.id}/delete", {}),
        ("POST", f"{base}/tasks/{task.id}/delete", {}),
        ("GET", f"{base}/import", {}),
    ]


def _send(client, method: str, url: str, data: dict, token: str):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={**data, "csrf_token": token})


@pytest.mark.parametrize("status", ["approved", "submitted"])
def test_every_handler_of_a_locked_project_refuses_a_change_the_same_way(client, make, login_as, read, status):
    school, _library, project, stage, task, indicator = _world(make, status)
    login_as(make.user(school, "coordinator"))
    token = csrf_token_from(client.get(f"/n/kultura/projects/{project.id}").get_data(as_text=True))
    refused = {}
    for method, url, data in _changes(project, stage, task, indicator):
        response = _send(client, method, url, data, token)
        text = response.get_data(as_text=True)
        refused[(method, url)] = (response.status_code, "Проект закрыт для изменений" in text)
    assert set(refused.values()) == {(403, True)}, refused


def test_carrying_a_locked_project_out_stays_open(client, make, login_as, read):
    school, _library, project, _stage, task, indicator = _world(make, "approved")
    login_as(make.user(school, "coordinator"))
    base = f"/n/kultura/projects/{project.id}"
    token = csrf_token_from(client.get(base).get_data(as_text=True))
    fact = client.post(f"{base}/indicators/{indicator.id}/edit",
                       data={"name": "Другое", "unit": "шт.", "target_value": "5", "actual_value": "42",
                             "version": "1", "csrf_token": token})
    assert fact.status_code == 302
    status = client.post(f"{base}/tasks/{task.id}/cells/status",
                         data={"value": "in_progress", "version": "1", "csrf_token": token})
    assert status.status_code == 302
    comment = client.post(f"{base}/comments", data={"body": "Идём по плану", "csrf_token": token})
    assert comment.status_code == 302
    with read():
        stored = db.session.scalar(select(ProjectIndicator))
        assert (stored.name, stored.target_value, stored.actual_value) == ("Охват обучающихся", 100, 42)
        assert db.session.scalar(select(ProjectComment.body)) == "Идём по плану"


def test_a_participant_who_is_not_an_editor_gets_a_plain_403_and_still_takes_part(client, make, login_as, read):
    _school, library, project, stage, task, indicator = _world(make, "draft")
    login_as(make.user(library, "coordinator"))
    base = f"/n/kultura/projects/{project.id}"
    token = csrf_token_from(client.get(base).get_data(as_text=True))
    for method, url, data in _changes(project, stage, task, indicator):
        response = _send(client, method, url, data, token)
        assert response.status_code == 403 and NO_RIGHT in response.get_data(as_text=True), (method, url)
    fact = client.post(f"{base}/indicators/{indicator.id}/edit",
                       data={"name": "Охват", "target_value": "100", "actual_value": "42", "version": "1",
                             "csrf_token": token})
    assert fact.status_code == 403
    comment = client.post(f"{base}/comments", data={"body": "Мы готовы", "csrf_token": token})
    assert comment.status_code == 302
