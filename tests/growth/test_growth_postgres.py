"""PostgreSQL: the database itself keeps an achievement to the pupil's home school and the institution that recorded
it (migration 0036's policy), with the application's scoping out of the way — another member of the same network,
the other school of a shared group, reads nothing and cannot write one in another's name."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tenants.rls import apply_context
from tenants.scoping import Scope
from tests.growth.helpers import ACHIEVEMENT, PNG, client_of, group_url, growth_world
from workspace.extensions import db

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres(app):
    assert app.extensions["test_connection"].dialect.name == "postgresql"
    return app


def _titles(session, institution_id, network_id) -> tuple[list[str], int]:
    apply_context(session, Scope(institution_id=institution_id, network_ids=frozenset({network_id})), unscoped=False)
    titles = session.scalars(text("SELECT title FROM achievements ORDER BY id")).all()
    scans = session.scalar(text("SELECT count(*) FROM achievement_scans"))
    return titles, scans


def test_the_database_keeps_an_achievement_to_the_home_school_and_its_recorder(postgres, make, csrf_off):
    g = growth_world(make)
    provider = client_of(postgres, g.provider_coordinator)
    assert provider.post(group_url(g), data={**ACHIEVEMENT, "enrollment_ids": [g.robots.id, g.w.enrollments_b[0].id],
                                             "scan": (io.BytesIO(PNG), "диплом.png")},
                         content_type="multipart/form-data").status_code == 302
    title = ACHIEVEMENT["title"]
    with postgres.app_context():
        session = db.session()
        assert _titles(session, g.provider.id, g.network.id) == ([title, title], 2)
        assert _titles(session, g.school_a.id, g.network.id) == ([title], 1)
        assert _titles(session, g.school_b.id, g.network.id) == ([title], 1)
        assert _titles(session, g.library.id, g.network.id) == ([], 0)
        assert _titles(session, g.museum.id, g.network.id) == ([], 0)
        # the provider's own institution, but not inside the network: nothing
        apply_context(session, Scope(institution_id=g.provider.id, network_ids=frozenset()), unscoped=False)
        assert session.scalar(text("SELECT count(*) FROM achievements")) == 0
        # the library cannot write an achievement in the ЦДО's name
        apply_context(session, Scope(institution_id=g.library.id, network_ids=frozenset({g.network.id})),
                      unscoped=False)
        with pytest.raises(DBAPIError, match="row-level security"):
            session.execute(text(
                "INSERT INTO achievements (network_id, home_institution_id, pupil_id, recorded_by_institution_id,"
                " kind, level, result, title, achieved_on, created_at) VALUES (:n, :h, :p, :r, 'contest', 'school',"
                " 'winner', 'подброс', '2026-10-01', now())"),
                {"n": g.network.id, "h": g.school_a.id, "p": g.pupil.id, "r": g.provider.id})
        session.rollback()
