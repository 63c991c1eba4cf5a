"""The city generator (`flask generate`): counts, reproducibility, refusal of a non-empty database.

It commits, so it runs on a database file of its own (and, in the PostgreSQL run, on a database of
its own on that server), never inside the suite's rolled-back transaction."""
from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select, text

from tenants.models import Institution, InstitutionKind, MemberRole, Membership, Network, Seat, SeatRole
from tenants.scoping import unscoped
from tests.conftest import csrf_token_from, login
from tests.fixtures import database
from workspace import create_app
from workspace.accounts.models import StaffRole, User
from workspace.audit.models import InstitutionAuditEntry, NetworkAuditEntry
from workspace.config import TestConfig
from workspace.core.dates import AcademicYear
from workspace.desk.models import Note
from workspace.extensions import db
from workspace.generator import BENCH_LOGINS, BENCH_PASSWORD, SCALES
from workspace.generator.city import City
from workspace.plans.models import (
    ItemStatus,
    Plan,
    PlanItem,
    PlanItemInstitution,
    PlanItemPerson,
    PlanSection,
    PlanStatus,
)
from workspace.plans.report_models import EventParticipation, EventReport
from workspace.reading.timing import read_timing


def _app(url: str, migrate: bool = True):
    app = create_app(TestConfig(url))
    if migrate:
        with app.app_context():
            upgrade()
    return app


def _dispose(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def fresh_app(tmp_path):
    made = []

    def make(name: str = "gen.db", migrate: bool = True):
        app = _app(f"sqlite:///{tmp_path / name}", migrate)
        made.append(app)
        return app

    yield make
    for app in made:
        _dispose(app)


def _generate(app, scale: str = "demo", seed: int = 1):
    return app.test_cli_runner().invoke(args=["generate", "--scale", scale, "--seed", str(seed)])


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _fingerprint(app) -> dict:
    with app.app_context(), unscoped():
        return {
            "institutions": db.session.execute(
                select(Institution.slug, Institution.kind, Institution.short_name).order_by(Institution.id)).all(),
            "users": db.session.execute(select(User.email, User.full_name, User.role).order_by(User.id)).all(),
            "memberships": db.session.execute(
                select(Membership.network_id, Membership.institution_id, Membership.role).order_by(Membership.id)).all(),
            "seats": db.session.execute(select(Seat.network_id, Seat.user_id, Seat.role).order_by(Seat.id)).all(),
            "notes": db.session.scalars(select(Note.body).order_by(Note.id)).all(),
            "plan_items": db.session.execute(select(PlanItem.network_id, PlanItem.title, PlanItem.timing,
                                                    PlanItem.audience).order_by(PlanItem.id)).all(),
        }


def test_demo_scale_fills_every_part(fresh_app):
    app = fresh_app()
    result = _generate(app)
    assert result.exit_code == 0, result.output
    for email in BENCH_LOGINS.values():
        assert email in result.output
    scale = SCALES["demo"]
    with app.app_context(), unscoped():
        assert _count(Institution) == scale.institutions
        assert _count(Network) == scale.networks
        assert _count(InstitutionAuditEntry) + _count(NetworkAuditEntry) == scale.audit_entries
        assert _count(InstitutionAuditEntry) > 0 and _count(NetworkAuditEntry) > 0
        assert {kind for kind in db.session.scalars(select(Institution.kind))} >= {
            InstitutionKind.SCHOOL, InstitutionKind.LIBRARY, InstitutionKind.MUSEUM, InstitutionKind.THEATRE}
        assert db.session.scalar(select(Institution.short_name).where(Institution.slug == "school-001")) \
            .startswith("МБОУ «")

        members = Counter(db.session.scalars(select(Membership.network_id)))
        assert all(scale.members[0] <= n <= scale.members[1] for n in members.values())
        biggest = max(members, key=members.get)
        bench_school = db.session.scalar(select(Institution.id).where(Institution.slug == "school-001"))
        assert db.session.scalar(select(Network.base_institution_id).where(Network.id == biggest)) == bench_school
        bases = db.session.execute(select(Membership.network_id).where(Membership.role == MemberRole.BASE)).all()
        assert len(bases) == scale.networks

        for institution_id in db.session.scalars(select(Institution.id)):
            roles = set(db.session.scalars(select(User.role).where(User.institution_id == institution_id)))
            assert roles == set(StaffRole), institution_id
            notes = db.session.scalar(select(func.count()).select_from(Note)
                                      .where(Note.institution_id == institution_id))
            assert scale.notes * 0.8 <= notes <= scale.notes * 1.2
        for network_id in members:
            seat_roles = Counter(db.session.scalars(select(Seat.role).where(Seat.network_id == network_id)))
            assert seat_roles[SeatRole.CHAIR] == 1 and seat_roles[SeatRole.SECRETARY] == 1
            assert seat_roles[SeatRole.MEMBER] >= 2
        externals = db.session.scalar(select(func.count()).select_from(Seat).join(User, User.id == Seat.user_id)
                                      .where(User.institution_id.is_(None)))
        assert externals >= scale.networks
        full_name = db.session.scalar(select(User.full_name).where(User.email == BENCH_LOGINS["coordinator"]))
        assert len(full_name.split()) == 3  # Фамилия Имя Отчество


def test_sqlite_keeps_the_statistics_of_every_filled_table(fresh_app):
    """ANALYZE lands: it ran in a transaction that was rolled back, and the planner guessed (the programme list of
    a city counted each programme's places through the network's index of enrollments: 19 ms instead of 6)."""
    app = fresh_app()
    assert _generate(app).exit_code == 0
    with app.app_context():
        analysed = set(db.session.scalars(select(text("tbl")).select_from(text("sqlite_stat1"))))
        filled = {name for name in db.metadata.tables
                  if db.session.scalar(select(func.count()).select_from(text(f'"{name}"')))}
    assert {"enrollments", "plan_items", "users", "marks"} <= filled
    assert filled - analysed == set()


def test_sqlite_statistics_count_every_row(fresh_app):
    """The generator's statistics read every row: sampled (1 000 rows an index), one index of a city's 20 000
    plan items counted 8 201 and another 37 620, and the planner read the search's items plan by plan."""
    app = fresh_app()
    assert _generate(app).exit_code == 0
    with app.app_context():
        marks = db.session.scalar(select(func.count()).select_from(text("marks")))
        counted = {int(stat.split()[0]) for stat in db.session.scalars(
            select(text("stat")).select_from(text("sqlite_stat1")).where(text("tbl = 'marks'")))}
    assert marks > 1000  # beyond one sample
    assert counted == {marks}


def test_demo_scale_fills_the_plans(fresh_app):
    app = fresh_app()
    assert _generate(app).exit_code == 0
    scale = SCALES["demo"]
    year = AcademicYear.current()
    with app.app_context(), unscoped():
        plans = db.session.execute(select(Plan.network_id, Plan.start_year, Plan.status)).all()
        assert len(plans) == scale.networks
        assert {(p.start_year, p.status) for p in plans} == {(year.start_year, PlanStatus.DRAFT)}
        assert _count(PlanItem) == scale.plan_items
        # A section per member institution, each named after its partner.
        assert _count(PlanSection) == _count(Membership)
        items = db.session.execute(select(PlanItem, Plan.network_id.label("plan_network"),
                                          PlanSection.network_id.label("section_network"))
                                   .join(Plan, Plan.id == PlanItem.plan_id)
                                   .join(PlanSection, PlanSection.id == PlanItem.section_id)).all()
        for item, plan_network, section_network in items:
            assert item.network_id == plan_network == section_network
            timing = read_timing(item.timing, year)
            assert (item.starts_on, item.ends_on, item.timing_is_read) == \
                (timing.starts_on, timing.ends_on, timing.is_read), item.timing
            assert item.responsible and item.title
        reports = db.session.execute(select(EventReport.item_id, EventReport.network_id, EventReport.held_from,
                                            EventReport.held_to)).all()
        held = {item.id: item for item, _p, _s in items if item.status == ItemStatus.HELD}
        assert {r.item_id for r in reports} == set(held)
        for report in reports:
            item = held[report.item_id]
            assert report.network_id == item.network_id and report.held_from == item.starts_on
            assert report.held_to <= item.ends_on
        assert _count(EventParticipation) >= 0
        # Items link the colleagues named responsible (their full names in the plan's «Связаны»), some a member
        # institution of the item's network.
        by_id = {item.id: item for item, _p, _s in items}
        people = db.session.execute(select(PlanItemPerson.item_id, PlanItemPerson.network_id, User.full_name,
                                           User.position).join(User, User.id == PlanItemPerson.user_id)).all()
        assert len({link.item_id for link in people}) > scale.plan_items // 3
        for link in people:
            item = by_id[link.item_id]
            assert link.network_id == item.network_id and link.position.lower() in item.responsible
        partners = db.session.execute(select(PlanItemInstitution.item_id, PlanItemInstitution.network_id,
                                             Membership.network_id.label("member_of"))
                                      .join(Membership, (Membership.institution_id == PlanItemInstitution.institution_id)
                                            & (Membership.network_id == PlanItemInstitution.network_id),
                                            isouter=True)).all()
        assert partners and all(link.member_of == by_id[link.item_id].network_id for link in partners)


@pytest.mark.parametrize("scale_name", ["city"])
def test_city_scale_plan_figures(scale_name):
    scale = SCALES[scale_name]
    assert scale.plan_items == 20_000
    assert scale.plan_items // scale.networks == 1_000  # ≈ 1 000 items per network


def test_bench_logins_work_and_pages_open(fresh_app):
    app = fresh_app()
    assert _generate(app).exit_code == 0
    client = app.test_client()
    assert login(client, BENCH_LOGINS["coordinator"], BENCH_PASSWORD).headers["Location"] == "/i/school-001/"
    desk = client.get("/i/school-001/")
    assert desk.status_code == 200
    with app.app_context(), unscoped():
        network = db.session.scalar(select(Network.slug).order_by(Network.id))
        plan_id = db.session.scalar(select(Plan.id).join(Network, Network.id == Plan.network_id)
                                    .where(Network.slug == network))
    for url in (f"/n/{network}/", f"/n/{network}/council/", f"/n/{network}/history", "/i/school-001/history",
                "/i/school-001/staff", f"/n/{network}/plans/", f"/n/{network}/plans/{plan_id}",
                f"/n/{network}/calendar/", "/i/school-001/calendar/", "/i/school-001/pupils/reads"):
        assert client.get(url).status_code == 200, url
    # A write after generation: the ids continue after the generated ones.
    response = client.post("/i/school-001/notes", data={"body": "После генерации",
                                                        "csrf_token": csrf_token_from(desk.get_data(as_text=True))})
    assert response.status_code == 302
    operator = app.test_client()
    assert login(operator, BENCH_LOGINS["operator"], BENCH_PASSWORD).headers["Location"] == "/operator/"
    assert operator.get("/operator/").status_code == 200


def test_same_seed_same_city_other_seed_other_city(fresh_app):
    first, second, other = fresh_app("a.db"), fresh_app("b.db"), fresh_app("c.db")
    for app, seed in ((first, 1), (second, 1), (other, 2)):
        assert _generate(app, seed=seed).exit_code == 0
    assert _fingerprint(first) == _fingerprint(second)
    different = _fingerprint(other)
    assert different["users"] != _fingerprint(first)["users"]
    assert different["notes"] != _fingerprint(first)["notes"]


def test_refuses_a_database_that_is_not_empty(fresh_app):
    app = fresh_app()
    assert _generate(app).exit_code == 0
    before = _fingerprint(app)
    again = _generate(app, seed=7)
    assert again.exit_code != 0
    assert "not empty" in again.output and "institutions" in again.output
    assert _fingerprint(app) == before


def test_refuses_an_unmigrated_database(fresh_app):
    app = fresh_app("bare.db", migrate=False)
    result = _generate(app)
    assert result.exit_code != 0
    assert "db upgrade" in result.output


@pytest.mark.postgres
def test_postgresql_generation_as_owner_then_the_app_role_reads_it():
    owner_url = database.create_postgres_database(database.server_url(), suffix="generator")
    app = _app(owner_url)
    try:
        assert _generate(app).exit_code == 0
        with app.app_context(), unscoped():
            assert _count(Institution) == SCALES["demo"].institutions
        _dispose(app)
        app = create_app(TestConfig(database.app_role_url(owner_url)))
        client = app.test_client()
        login(client, BENCH_LOGINS["coordinator"], BENCH_PASSWORD)
        desk = client.get("/i/school-001/")
        assert desk.status_code == 200 and "Заметки учреждения" in desk.get_data(as_text=True)
        # Sequences were moved past the explicit ids.
        response = client.post("/i/school-001/notes", data={
            "body": "После генерации", "csrf_token": csrf_token_from(desk.get_data(as_text=True))})
        assert response.status_code == 302
    finally:
        _dispose(app)
        database.drop_postgres_database(owner_url, drop_role=False)  # the role serves the session database too


def test_the_moments_of_a_seed_do_not_depend_on_the_time_of_day():
    """Two generations with one seed on one day give the same moments, hence the same order of the rows sorted by
    them (the notes): the same-seed test above once failed because the clock's minutes moved a moment's day."""
    def moments(clock: datetime) -> list[datetime]:
        city = City(SCALES["demo"], seed=1, today=clock.date())
        city.now = clock  # after the working hours the moments are drawn in: none of today's is moved
        return [city.past(365) for _ in range(500)]

    assert moments(datetime(2026, 12, 5, 16, 0, 0, tzinfo=UTC)) == moments(datetime(2026, 12, 5, 23, 59, 59, tzinfo=UTC))
