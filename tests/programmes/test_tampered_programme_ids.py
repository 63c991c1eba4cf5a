"""Every id-bearing field of the programmes forms, tampered: refused, nothing changes."""
from __future__ import annotations

import pytest

from tests.conftest import login, post_form, shared_world
from tests.fixtures.factories import PASSWORD
from tests.fixtures.row_counts import row_counts
from tests.tenancy.world import build_world

# Every test reads the same two networks (what a test adds or posts is rolled back): built once for the module.
pytestmark = pytest.mark.shared_world
world = shared_world(build_world)



def test_application_refuses_foreign_pupils_and_programmes(client, world, make, read):
    draft = make.programme(world.a.network, world.a.partner, "Черновик", published=False)
    login(client, world.a.users["coordinator"].email, PASSWORD)
    url = f"/i/{world.a.school.slug}/enrollment/applications"
    before = row_counts(read)
    good = {"pupil_id": world.a.pupil.id, "programme_id": world.a.programme.id, "submitted_on": "2026-09-03",
            "has_consent": "y"}
    for field, bad in (("pupil_id", world.b.pupil.id), ("pupil_id", 999999), ("pupil_id", "x"),
                       ("programme_id", world.b.programme.id), ("programme_id", draft.id), ("programme_id", -1)):
        response = post_form(client, url, {**good, field: bad})
        assert response.status_code == 422, (field, bad)
    assert row_counts(read) == before


def test_match_refuses_foreign_pupil_and_public_form_refuses_foreign_school(client, world, make, read):
    public = make.application(None, world.a.programme, school=world.a.school, status="new", source="public")
    login(client, world.a.users["coordinator"].email, PASSWORD)
    before = row_counts(read)
    url = f"/i/{world.a.school.slug}/enrollment/applications/{public.id}"
    for bad in (world.b.pupil.id, 999999):
        assert post_form(client, url, {"pupil_id": bad}).status_code == 422
    anonymous = client.application.test_client()
    page = f"/public/n/{world.a.network.slug}/programmes/{world.a.programme.id}"
    data = {"pupil_full_name": "Новиков Пётр", "class_label": "6Б", "parent_name": "Новикова Анна",
            "parent_contact": "+7 900 123-45-67", "has_consent": "y"}
    for bad in (world.b.school.id, world.a.partner.id, world.bridge.id, 999999, "x"):
        assert post_form(anonymous, page, {**data, "school_id": bad}).status_code == 422, bad
    assert row_counts(read) == before


def test_group_teacher_and_placement_refuse_foreign_ids(client, world, make, read):
    login(client, world.a.partner_coordinator.email, PASSWORD)
    a = world.a
    before = row_counts(read)
    page = f"/n/{a.network.slug}/programmes/{a.programme.id}"
    for bad in (world.b.partner_coordinator.id, a.users["teacher"].id, 999999):  # not a user of the provider
        response = post_form(client, f"{page}/groups", {"name": "Группа 2", "teacher_id": bad, "capacity": 10},
                             page_url=page)
        assert response.status_code == 422, bad
    assert row_counts(read) == before
    request_page = f"/n/{a.network.slug}/programmes/requests/{a.enrollment_request.id}"
    enrollment_id = a.enrollment_request.enrollment_ids[0]
    accept = post_form(client, f"{request_page}/enrollments/{enrollment_id}/accept", {"version": 1},
                       page_url=request_page)
    assert accept.status_code == 302
    for bad in (world.b.group.id, 999999):
        response = post_form(client, f"{request_page}/enrollments/{enrollment_id}/place",
                             {"group_id": bad, "version": 2}, page_url=request_page)
        assert response.status_code == 404, bad


def test_request_refuses_applications_it_does_not_list(client, world, make, read):
    login(client, world.a.users["coordinator"].email, PASSWORD)
    other = make.programme(world.a.network, world.a.partner, "Другая")
    mine = make.application(make.pupil(world.a.school, "Другой"), other)
    before = row_counts(read)
    url = f"/i/{world.a.school.slug}/enrollment/requests/new?programme={world.a.programme.id}"
    for bad in (world.b.application.id, mine.id, 999999):
        response = post_form(client, url, {"application_ids": [bad]})
        assert response.status_code in (404, 422), bad
    assert row_counts(read) == before
