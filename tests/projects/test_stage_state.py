"""A stage's state follows its tasks: never «завершён» while one of them is still under way."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from tenants.scoping import unscoped
from tests.projects.test_project_pages import _network
from workspace.core.dates import local_today
from workspace.extensions import db
from workspace.projects.models import ProjectStage


def _stage_mark_text(page: str, title: str) -> str:
    start = page.index(f"<strong>{title}</strong>")
    return page[start:page.index("</li>", start)]


def test_a_past_stage_with_a_task_under_way_is_not_finished(app, client, make, login_as):
    school, library, _museum, network = _network(make)
    project = make.project(network, school, participants=(library,))
    stage = make.project_stages(project)[0]
    with app.app_context(), unscoped():
        db.session.execute(update(ProjectStage).where(ProjectStage.id == stage.id).values(
            starts_on=local_today() - timedelta(days=60), ends_on=local_today() - timedelta(days=1)))
        db.session.commit()
    make.task(project, "Анкетирование", stage=stage, status="in_progress")
    login_as(make.user(school, "coordinator"))
    page = client.get(f"/n/{network.slug}/projects/{project.id}").get_data(as_text=True)
    mark = _stage_mark_text(page, stage.title)
    assert "завершён" not in mark
    assert "срок прошёл, не все задачи выполнены" in mark and "задач выполнено: 0 из 1" in mark


def test_a_stage_is_finished_when_its_tasks_are_done_even_before_its_end(app, client, make, login_as):
    school, library, _museum, network = _network(make)
    project = make.project(network, school, participants=(library,))
    stage = make.project_stages(project)[1]
    with app.app_context(), unscoped():
        db.session.execute(update(ProjectStage).where(ProjectStage.id == stage.id).values(
            starts_on=local_today() - timedelta(days=5), ends_on=local_today() + timedelta(days=30)))
        db.session.commit()
    make.task(project, "Собеседование", stage=stage, status="done")
    login_as(make.user(school, "coordinator"))
    page = client.get(f"/n/{network.slug}/projects/{project.id}").get_data(as_text=True)
    assert "завершён" in _stage_mark_text(page, stage.title)
