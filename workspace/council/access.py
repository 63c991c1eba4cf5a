"""Access to the council's seats, meetings, agenda items and the subjects sent to it, one helper per kind:
each loads the object in the network (404 for a foreign one) and checks the right (403 for a member who
lacks it): managing the council (its chair and secretary, the base institution's coordinators), voting
(a seat), setting the rules (the chair), sending a subject to approval (the subject's own rule)."""
from __future__ import annotations

from typing import Any

from flask import abort, g
from sqlalchemy import select

from tenants.models import Seat, SeatRole
from tenants.permissions import can_manage_council
from workspace.core.access import refuse_locked, require
from workspace.core.i18n import gettext as _
from workspace.council.approval import Approvable, get_subject_or_404
from workspace.council.models import AgendaItem, Decision
from workspace.council.queries import get_agenda_item_or_404, get_meeting_or_404, get_seat_or_404
from workspace.extensions import db

MANAGE = "manage"
VOTE = "vote"


def may_manage() -> bool:
    return can_manage_council(g.network)


def is_chair() -> bool:
    return g.seat is not None and g.seat.role == SeatRole.CHAIR


def removable_seat_or_404(seat_id: int) -> Seat:
    seat = get_seat_or_404(seat_id)
    require(may_manage())
    return seat


def refuse_cancelled(meeting) -> None:
    """A cancelled meeting takes no votes and no changes: 403 with the reason."""
    if meeting.is_cancelled:
        refuse_locked(_("Заседание отменено"),
                      _("Заседание № %(number)s отменено: голосовать по его вопросам и изменять его нельзя.",
                        number=meeting.number))


def managed_meeting_or_404(meeting_id: int):
    meeting = get_meeting_or_404(meeting_id)
    require(may_manage())
    refuse_cancelled(meeting)
    return meeting


def has_decisions(meeting) -> bool:
    return db.session.scalar(select(Decision.id).join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
                             .where(AgendaItem.meeting_id == meeting.id).limit(1)) is not None


def cancellable_meeting_or_404(meeting_id: int):
    """A meeting (not an e-vote) that whoever manages the council may cancel: not closed, no decision taken yet."""
    meeting = get_meeting_or_404(meeting_id)
    if meeting.is_e_vote:
        abort(404)
    require(may_manage())
    refuse_cancelled(meeting)
    if meeting.closed_at is not None or has_decisions(meeting):
        refuse_locked(_("Заседание нельзя отменить"),
                      _("По вопросам заседания № %(number)s уже приняты решения: отменить его нельзя.",
                        number=meeting.number))
    return meeting


def agenda_item_or_404(meeting_id: int, agenda_item_id: int, *, right: str = MANAGE):
    """(meeting, item): managed (close the vote, write what was said) or voted on (``right=VOTE``: a seat)."""
    meeting = get_meeting_or_404(meeting_id)
    item = get_agenda_item_or_404(meeting, agenda_item_id)
    require(g.seat is not None if right == VOTE else may_manage())
    refuse_cancelled(meeting)
    return meeting, item


def submittable_subject_or_404(subject_type: str, subject_id: int) -> tuple[Approvable, Any]:
    """A plan, section or project to send to approval or to amend, by the rule its kind registered."""
    approvable, subject = get_subject_or_404(subject_type, subject_id)
    require(approvable.can_submit(subject))
    return approvable, subject
