"""The council's list tells each meeting's state as the meeting's own page and minutes tell it."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from tenants.scoping import unscoped
from tests.council.helpers import build_council
from tests.council.test_approval_flow import _as, _close, _council_url, _open_e_vote, _submit, _vote
from workspace.core.dates import local_today
from workspace.core.models import utcnow
from workspace.council.models import AgendaItem
from workspace.extensions import db


def _row_of(page: str, number: int) -> str:
    start = page.index(f">№ {number}</a>")
    return page[start:page.index("</tr>", start)]


def test_e_vote_without_quorum_is_not_listed_as_decided(client, make, read):
    c = build_council(make)
    _as(client, c.coordinator)
    _submit(client, c)
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read)
    _vote(client, c, meeting, item, "for")
    assert _close(client, c, meeting, item).status_code == 302
    row = _row_of(client.get(_council_url(c)).get_data(as_text=True), meeting.number)
    assert "решения приняты" not in row
    assert "решение не принято: нет кворума" in row
    assert "решение не принято: нет кворума" in client.get(
        _council_url(c, f"meetings/{meeting.id}")).get_data(as_text=True)


def test_meeting_still_going_is_listed_as_going(app, client, make):
    c = build_council(make)
    meeting = make.meeting(c.network, 3, held_on=local_today() - timedelta(days=2))
    item = make.agenda_item(meeting, "О плане работы")
    with app.app_context(), unscoped():
        # a question closed with no decision recorded, as the demo's meetings are
        db.session.execute(update(AgendaItem).where(AgendaItem.id == item.id).values(closed_at=utcnow()))
        db.session.commit()
    _as(client, c.director)
    page = client.get(_council_url(c, f"meetings/{meeting.id}")).get_data(as_text=True)
    assert "· идёт" in page
    row = _row_of(client.get(_council_url(c)).get_data(as_text=True), 3)
    assert "решения приняты" not in row and "идёт" in row


def test_closing_without_quorum_warns_on_the_confirmation_page(client, make, read):
    c = build_council(make)
    _as(client, c.coordinator)
    _submit(client, c)
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read)
    _vote(client, c, meeting, item, "for")
    confirm = client.get(_council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/close")).get_data(as_text=True)
    assert "Кворума нет." in confirm and "Решение не принято: нет кворума" in confirm
    for key in ("librarian", "secretary"):
        _as(client, getattr(c, {"librarian": "librarian", "secretary": "coordinator"}[key]))
        _vote(client, c, meeting, item, "for")
    _as(client, c.director)
    confirm = client.get(_council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/close")).get_data(as_text=True)
    assert "Кворума нет." not in confirm
