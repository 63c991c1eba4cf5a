"""The sections of agreements, projects, attendance and pupil coverage against figures computed by hand on
small data (year 2026/2027, previous 2025/2026), on the network's dashboard and on institutions' ones."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from tests.conftest import login
from workspace.core.dates import AcademicYear
from workspace.extensions import db


@pytest.fixture
def world(app, make):
    school = make.institution("Школа №7", slug="school7")
    school2 = make.institution("Школа №9", slug="school9")
    museum = make.institution("Музей края", kind="museum", slug="museum")
    library = make.institution("Библиотека «Чтение»", kind="library", slug="library")
    network = make.network(school, name="Сеть", slug="net")
    for member in (school2, museum, library):
        make.member(network, member, "social_partner")
    coordinator = make.user(school, "coordinator", email="coord@school7.test")
    museum_user = make.user(museum, "coordinator", email="coord@museum.test")

    # Agreements. A1 in force both years; A2 expired in May 2026 (last year only); A3 terminated on
    # 30.06.2026 though written to 2027 (last year only); A4 a draft; A5 active on paper but ended in 2025
    # (reads «Истёк», in force in neither year).
    make.agreement(network, [school, museum], "А1", status="active", starts_on=date(2025, 9, 1),
                   ends_on=date(2030, 8, 31))
    make.agreement(network, [school, library], "А2", status="expired", kind="joint_activity",
                   starts_on=date(2024, 9, 1), ends_on=date(2026, 5, 31))
    terminated = make.agreement(network, [museum, library], "А3", status="terminated", starts_on=date(2026, 1, 10),
                                ends_on=date(2027, 12, 31))
    make.agreement(network, [school, museum], "А4", status="draft", kind="other", starts_on=date(2026, 9, 1),
                   ends_on=date(2027, 5, 31))
    make.agreement(network, [school2, museum], "А5", status="active", kind="network_programme",
                   starts_on=date(2024, 1, 1), ends_on=date(2025, 6, 30))
    with app.app_context():
        from tenants.scoping import unscoped
        from workspace.agreements.models import Agreement
        with unscoped():
            db.session.execute(update(Agreement).where(Agreement.id == terminated.id)
                               .values(terminated_on=date(2026, 6, 30)))
            db.session.commit()

    # Projects. P1 approved this year (museum leads, school takes part) with two indicators; P2 approved last
    # year; P3 a draft of the school this year; P4 submitted, spanning both years.
    p1 = make.project(network, museum, "П1 Музейные уроки", participants=(school,), status="approved",
                      with_stages=False)
    make.project_indicator(p1, "Охват", target=100, actual=80, unit="чел.", position=1)
    make.project_indicator(p1, "Мероприятий", target=4, actual=5, unit="шт.", position=2)
    p2 = make.project(network, library, "П2 Чтение летом", status="approved", starts_on=date(2025, 9, 1),
                      ends_on=date(2026, 5, 31), with_stages=False)
    make.project_indicator(p2, "Читателей", target=10, actual=10)
    p3 = make.project(network, school, "П3 Школьный музей", status="draft", starts_on=date(2026, 10, 1),
                      ends_on=date(2027, 3, 31), with_stages=False)
    make.project_indicator(p3, "Экспонатов", target=5)
    make.project(network, school2, "П4 Краеведение", status="submitted", starts_on=date(2025, 10, 1),
                 ends_on=date(2026, 12, 31), with_stages=False)

    # Programmes: the museum's this year (2026-09-01 … 2027-05-31), the library's last year.
    robotics = make.programme(network, museum, "Музейная робототехника")
    reading = make.programme(network, library, "Летнее чтение", starts_on=date(2025, 9, 1), ends_on=date(2026, 5, 31))
    g1, g2 = make.group(robotics, "Группа музея"), make.group(reading, "Группа библиотеки")
    p_1 = make.pupil(school, "Алексеев", class_label="5А")
    p_2 = make.pupil(school, "Борисов", class_label="5Б")
    p_3 = make.pupil(school, "Васильев", class_label="7А")
    make.pupil(school, "Григорьев", class_label="7А")                    # active, not enrolled
    make.pupil(school, "Дмитриев", class_label="8А", is_active=False)    # left the school
    q_1 = make.pupil(school2, "Егоров", class_label="6А")
    r1 = make.enrollment_request(robotics, school)
    e1 = make.enrollment(r1, p_1, status="enrolled", group=g1)
    e2 = make.enrollment(r1, p_2, status="enrolled", group=g1)
    make.enrollment(r1, p_3, status="declined")
    e3 = make.enrollment(make.enrollment_request(robotics, school2), q_1, status="enrolled", group=g1)
    r3 = make.enrollment_request(reading, school)
    old1 = make.enrollment(r3, p_1, status="completed", group=g2)
    old3 = make.enrollment(r3, p_3, status="completed", group=g2)

    # The journal. This year, the museum's group: 9 attendance marks, 6 present (one absence, one excused,
    # one absence); one lesson with a grade only (not counted). Last year, the library's group: 4 marks, 3 present.
    lessons = [make.lesson(g1, day) for day in (date(2026, 9, 10), date(2026, 9, 17), date(2026, 10, 1),
                                                 date(2026, 10, 8))]
    for lesson, marks in zip(lessons, (("present", "present", "absent"), ("present", "excused", "present"),
                                       ("absent", "present", "present"))):
        for enrollment, attendance in zip((e1, e2, e3), marks):
            make.mark(lesson, enrollment, attendance)
    make.mark(lessons[3], e1, None, grade="5")
    for day, marks in ((date(2026, 3, 5), ("present", "absent")), (date(2026, 4, 2), ("present", "present"))):
        lesson = make.lesson(g2, day)
        for enrollment, attendance in zip((old1, old3), marks):
            make.mark(lesson, enrollment, attendance)
    return type("World", (), dict(network=network, school=school, school2=school2, museum=museum, library=library,
                                  coordinator=coordinator, museum_user=museum_user))


def _sections(app, world, institution=None):
    from tenants.scoping import set_scope
    from workspace.monitoring.registry import SOURCES, MonitoringScope, build_sections
    with app.test_request_context():
        if institution is None:
            set_scope(network_ids=[world.network.id])
        else:
            set_scope(institution_id=institution.id, network_ids=[world.network.id])
        scope = MonitoringScope(network_ids=[world.network.id], institution_id=institution and institution.id,
                                year=AcademicYear(2026))
        sections = {entry.key: content for entry, content in build_sections(scope)}
        sources = {key: entry.compute(scope) for key, entry in SOURCES.items()}
        return sections, sources


def _figure(content, key):
    return next(figure for figure in content.figures if figure.key == key)


def _values(figure):
    return [values for _name, values in figure.series]


def test_agreements_in_force_by_kind_and_status(app, world):
    sections, sources = _sections(app, world)
    agreements = sections["agreements"]
    assert [(h.value, h.previous) for h in agreements.headlines] == [(1, 3)]
    assert sources["agreements_active"] == (1, 3)
    by_kind = _figure(agreements, "agreements-by-kind")
    assert by_kind.categories == ["О сотрудничестве", "О совместной деятельности"]
    assert _values(by_kind) == [[1, 0], [2, 1]]
    by_status = _figure(agreements, "agreements-by-status")
    assert by_status.rows == [["Черновик", 1], ["Действует", 1], ["Истёк", 2], ["Расторгнут", 1]]
    # the school is a party to А1, А2, А4
    sections, sources = _sections(app, world, world.school)
    assert sources["agreements_active"] == (1, 2)
    assert _figure(sections["agreements"], "agreements-by-status").rows == [
        ["Черновик", 1], ["Действует", 1], ["Истёк", 1]]


def test_projects_by_status_and_their_indicators(app, world):
    sections, sources = _sections(app, world)
    projects = sections["projects"]
    assert sources["projects_approved"] == (1, 1)
    by_status = _figure(projects, "projects-by-status")
    assert by_status.categories == ["Черновик", "На согласовании", "Утверждён"]
    assert _values(by_status) == [[1, 1, 1], [0, 1, 1]]
    table = _figure(projects, "projects-indicators")
    assert table.header == ["Проект", "Показатель", "План", "Факт", "Выполнение, %"]
    assert table.rows == [["П1 Музейные уроки", "Охват, чел.", 100, 80, 80.0],
                          ["П1 Музейные уроки", "Мероприятий, шт.", 4, 5, 125.0]]
    assert [(h.value, h.previous, h.unit) for h in projects.headlines] == [(1, 1, "шт."), (1, None, "из 2")]
    # the school leads П3 and takes part in П1; the library only led П2 last year
    sections, sources = _sections(app, world, world.school)
    assert _values(_figure(sections["projects"], "projects-by-status")) == [[1, 1], [0, 0]]
    assert sources["projects_approved"] == (1, 0)
    sections, sources = _sections(app, world, world.library)
    assert sources["projects_approved"] == (0, 1)
    assert _figure(sections["projects"], "projects-indicators").rows == []


def test_attendance_by_month_and_provider(app, world):
    sections, sources = _sections(app, world)
    attendance = sections["attendance"]
    assert [(h.value, h.previous) for h in attendance.headlines] == [(66.7, 75.0), (9, 4)]  # 6 of 9, 3 of 4
    assert sources["attendance_percent"] == (66.7, 75.0)
    this, last = _values(_figure(attendance, "attendance-by-month"))  # September … August
    # months without marks are None («нет данных», a gap in the line) since issue 20 — they read 0 % before
    assert this == [66.7, 66.7, *[None] * 10]                        # 4 of 6, 2 of 3
    assert last == [None] * 6 + [50.0, 100.0] + [None] * 4           # March 1 of 2, April 2 of 2
    by_provider = _figure(attendance, "attendance-by-provider")
    assert by_provider.rows == [["Библиотека «Чтение»", 0, 75.0], ["Музей края", 66.7, 0]]
    # the school: its own pupils' marks only (not the other school's pupil): 4 of 6 this year, 3 of 4 last
    _sections_, sources = _sections(app, world, world.school)
    assert sources["attendance_percent"] == (66.7, 75.0)
    sections, sources = _sections(app, world, world.school2)
    assert sources["attendance_percent"] == (66.7, None)  # 2 of 3
    # the museum: its group, every pupil
    sections, sources = _sections(app, world, world.museum)
    assert [(h.value, h.previous) for h in sections["attendance"].headlines] == [(66.7, None), (9, 0)]


def test_pupils_covered_by_school_and_class(app, world):
    sections, sources = _sections(app, world)
    pupils = sections["pupils"]
    assert sources["pupils_covered"] == (3, 2)
    assert [(h.value, h.previous) for h in pupils.headlines] == [(3, 2)]  # no share: pupils of schools unreadable
    assert "недоступно" in pupils.note
    assert _figure(pupils, "pupils-by-school").rows == [["Школа №7", 2, 2], ["Школа №9", 1, 0]]
    by_class = _figure(pupils, "pupils-by-class")
    assert by_class.categories == ["5 класс", "6 класс", "7 класс"]
    assert _values(by_class) == [[2, 1, 0], [1, 0, 1]]
    # the school: its own 4 active pupils (5 кл. 2, 7 кл. 2), 2 covered this year → 50 %
    sections, sources = _sections(app, world, world.school)
    pupils = sections["pupils"]
    assert sources["pupils_covered"] == (2, 2)
    assert [(h.value, h.previous) for h in pupils.headlines] == [(2, 2), (50.0, None)]
    by_class = _figure(pupils, "pupils-by-class")
    assert by_class.categories == ["5 класс", "7 класс"]
    assert _values(by_class) == [[2, 0], [1, 1], [2, 2]]
    # the museum: the pupils enrolled in its programme (3 this year), no registry of its own
    sections, sources = _sections(app, world, world.museum)
    assert sources["pupils_covered"] == (3, 0)
    assert len(sections["pupils"].headlines) == 1


def test_dashboards_show_the_sections_without_pupil_names(app, client, world):
    login(client, world.coordinator.email)
    for url in ("/n/net/monitoring/?year=2026", "/i/school7/monitoring/?year=2026"):
        page = client.get(url).get_data(as_text=True)
        for title in ("Охват обучающихся сетевыми программами", "Договоры о сотрудничестве", "Сетевые проекты",
                      "Посещаемость сетевых групп", "Показатели утверждённых проектов, 2026/2027", "66,7 %"):
            assert title in page, (url, title)
        for surname in ("Алексеев", "Борисов", "Васильев", "Егоров"):
            assert surname not in page
    page = client.get("/n/net/monitoring/?year=2026").get_data(as_text=True)
    assert "Охват, чел." in page and "125" in page
    other = app.test_client()
    login(other, world.museum_user.email)
    page = other.get("/i/museum/monitoring/?year=2026").get_data(as_text=True)
    assert "Посещаемость сетевых групп" in page and "66,7 %" in page
