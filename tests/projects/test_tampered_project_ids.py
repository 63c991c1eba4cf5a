"""Project forms with ids, tampered: an institution or a stage of another network (or of another project, or
none) is refused with 422 and nothing changes."""
from __future__ import annotations

from tests.conftest import login, post_form
from tests.fixtures.factories import PASSWORD
from tests.fixtures.row_counts import row_counts
from tests.tenancy.world import build_world


def test_project_form_refuses_institutions_outside_the_network(client, make, read):
    world = build_world(make)
    login(client, world.a.users["coordinator"].email, PASSWORD)
    before = row_counts(read)
    base = {"title": "Подброшенный", "direction": "arts", "starts_on": "2026-09-01", "ends_on": "2027-05-31"}
    for lead, participants in ((world.b.school.id, []), (999999, []), ("x", []),
                               (world.a.school.id, [world.b.partner.id]), (world.a.school.id, [999999])):
        response = post_form(client, "/n/network-a/projects/new",
                             {**base, "lead_institution_id": lead, "participant_ids": participants})
        assert response.status_code == 422, (lead, participants)
        edit = post_form(client, f"/n/network-a/projects/{world.a.project.id}/edit",
                         {**base, "lead_institution_id": lead, "participant_ids": participants,
                          "version": str(world.a.project.version)})
        assert edit.status_code == 422, (lead, participants)
    assert row_counts(read) == before


def test_task_refuses_a_stage_of_another_project(client, make, read):
    world = build_world(make)
    other = make.project(world.a.network, world.a.school, "Другой проект")
    other_stage = make.project_stages(other)[0]
    login(client, world.a.users["coordinator"].email, PASSWORD)
    page = f"/n/network-a/projects/{world.a.project.id}"
    before = row_counts(read)
    for bad in (world.b.stage.id, other_stage.id, 999999, "x"):
        response = post_form(client, f"{page}/tasks", {"title": "Подброшенная задача", "stage_id": bad}, page_url=page)
        assert response.status_code == 422, bad
        cell = post_form(client, f"{page}/tasks/{world.a.task.id}/cells/stage_id",
                         {"value": bad, "version": str(world.a.task.version)}, page_url=page)
        assert cell.status_code == 422, bad
    assert row_counts(read) == before
