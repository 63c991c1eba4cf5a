"""The passport as an approvable object of the council (the kind "passport"), and the one lock every passport
write view calls — the same flow and the same semantics as the plan's (workspace/plans/approval.py).

A passport on approval, approved or rejected is locked: its text, stages and grounds refuse changes with 403 and a
message saying why. «Внести изменения» (council/approval_views.py) takes it back to draft: a new round, the
approved one stays in the history of approvals; it is then approved again. Who submits and amends: those who
edit the network plan as a whole — the base institution's admins and coordinators."""
from __future__ import annotations

from flask import g, url_for
from sqlalchemy import select

from tenants.permissions import is_base_manager
from workspace.core.access import refuse_locked
from workspace.core.i18n import gettext as _
from workspace.core.words import quoted
from workspace.council.approval import approvables
from workspace.council.models import ApprovalStatus
from workspace.extensions import db
from workspace.passport.models import PassportStatus, ProgrammePassport

EDITABLE = (PassportStatus.DRAFT, PassportStatus.RETURNED)


def _load(passport_id: int) -> ProgrammePassport | None:
    return db.session.scalar(select(ProgrammePassport).where(ProgrammePassport.id == passport_id))


def passport_title(passport: ProgrammePassport) -> str:
    """«Паспорт программы «…»», its own quotes nested: what the council's agenda and lists call it."""
    return _("Паспорт программы %(name)s", name=quoted(passport.name))[:400]


def _set_status(passport: ProgrammePassport, status: ApprovalStatus) -> None:
    passport.status = PassportStatus(status.value)


approvables.register(
    "passport",
    load=_load,
    label=passport_title,
    url=lambda passport: url_for("passport.show_passport"),
    status_of=lambda passport: ApprovalStatus(passport.status.value),
    on_decision=_set_status,
    can_submit=lambda passport: is_base_manager(g.network),
)


def is_editable(passport: ProgrammePassport) -> bool:
    return passport.status in EDITABLE


def locked_message(passport: ProgrammePassport) -> str | None:
    if passport.status == PassportStatus.SUBMITTED:
        return _("Паспорт программы на согласовании в координационном совете: изменять его нельзя, пока совет "
                 "не примет решение.")
    if passport.status == PassportStatus.APPROVED:
        return _("Паспорт программы утверждён координационным советом и закрыт для изменений. Чтобы изменить его, "
                 "нажмите «Внести изменения» на странице паспорта: он вернётся в черновик, а после правок снова "
                 "пойдёт на утверждение.")
    if passport.status == PassportStatus.REJECTED:
        return _("Паспорт программы отклонён советом и закрыт для изменений. Чтобы переработать его, нажмите "
                 "«Внести изменения» на странице паспорта.")
    return None


def require_editable(passport: ProgrammePassport) -> None:
    """403 with the reason when the passport is locked."""
    message = locked_message(passport)
    if message is None:
        return
    refuse_locked(_("Паспорт программы закрыт для изменений"), message)
