"""Votes on agenda items and their closing into decisions."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask import g
from sqlalchemy import case, func, literal, select
from sqlalchemy.exc import IntegrityError

from tenants.models import Seat
from workspace.core.i18n import gettext as _
from workspace.core.models import utcnow
from workspace.council.approval import ApprovalError, apply_outcome
from workspace.council.letters import queue_decision
from workspace.council.models import (
    AgendaItem,
    Approval,
    Choice,
    CouncilRules,
    Decision,
    MajorityRule,
    Meeting,
    Outcome,
    QuorumRule,
    Vote,
)
from workspace.council.rules import Tally, count
from workspace.extensions import db


def rules_of_network() -> CouncilRules:
    """The council's rules; an unsaved row with the defaults when none was ever set."""
    rules = db.session.scalar(select(CouncilRules))
    if rules is None:
        rules = CouncilRules(network_id=g.network.id, quorum=QuorumRule.MORE_THAN_HALF,
                             majority=MajorityRule.SIMPLE_OF_CAST)
    return rules


def seat_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Seat))


def tallies(item_ids: list[int]) -> dict[int, Tally]:
    """Vote counts per agenda item: one grouped statement."""
    return tallies_and_choices(item_ids, None)[0]


def tallies_and_choices(item_ids: list[int], seat: Seat | None) -> tuple[dict[int, Tally], dict[int, Choice]]:
    """Vote counts per agenda item and the seat's own choice on each (none without a seat): one grouped
    statement."""
    counts: dict[int, dict[Choice, int]] = defaultdict(dict)
    mine: dict[int, Choice] = {}
    if item_ids:
        own = (func.max(case((Vote.seat_id == seat.id, 1), else_=0)) if seat is not None else literal(0))
        for item_id, choice, n, is_mine in db.session.execute(
                select(Vote.agenda_item_id, Vote.choice, func.count(), own)
                .where(Vote.agenda_item_id.in_(item_ids)).group_by(Vote.agenda_item_id, Vote.choice)):
            counts[item_id][choice] = n
            if is_mine:
                mine[item_id] = choice
    return ({item_id: Tally(counts[item_id].get(Choice.FOR, 0), counts[item_id].get(Choice.AGAINST, 0),
                            counts[item_id].get(Choice.ABSTAIN, 0)) for item_id in item_ids}, mine)


def cast_vote(item: AgendaItem, meeting: Meeting, seat: Seat, choice: Choice, today: date) -> Vote:
    if not item.is_open or _deadline_passed(meeting, today):
        raise ApprovalError(_("Голосование по этому вопросу закрыто: голос больше нельзя подать или изменить."))
    vote = db.session.scalar(select(Vote).where(Vote.agenda_item_id == item.id, Vote.seat_id == seat.id))
    if vote is None:
        vote = Vote(network_id=g.network.id, agenda_item_id=item.id, seat_id=seat.id, choice=choice)
        try:
            with db.session.begin_nested():  # a double click may have inserted the same seat's vote meanwhile
                db.session.add(vote)
        except IntegrityError:
            vote = db.session.scalar(select(Vote).where(Vote.agenda_item_id == item.id, Vote.seat_id == seat.id))
    if vote.choice != choice:
        vote.choice = choice
        vote.cast_at = utcnow()
    return vote


def _deadline_passed(meeting: Meeting, today: date) -> bool:
    return meeting.deadline_on is not None and today > meeting.deadline_on


def close_item(item: AgendaItem, meeting: Meeting, *, if_not_carried: Outcome, remarks: str,
               today: date) -> Decision:
    """Count the votes under the council's rules and record the decision; the subject follows it."""
    if not item.is_open:
        raise ApprovalError(_("Голосование по этому вопросу уже закрыто."))
    rules = rules_of_network()
    tally = tallies([item.id])[item.id]
    seats = seat_count()
    result = count(rules.quorum, rules.majority, tally, seats)
    if not result.quorum:
        outcome = Outcome.NO_QUORUM
    elif result.carried:
        outcome = Outcome.APPROVED
    else:
        outcome = if_not_carried
    decided_on = today if meeting.is_e_vote else meeting.held_on
    decision = Decision(network_id=g.network.id, agenda_item_id=item.id, outcome=outcome,
                        votes_for=tally.votes_for, votes_against=tally.votes_against,
                        votes_abstain=tally.votes_abstain, seats=seats, quorum=rules.quorum,
                        majority=rules.majority, remarks=remarks or "", decided_on=decided_on)
    db.session.add(decision)
    item.closed_at = utcnow()
    if item.approval_id is not None:
        approval = db.session.scalar(select(Approval).where(Approval.id == item.approval_id))
        if approval is not None:
            apply_outcome(approval, outcome)
    has_subject = item.approval_id is not None
    queue_decision(decision, item, meeting, g.network, lambda: decision_text(decision, has_subject))
    if meeting.is_e_vote:
        meeting.held_on = today
    _close_meeting_when_done(meeting, closing=item)
    return decision


def _close_meeting_when_done(meeting: Meeting, closing: AgendaItem) -> None:
    still_open = db.session.scalar(select(func.count()).select_from(AgendaItem).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.closed_at.is_(None), AgendaItem.id != closing.id))
    if not still_open:
        meeting.closed_at = utcnow()


def close_expired(meeting: Meeting, items: list[AgendaItem], today: date) -> int:
    """An e-vote whose deadline has passed closes itself when its page is opened."""
    if not _deadline_passed(meeting, today):
        return 0
    closed = 0
    for item in items:
        if item.is_open:
            close_item(item, meeting, if_not_carried=Outcome.RETURNED, remarks="", today=meeting.deadline_on)
            closed += 1
    return closed


def resolution_text(decision: Decision | None, has_subject: bool, wording: str = "") -> str:
    """What the minutes print after «РЕШИЛИ:» — the vote's result and the wording the secretary wrote, never
    a decision that was not taken: an open vote says so, a proposal that did not carry is «не принято», and a
    carried question without a written wording says that the wording was not recorded."""
    wording = (wording or "").strip()
    if decision is None:
        if wording:
            return _("%(wording)s (проект решения; голосование не завершено)", wording=wording)
        return _("голосование не завершено, решение не принято.")
    if decision.outcome == Outcome.NO_QUORUM or (decision.outcome != Outcome.APPROVED and not has_subject):
        result = decision_text(decision, has_subject)
        return _("%(result)s Проект решения: %(wording)s", result=result, wording=wording) if wording else result
    if has_subject:
        result = decision_text(decision, has_subject)
        return f"{result} {wording}" if wording else result
    if wording:
        return wording
    return _("Решение принято голосованием (формулировка решения в протокол не внесена).")


def decision_text(decision: Decision, has_subject: bool) -> str:
    if decision.outcome == Outcome.NO_QUORUM:
        return _("Решение не принято: нет кворума.")
    if not has_subject:
        return _("Решение принято.") if decision.outcome == Outcome.APPROVED else _("Решение не принято.")
    return {Outcome.APPROVED: _("Утвердить."), Outcome.RETURNED: _("Вернуть на доработку."),
            Outcome.REJECTED: _("Отклонить.")}[decision.outcome]
