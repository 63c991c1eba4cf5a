"""A project of a past year: created with its past dates through the form and its roadmap of that year imported
into it, the timings placed in the project's own academic year."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from tests.conftest import post_form
from tests.projects.test_roadmap_import import _form_of, _upload
from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.projects.models import Project, ProjectTask

FIXTURES = Path(__file__).resolve().parents[1] / "plans" / "fixtures"


def test_a_2023_project_takes_its_2023_2024_roadmap(client, make, login_as, read):
    school = make.institution("МБОУ «СОШ №31»", slug="s31")
    house = make.institution("МБУ ДО «ДДЮТ»", kind="supplementary", slug="ddut")
    network = make.network(school, name="Сеть", slug="set")
    make.member(network, house, "network_partner")
    login_as(make.user(school, "coordinator"))
    response = post_form(client, "/n/set/projects/new", {
        "title": "Целевая модель наставничества", "direction": "social", "lead_institution_id": school.id,
        "participant_ids": [school.id, house.id], "starts_on": "2023-09-01", "ends_on": "2024-05-31"})
    assert response.status_code == 302, response.get_data(as_text=True)
    with read():
        project = db.session.scalar(select(Project))
    assert (project.starts_on, project.ends_on) == (date(2023, 9, 1), date(2024, 5, 31))
    uploaded = _upload(client, project, (FIXTURES / "roadmap_ddut_2023-2024.xlsx").read_bytes())
    assert uploaded.status_code == 302, uploaded.get_data(as_text=True)
    html = client.get(uploaded.location).get_data(as_text=True)
    assert "С сомнениями: 0. С ошибками: 0." in html
    form = _form_of(html)
    form["action"] = "save"
    assert client.post(uploaded.location, data=form).status_code == 302
    with read():
        tasks = db.session.scalars(select(ProjectTask)).all()
    year = AcademicYear(2023)
    assert len(tasks) == 10 and all(task.timing_is_read for task in tasks)
    assert all(task.starts_on in year and task.ends_on in year for task in tasks)


def test_an_archive_project_of_2015_is_accepted(client, make, login_as, read):
    school = make.institution("Школа", slug="s1")
    make.network(school, name="Сеть", slug="set")
    login_as(make.user(school, "coordinator"))
    response = post_form(client, "/n/set/projects/new", {
        "title": "Архивный проект", "direction": "social", "lead_institution_id": school.id,
        "participant_ids": [school.id], "starts_on": "2015-09-01", "ends_on": "2016-05-31"})
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(response.location).get_data(as_text=True)
    assert "Архивный проект" in page and "01.09.2015" in page
