"""The demo shows the project area with realistic content."""
from __future__ import annotations

from sqlalchemy import func, select

from tenants.scoping import unscoped
from tests.conftest import login
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import load_demo
from workspace.extensions import db
from workspace.projects.models import Project, ProjectMention, ProjectTask


def test_demo_projects_are_shown(app, client):
    with app.app_context():
        load_demo()
        db.session.commit()
        with unscoped():
            assert db.session.scalar(select(func.count()).select_from(Project)) == 2
            assert db.session.scalar(select(func.count()).select_from(ProjectTask)) == 11
            assert all(db.session.scalars(select(ProjectTask.timing_is_read)))
            assert db.session.scalar(select(func.count()).select_from(ProjectMention)) == 1
    login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    desk = client.get("/i/sosh31/").get_data(as_text=True)
    assert "Вас упомянули в обсуждении проекта «Читающая школа — читающий город»" in desk
    listing = client.get("/n/sosh31-kultura/projects/").get_data(as_text=True)
    assert "Читающая школа — читающий город" in listing and "На согласовании" in listing
    with app.app_context(), unscoped():
        project_id = db.session.scalar(select(Project.id).where(Project.title.startswith("Читающая")))
    page = client.get(f"/n/sosh31-kultura/projects/{project_id}").get_data(as_text=True)
    assert "Театрализованные чтения" in page and "Обучающиеся — участники клуба" in page
    assert "На согласовании в координационном совете" in page
