"""Ids posted into the council's forms, tampered: another network's request or seat, a missing one,
garbage — refused with 422 and nothing changes."""
from __future__ import annotations

from datetime import timedelta

from tests.conftest import login, post_form
from tests.fixtures.factories import PASSWORD
from tests.fixtures.row_counts import row_counts
from tests.tenancy.world import build_world
from workspace.core.dates import local_today


def test_e_vote_and_agenda_refuse_requests_they_must_not_offer(client, make, read):
    world = build_world(make)
    login(client, world.a.users["admin"].email, PASSWORD)  # chair of network A
    base = "/n/network-a/council"
    meeting = make.meeting(world.a.network, 2, kind="meeting", held_on=local_today())
    before = row_counts(read)
    deadline = (local_today() + timedelta(days=5)).isoformat()
    for bad in (world.b.approval.id,   # another network's request
                world.a.approval.id,   # already on an open agenda
                999999, -1, "x"):
        response = post_form(client, f"{base}/e-votes/new", {"approval_id": bad, "number": 7, "deadline_on": deadline})
        assert response.status_code == 422, bad
        response = post_form(client, f"{base}/meetings/{meeting.id}/agenda", {"approval_id": bad, "title": ""},
                             page_url=f"{base}/meetings/{meeting.id}")
        assert response.status_code == 422, bad
    for bad in (world.b.seat.id, 999999, "x"):
        response = post_form(client, f"{base}/meetings/{meeting.id}/attendance", {"seat_ids": [bad]},
                             page_url=f"{base}/meetings/{meeting.id}")
        assert response.status_code == 422, bad
    assert row_counts(read) == before
