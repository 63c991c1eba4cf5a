"""The demo's outbox: the letters its people would have got by the load day.

The e-vote opened two days before the load day sent its letters to the council then (they are in the outbox as
sent); the reminders of the load day itself (an agreement ending soon, event reports due, a vote closing
tomorrow) are queued by the same jobs the letters worker runs, and `flask up`'s worker sends them (to the log
without MAIL_SERVER). The operator's «Исходящие письма» shows both.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from tenants.models import Network
from workspace.agreements.letters import find_expiring
from workspace.council.letters import queue_vote_opened, remind_vote_closing
from workspace.council.models import Meeting, MeetingKind
from workspace.extensions import db
from workspace.letters.models import SENT, Letter
from workspace.plans.letters import find_missing_reports


def load_letters(today: date) -> None:
    for meeting, network in db.session.execute(
            select(Meeting, Network).join(Network, Network.id == Meeting.network_id)
            .where(Meeting.kind == MeetingKind.E_VOTE, Meeting.closed_at.is_(None)).order_by(Meeting.id)).all():
        already = set(db.session.scalars(select(Letter.id)))
        queue_vote_opened(meeting, network)
        db.session.flush()
        opened = datetime.combine(meeting.held_on, time(9, 0), tzinfo=UTC)
        for letter in db.session.scalars(select(Letter).where(Letter.id.not_in(already))):
            letter.status, letter.attempts, letter.created_at, letter.sent_at = SENT, 1, opened, opened
    local = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    now = datetime.combine(today, time(8, 0), tzinfo=local).astimezone(UTC)
    for job in (find_expiring, find_missing_reports, remind_vote_closing):
        job(now)
