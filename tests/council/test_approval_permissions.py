"""Who may submit, open votes, vote and close them; a seat of another network finds nothing."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from tests.conftest import csrf_token_from, post_form
from tests.council.helpers import build_council
from tests.council.test_approval_flow import _as, _council_url, _plan_url, _submit
from workspace.core.dates import local_today
from workspace.council.models import Approval, Meeting, Vote
from workspace.extensions import db


def _open_question(make, c):
    approval = make.approval(c.plan, c.coordinator)
    meeting = make.meeting(c.network, 1, kind="e_vote", deadline_on=local_today() + timedelta(days=3))
    return meeting, make.agenda_item(meeting, "Об утверждении плана", approval)


def _count(read, model):
    with read():
        return db.session.scalar(select(func.count()).select_from(model))


def test_a_non_seat_cannot_vote(client, make, read):
    c = build_council(make)
    meeting, item = _open_question(make, c)
    _as(client, c.teacher)
    page = client.get(_council_url(c, f"meetings/{meeting.id}"))
    assert page.status_code == 200 and "Вы ещё не проголосовали" not in page.get_data(as_text=True)
    response = client.post(_council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/vote"),
                           data={"choice": "for", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 403
    assert _count(read, Vote) == 0


def test_a_member_cannot_open_or_close_votes(client, make, read):
    c = build_council(make)
    meeting, item = _open_question(make, c)
    _as(client, c.librarian)
    assert client.get(_council_url(c, "e-votes/new")).status_code == 403
    assert client.get(_council_url(c, "meetings/new")).status_code == 403
    assert client.get(_council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/close")).status_code == 403
    assert client.get(_council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/discussion")).status_code == 403
    page = client.get(_council_url(c)).get_data(as_text=True)
    token = csrf_token_from(page)
    assert "Назначить заседание" not in page
    for url, data in ((_council_url(c, "e-votes/new"), {"approval_id": 1, "number": 2,
                                                         "deadline_on": local_today().isoformat()}),
                      (_council_url(c, f"meetings/{meeting.id}/agenda"), {"title": "Разное"}),
                      (_council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/close"), {"if_not_carried": "returned"})):
        assert client.post(url, data={**data, "csrf_token": token}).status_code == 403
    assert _count(read, Meeting) == 1


def test_only_the_base_coordinator_submits(client, make, read):
    c = build_council(make)
    _as(client, c.librarian)
    assert "Отправить на утверждение" not in client.get(_plan_url(c)).get_data(as_text=True)
    assert _submit(client, c).status_code == 403
    _as(client, c.coordinator)
    assert _submit(client, c).status_code == 302
    again = _submit(client, c)
    assert again.status_code == 409 and "Отправить на согласование можно только черновик" in again.get_data(as_text=True)
    assert _count(read, Approval) == 1
    unknown = post_form(client, _council_url(c, "approvals/project/1/submit"), {}, page_url=_plan_url(c))
    assert unknown.status_code == 404


def test_a_seat_of_another_network_gets_404(client, make, read):
    a = build_council(make, "set-a")
    b = build_council(make, "set-b")
    meeting, item = _open_question(make, a)
    _as(client, b.librarian)  # holds a seat in network B only
    token = csrf_token_from(client.get(_council_url(b)).get_data(as_text=True))
    assert client.get(_council_url(a, f"meetings/{meeting.id}")).status_code == 404
    response = client.post(_council_url(a, f"meetings/{meeting.id}/agenda/{item.id}/vote"),
                           data={"choice": "for", "csrf_token": token})
    assert response.status_code == 404
    # and network A's meeting under network B's address is not found either
    response = client.post(_council_url(b, f"meetings/{meeting.id}/agenda/{item.id}/vote"),
                           data={"choice": "for", "csrf_token": token})
    assert response.status_code == 404
    assert _count(read, Vote) == 0


def test_bad_vote_changes_nothing(client, make, read):
    c = build_council(make)
    meeting, item = _open_question(make, c)
    _as(client, c.librarian)
    url = _council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/vote")
    token = csrf_token_from(client.get(_council_url(c, f"meetings/{meeting.id}")).get_data(as_text=True))
    response = client.post(url, data={"choice": "maybe", "csrf_token": token},
                           headers={"HX-Request": "true", "HX-Target": f"vote-{item.id}"})
    assert response.status_code == 422 and "Выберите «за», «против» или «воздержался»." in response.get_data(as_text=True)
    assert _count(read, Vote) == 0
