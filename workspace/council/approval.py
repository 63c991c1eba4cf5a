"""Approval by the council, one flow for every approvable object (today plans and plan sections; later
projects, agreements).

An area registers its kind once::

    approvables.register("plan", load=..., label=..., url=..., status_of=..., on_decision=..., can_submit=...)

and the council refers to its objects only as (subject_type, subject_id). The lifecycle:

    draft ──submit──▶ submitted ──decision──▶ approved │ returned (remarks) │ rejected
      ▲                  ▲  (no quorum: stays submitted)        │
      └────────amend (a new round; the old decision stays in the history)──┘

Every submission is an ``Approval`` row (a round); rounds are never deleted, so the history of
decisions stays visible after an amendment.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import abort, g
from flask_login import current_user
from sqlalchemy import and_, func, or_, select

from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.council.models import AgendaItem, Approval, ApprovalStatus, Decision, Meeting, Outcome
from workspace.extensions import db


class ApprovalError(Exception):
    """A transition the object's state does not allow; the message is shown to the user."""


@dataclass(frozen=True)
class Approvable:
    kind: str
    load: Callable[[int], Any]                       # scoped load; None when not found
    label: Callable[[Any], str]                      # «Сетевой план мероприятий на 2026/2027 учебный год»
    url: Callable[[Any], str]                        # the object's page
    status_of: Callable[[Any], ApprovalStatus]       # its own status, in the shared values
    on_decision: Callable[[Any, ApprovalStatus], None]  # set its own status
    can_submit: Callable[[Any], bool]                # may the current user submit or amend it


class Registry:
    def __init__(self) -> None:
        self._kinds: dict[str, Approvable] = {}

    def register(self, kind: str, **callbacks) -> Approvable:
        approvable = Approvable(kind=kind, **callbacks)
        self._kinds[kind] = approvable
        return approvable

    def get(self, kind: str) -> Approvable | None:
        return self._kinds.get(kind)

    def __contains__(self, kind: str) -> bool:
        return kind in self._kinds

    def kinds(self) -> list[str]:
        return list(self._kinds)


approvables = Registry()


def get_subject_or_404(kind: str, subject_id: int) -> tuple[Approvable, Any]:
    approvable = approvables.get(kind)
    if approvable is None:
        abort(404)
    subject = approvable.load(subject_id)
    if subject is None:
        abort(404)
    return approvable, subject


SUBMITTABLE = (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)
AMENDABLE = (ApprovalStatus.APPROVED, ApprovalStatus.REJECTED)


def submit(approvable: Approvable, subject, comment: str = "") -> Approval:
    status = approvable.status_of(subject)
    if status not in SUBMITTABLE:
        raise ApprovalError(_("Отправить на согласование можно только черновик или возвращённый на доработку "
                              "документ; сейчас: «%(status)s».", status=_status_label(status)))
    previous = db.session.execute(
        select(func.max(Approval.round), func.count().filter(Approval.status == ApprovalStatus.APPROVED))
        .where(Approval.subject_type == approvable.kind, Approval.subject_id == subject.id)).one()
    approval = Approval(network_id=g.network.id, subject_type=approvable.kind, subject_id=subject.id,
                        round=(previous[0] or 0) + 1, is_amendment=bool(previous[1]), title=approvable.label(subject),
                        status=ApprovalStatus.SUBMITTED, comment=comment or "",
                        submitted_by_id=current_user.id, submitted_by_name=current_user.full_name)
    db.session.add(approval)
    approvable.on_decision(subject, ApprovalStatus.SUBMITTED)
    return approval


def amend(approvable: Approvable, subject) -> None:
    """«Внести изменения»: the object goes back to draft; its approved rounds stay in the history."""
    status = approvable.status_of(subject)
    if status not in AMENDABLE:
        raise ApprovalError(_("Изменения вносят в утверждённый или отклонённый документ; сейчас: «%(status)s».",
                              status=_status_label(status)))
    approvable.on_decision(subject, ApprovalStatus.DRAFT)


def apply_outcome(approval: Approval, outcome: Outcome) -> None:
    """A decision reaches the approval round and, through the registry, the object itself."""
    if outcome == Outcome.NO_QUORUM:
        return  # no decision: the request waits for another meeting or vote
    status = {Outcome.APPROVED: ApprovalStatus.APPROVED, Outcome.RETURNED: ApprovalStatus.RETURNED,
              Outcome.REJECTED: ApprovalStatus.REJECTED}[outcome]
    approval.status = status
    approvable = approvables.get(approval.subject_type)
    subject = approvable.load(approval.subject_id) if approvable else None
    if subject is not None:
        approvable.on_decision(subject, status)


def _status_label(status: ApprovalStatus) -> str:
    return label(status)


def waiting_approvals() -> list[Approval]:
    """Submitted requests that are on no open agenda item: the chair's queue (one statement)."""
    on_open_agenda = select(AgendaItem.approval_id).where(AgendaItem.approval_id.is_not(None),
                                                           AgendaItem.closed_at.is_(None))
    return list(db.session.scalars(
        select(Approval).where(Approval.status == ApprovalStatus.SUBMITTED, Approval.id.not_in(on_open_agenda))
        .order_by(Approval.created_at, Approval.id)))


def get_waiting_approval_or_404(approval_id: int) -> Approval:
    approval = next((a for a in waiting_approvals() if a.id == approval_id), None)
    if approval is None:
        abort(404)
    return approval


@dataclass
class Round:
    approval: Approval
    hearings: list[tuple[AgendaItem, Meeting, Decision | None]] = field(default_factory=list)

    @property
    def decision(self) -> tuple[Decision, Meeting] | None:
        """The decision that settled this round (not a «no quorum»)."""
        for _item, meeting, decision in reversed(self.hearings):
            if decision is not None and decision.outcome != Outcome.NO_QUORUM:
                return decision, meeting
        return None


def approval_history(kind: str, subject_id: int) -> list[Round]:
    """Every round of one object with its hearings and decisions, newest first: one statement."""
    return approval_histories({kind: [subject_id]}).get((kind, subject_id), [])


def approval_histories(subjects: dict[str, list[int]]) -> dict[tuple[str, int], list[Round]]:
    """The histories of several objects, of one kind or several (a plan and its sections), keyed by
    (kind, id), each newest first: one statement."""
    wanted = [and_(Approval.subject_type == kind, Approval.subject_id.in_(ids)) for kind, ids in subjects.items() if ids]
    if not wanted:
        return {}
    rows = db.session.execute(
        select(Approval, AgendaItem, Meeting, Decision)
        .outerjoin(AgendaItem, AgendaItem.approval_id == Approval.id)
        .outerjoin(Meeting, Meeting.id == AgendaItem.meeting_id)
        .outerjoin(Decision, Decision.agenda_item_id == AgendaItem.id)
        .where(or_(*wanted))
        .order_by(Approval.subject_type, Approval.subject_id, Approval.round.desc(), AgendaItem.id))
    rounds: dict[int, Round] = {}
    for approval, item, meeting, decision in rows:
        current = rounds.setdefault(approval.id, Round(approval))
        if item is not None:
            current.hearings.append((item, meeting, decision))
    histories: dict[tuple[str, int], list[Round]] = {}
    for round_ in rounds.values():
        histories.setdefault((round_.approval.subject_type, round_.approval.subject_id), []).append(round_)
    return histories


def approved_protocol(history: list[Round]) -> tuple[int, Any] | None:
    """(protocol number, date) of the newest approving decision, for the page and the export."""
    for round_ in history:
        settled = round_.decision
        if settled and settled[0].outcome == Outcome.APPROVED:
            decision, meeting = settled
            return meeting.number, decision.decided_on
    return None

