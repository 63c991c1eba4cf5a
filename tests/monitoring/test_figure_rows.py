"""The rows behind the figures (issue 20 part 3), against the world of test_area_providers computed by hand:
agreements (five, a draft without its title), the journal groups' attendance (sums per group, no pupil)."""
from __future__ import annotations

from tests.conftest import login
from tests.monitoring.test_area_providers import world  # noqa: F401  (the fixture)
from workspace.core.dates import AcademicYear


def _rows(app, world, key, institution=None):  # noqa: F811
    from tenants.scoping import set_scope
    from workspace.monitoring.registry import ROWS, MonitoringScope
    with app.test_request_context():
        if institution is None:
            set_scope(network_ids=[world.network.id])
        else:
            set_scope(institution_id=institution.id, network_ids=[world.network.id])
        scope = MonitoringScope(network_ids=[world.network.id], institution_id=institution and institution.id,
                                year=AcademicYear(2026))
        return ROWS[key](scope)


def test_agreements_rows_name_every_agreement_but_a_drafts_title(app, world):  # noqa: F811
    table = _rows(app, world, "agreements-by-status")
    assert len({row[0] for row in table.rows}) == 5  # each with its number
    assert sorted(row[1] for row in table.rows) == ["А1", "А2", "А3", "А5", "черновик"]
    by_number = {row[1]: row for row in table.rows}
    assert by_number["черновик"][3] == "Черновик"
    # in force: А1 both years; А2 and А3 (terminated 30.06.2026) last year only; А5 neither
    assert by_number["А1"][-1] == "2026/2027, 2025/2026"
    assert by_number["А2"][-1] == by_number["А3"][-1] == "2025/2026"
    assert by_number["А5"][-1] == "—"
    # the school is a party to А1, А2, А4
    assert sorted(row[1] for row in _rows(app, world, "agreements-by-kind", world.school).rows) == [
        "А1", "А2", "черновик"]


def test_attendance_rows_are_sums_per_group(app, world):  # noqa: F811
    table = _rows(app, world, "attendance-by-month")
    # this year the museum's group: 9 marks, 6 present; last year the library's: 4 marks, 3 present
    assert [row[0] for row in table.rows] == ["2026/2027", "2025/2026"]
    assert [row[2:] for row in table.rows] == [["Музей края", 9, 6, 66.7], ["Библиотека «Чтение»", 4, 3, 75.0]]
    # school №9: its one pupil's marks only, 2 of 3
    assert [row[3:] for row in _rows(app, world, "attendance-by-provider", world.school2).rows] == [[3, 2, 66.7]]


def test_the_rows_page_is_read_only_and_scoped(app, client, world):  # noqa: F811
    login(client, "coord@school7.test")
    page = client.get("/n/net/monitoring/rows/attendance-by-provider?year=2026").get_data(as_text=True)
    assert "Строки, из которых посчитано: 2" in page and "Музей края" in page
    own = client.get("/i/school7/monitoring/rows/agreements-by-kind?year=2026").get_data(as_text=True)
    assert ">А1<" in own and ">А3<" not in own and ">А5<" not in own
    assert client.get("/i/museum/monitoring/rows/agreements-by-kind").status_code == 404


def test_projects_rows_list_the_projects_counted(app, world):  # noqa: F811
    table = _rows(app, world, "projects-by-status")
    # П1 approved this year, П2 approved last year, П3 (the school's) on approval, and a draft — by its state only
    assert sorted(row[1] for row in table.rows) == ["На согласовании", "Утверждён", "Утверждён", "Черновик"]
    assert "черновик" in [row[0] for row in table.rows]
    assert ["П1 Музейные уроки", "Утверждён"] in [row[:2] for row in table.rows]


def test_pupils_rows_are_numbers_by_programme_school_and_class(app, world):  # noqa: F811
    table = _rows(app, world, "pupils-by-school")
    # this year: two pupils of school №7 (5А, 5Б) and one of school №9 (6А) in the robotics programme; last year
    # two of school №7 (5А, 7А) completed the reading programme — numbers only, the pupils unnamed
    assert sum(row[3] for row in table.rows) == 3 and sum(row[4] for row in table.rows) == 2
    text = repr(table.rows)
    for surname in ("Алексеев", "Борисов", "Васильев", "Егоров"):
        assert surname not in text
