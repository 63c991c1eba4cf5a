"""SQL statements of the main programmes and pupils pages: pinned, the same at small and large data."""
from __future__ import annotations

import pytest

from tests.conftest import login
from tests.programmes.helpers import build

BUDGETS = {"programmes": 5, "programme": 8, "pupils": 5, "request": 8, "school-request": 5, "timetable": 4,
           "inbox": 4, "applications": 6, "catalog": 5, "load": 3}
# Where they go (after the user and, for /n/ pages, the network with membership and seat in one statement):
#   programme (as the provider's coordinator): the programme, its provider's name with the places taken (one
#       statement), groups with teachers and places taken per group, their slots, the provider's teachers for the
#       group form, the attestations;
#   request: the request with its programme, the pupils (copies) with groups, the groups with places taken per
#       group, the school's and the sender's names with the places taken (one statement), the "read" entry appended
#       to the school's history, and the reads of its pupils, one row per pupil in one INSERT
#       (pupils.reads.record_pupil_reads).
# On PostgreSQL a page that reads owned rows first sets the row-level-security context: one more statement.
RLS_CONTEXT = {page: 1 for page in BUDGETS}
for page in ("programmes", "programme", "request", "inbox", "load"):  # /n/: the resolution's unscoped read
    RLS_CONTEXT[page] += 1
AS_PROVIDER = {"programme", "request", "inbox", "load"}


def _populate(make, size: int):
    s = build(make, capacity=size * 2)
    groups = [make.group(s.programme, f"Группа {n}", teacher=s.provider_teacher) for n in range(max(1, size // 5))]
    for group in groups:
        make.slot(group, weekday=0)
        make.slot(group, weekday=3)
    for n in range(size // 5):
        make.programme(s.network, s.provider, f"Программа {n}", direction="art")
    pupils = [make.pupil(s.school, f"Фамилия{n}", "Имя", class_label=f"{5 + n % 4}А") for n in range(size)]
    for pupil in pupils:
        make.application(pupil, s.programme)
    request = make.enrollment_request(s.programme, s.school, pupils[: size // 2])
    for n, pupil in enumerate(pupils[size // 2:]):
        make.enrollment(request, pupil, status="enrolled", group=groups[n % len(groups)])
    return s, request


def _pages(s, request):
    network, school = s.network.slug, s.school.slug
    return {"programmes": f"/n/{network}/programmes/", "programme": f"/n/{network}/programmes/{s.programme.id}",
            "pupils": f"/i/{school}/pupils/", "request": f"/n/{network}/programmes/requests/{request.id}",
            "school-request": f"/i/{school}/enrollment/requests/{request.id}",
            "timetable": f"/i/{school}/enrollment/timetable", "inbox": f"/n/{network}/programmes/requests",
            "applications": f"/i/{school}/enrollment/applications", "catalog": f"/public/n/{network}/programmes",
            "load": f"/n/{network}/programmes/load"}


@pytest.mark.parametrize("size", [4, 40])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_page_statement_count_is_pinned_and_flat(app, client, make, count_queries, page, size):
    s, request = _populate(make, size)
    if page != "catalog":
        login(client, (s.provider_coordinator if page in AS_PROVIDER else s.coordinator).email)
    url = _pages(s, request)[page]
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    expected = BUDGETS[page]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += RLS_CONTEXT[page]
    assert len(statements) == expected, f"{len(statements)}\n" + "\n".join(statements)
