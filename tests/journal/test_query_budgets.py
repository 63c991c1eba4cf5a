"""SQL statements of the journal grid and the cell save: pinned, the same at 10×10 and 35×70.

Of each figure, two statements are the request's login and network resolution (the user; the
network with the membership and the council seat, one statement); the grid itself reads two statements (the group with
its programme and lessons; the enrollments with their marks), the programme's attestations with the results of
the rows (the council: counted) in one more and, as the provider sees other schools' pupils, appends
their reads in one INSERT (pupils.reads.record_pupil_reads); a cell save two (the cell with its
row and column counted; the upsert). On PostgreSQL the row-level-security context adds two (the
resolution's unscoped read sets its own, then the request's scope is set)."""
from __future__ import annotations

import re

import pytest

from tests.journal.helpers import mixed_group

GRID = 6
LESSON = 5  # the per-lesson page: the group with its lessons; the enrollments with the marks of one lesson; the reads
CELL_SAVE = 4
AGGREGATES = 5  # an external council member: before, no membership statement (6 → 5, not → 4)
RLS_CONTEXT = 2


def _with_attestations(make, w) -> int:
    """Two attestations of the programme, every pupil with a result of the first: the grid stays flat."""
    first = make.attestation(w.programme, kind="intermediate")
    make.attestation(w.programme)
    for enrollment in w.enrollments_a + w.enrollments_b:
        make.attestation_result(first, enrollment, "pass")
    return 2


def _expected(app, budget):
    return budget + (RLS_CONTEXT if app.extensions["test_connection"].dialect.name == "postgresql" else 0)


@pytest.mark.parametrize("pupils,lessons", [(10, 10), (35, 70)])
def test_grid_and_cell_save_are_flat(app, make, client, login_as, count_queries, pupils, lessons):
    w = mixed_group(make, pupils_a=pupils // 2, pupils_b=pupils - pupils // 2, lessons=lessons)
    make.fill_marks(w.lesson_rows, w.enrollments_a + w.enrollments_b)
    attestations = _with_attestations(make, w)
    login_as(w.teacher)
    url = f"/n/net/journal/groups/{w.group.id}"
    page = client.get(url).get_data(as_text=True)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("data-cell>") == pupils * (lessons + attestations)
    assert len(statements) == _expected(app, GRID), "\n".join(statements)

    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    lesson, enrollment = w.lesson_rows[-1], w.enrollments_b[-1]
    with count_queries() as statements:
        response = client.post(f"{url}/marks/{lesson.id}/{enrollment.id}", data={"set": "excused"},
                               headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 200
    assert len(statements) == _expected(app, CELL_SAVE), "\n".join(statements)


@pytest.mark.parametrize("pupils,lessons", [(10, 10), (35, 70)])
def test_council_aggregates_are_flat(app, make, client, login_as, count_queries, pupils, lessons):
    w = mixed_group(make, pupils_a=pupils // 2, pupils_b=pupils - pupils // 2, lessons=lessons)
    make.fill_marks(w.lesson_rows, w.enrollments_a + w.enrollments_b)
    _with_attestations(make, w)
    login_as(w.council_member)
    url = f"/n/net/journal/groups/{w.group.id}"
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert len(statements) == _expected(app, AGGREGATES), "\n".join(statements)


@pytest.mark.parametrize("pupils,lessons", [(10, 10), (35, 70)])
def test_the_lesson_page_is_flat(app, make, client, login_as, count_queries, pupils, lessons):
    w = mixed_group(make, pupils_a=pupils // 2, pupils_b=pupils - pupils // 2, lessons=lessons)
    make.fill_marks(w.lesson_rows, w.enrollments_a + w.enrollments_b)
    login_as(w.teacher)
    url = f"/n/net/journal/groups/{w.group.id}/lesson?lesson={w.lesson_rows[-1].id}"
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert response.get_data(as_text=True).count('name="view" value="lesson"') == pupils
    assert len(statements) == _expected(app, LESSON), "\n".join(statements)


REGISTER = 5  # the user; its networks; the count and the rows (documents of the school's pupils); the networks' slugs


@pytest.mark.parametrize("documents", [2, 20])
def test_the_schools_register_is_flat(app, make, client, login_as, count_queries, documents):
    w = mixed_group(make, pupils_a=documents, pupils_b=1, lessons=0)
    for number, enrollment in enumerate(w.enrollments_a + w.enrollments_b, start=1):
        make.certificate(enrollment, w.group, w.programme, number=number)
    login_as(w.coordinator_a)
    url = "/i/school-a/journal/certificates"
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("/n/net/journal/certificates/") == min(documents, 20)
    assert len(statements) == REGISTER + (1 if app.extensions["test_connection"].dialect.name == "postgresql"
                                          else 0), "\n".join(statements)
