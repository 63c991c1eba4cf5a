"""The state of a meeting or an e-vote, told the same way on the council's list and on the meeting's page."""
from __future__ import annotations

from datetime import date

from workspace.core.i18n import gettext as _


def is_meeting_open(meeting, today: date) -> bool:
    """Open until closed or cancelled, and an e-vote no longer once its deadline has passed."""
    return (meeting.closed_at is None and meeting.cancelled_at is None
            and not (meeting.deadline_on and today > meeting.deadline_on))


def meeting_state(meeting, *, questions: int, decided: int, without_quorum: int, today: date) -> str:
    """What a reader is told: from the meeting's own dates and the decisions recorded, never from
    the questions' closing marks alone (a question closed without a decision decided nothing)."""
    if meeting.cancelled_at is not None:
        return _("отменено")
    if is_meeting_open(meeting, today):
        if not questions:
            return _("повестка не составлена")
        return _("идёт голосование") if meeting.is_e_vote else _("идёт")
    if not questions:
        return _("завершено без вопросов")
    if decided < questions:
        if meeting.is_e_vote and meeting.closed_at is None:
            return _("срок голосования истёк, решение не записано")
        return _("голосование не завершено")
    if without_quorum == decided:
        return _("решение не принято: нет кворума")
    if without_quorum:
        return _("завершено, не по всем вопросам есть кворум")
    return _("решения приняты")
