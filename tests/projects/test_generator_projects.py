"""The city generator fills projects per network; their pages open for the bench's coordinator."""
from __future__ import annotations

from sqlalchemy import func, select

from tenants.models import Network
from tenants.scoping import unscoped
from tests.conftest import login
from tests.core.test_generator import _generate, fresh_app  # noqa: F401  (the fixture)
from workspace.extensions import db
from workspace.generator import BENCH_LOGINS, BENCH_PASSWORD, SCALES
from workspace.projects.models import Project, ProjectParticipant, ProjectStage, ProjectTask


def test_demo_scale_fills_projects_and_their_pages_open(fresh_app):  # noqa: F811
    app = fresh_app()
    assert _generate(app).exit_code == 0
    with app.app_context(), unscoped():
        projects = db.session.scalar(select(func.count()).select_from(Project))
        assert projects == 2 * SCALES["demo"].networks
        assert db.session.scalar(select(func.count()).select_from(ProjectStage)) == 4 * projects
        assert db.session.scalar(select(func.count()).select_from(ProjectTask)) == 12 * projects
        assert all(db.session.scalars(select(ProjectTask.timing_is_read)))
        network, project_id = db.session.execute(
            select(Network.slug, Project.id).join(Project, Project.network_id == Network.id)
            .join(ProjectParticipant, ProjectParticipant.project_id == Project.id).order_by(Network.id)).first()
    client = app.test_client()
    login(client, BENCH_LOGINS["coordinator"], BENCH_PASSWORD)
    assert client.get(f"/n/{network}/projects/").status_code == 200
    assert client.get(f"/n/{network}/projects/{project_id}").status_code == 200
