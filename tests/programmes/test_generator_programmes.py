"""The generator's programmes area: counts at demo scale, reproducible from the seed, pages open."""
from __future__ import annotations

from sqlalchemy import func, select

from tenants.scoping import unscoped
from tests.conftest import login
from tests.core.test_generator import _generate, fresh_app  # noqa: F401  (the fixture)
from workspace.extensions import db
from workspace.generator import BENCH_LOGINS, BENCH_PASSWORD, SCALES
from workspace.programmes.models import Enrollment, Group, Programme
from workspace.pupils.models import Pupil


def _figures(app):
    with app.app_context(), unscoped():
        names = db.session.scalars(select(Pupil.surname + Pupil.name + Pupil.class_label).order_by(Pupil.id)).all()
        return (names, db.session.scalar(select(func.count()).select_from(Group)),
                db.session.scalar(select(func.count()).select_from(Enrollment)),
                db.session.scalars(select(Programme.title).order_by(Programme.id)).all())


def test_demo_scale_is_reproducible_and_the_bench_pages_open(fresh_app):  # noqa: F811
    first, second = fresh_app("one.db"), fresh_app("two.db")
    assert _generate(first, seed=7).exit_code == 0
    assert _generate(second, seed=7).exit_code == 0
    names, groups, enrollments, titles = _figures(first)
    assert (names, groups, enrollments, titles) == _figures(second)
    demo = SCALES["demo"]
    assert len(names) >= demo.pupils * 0.9 and groups == demo.groups + demo.past_groups and enrollments > 0
    with first.app_context(), unscoped():  # last year's editions: out of the catalog, their pupils finished
        from workspace.core.dates import AcademicYear
        past = AcademicYear.current().start_year - 1
        statuses = set(db.session.scalars(select(Enrollment.status).join(Programme).where(
            func.extract("year", Programme.starts_on) == past)))
        assert statuses and {status.value for status in statuses} <= {"completed", "declined"}
        assert not db.session.scalar(select(func.count()).select_from(Programme).where(
            func.extract("year", Programme.starts_on) == past, Programme.is_published.is_(True)))
    client = first.test_client()
    login(client, BENCH_LOGINS["coordinator"], BENCH_PASSWORD)
    assert client.get("/i/school-001/pupils/").status_code == 200
    with first.app_context(), unscoped():
        from tenants.models import Network
        slug = db.session.scalar(select(Network.slug).order_by(Network.id))
    assert client.get(f"/n/{slug}/programmes/").status_code == 200
    assert client.get(f"/n/{slug}/programmes/requests").status_code == 200
