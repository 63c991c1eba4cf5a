"""The operator's view of the outbox: every letter's recipient, kind, subject, status and last error, never its
body (a letter may name pupils for their parents); failed letters can be tried again."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from sqlalchemy import func, select

from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.models import utcnow
from workspace.core.pagination import paginate
from workspace.core.rendering import render
from workspace.extensions import db
from workspace.letters.kinds import KINDS
from workspace.letters.models import FAILED, PENDING, STATUSES, Letter
from workspace.operator import bp

STATUS_LABELS = {"pending": _l("ожидает"), "sent": _l("отправлено"), "failed": _l("не отправлено"),
                 "bounced": _l("отклонено"), "held": _l("ждёт сводки"), "digested": _l("в сводке")}


@bp.get("/outbox")
def outbox():
    status = request.args.get("status") or ""
    kind = request.args.get("kind") or ""
    statement = select(Letter.id, Letter.address, Letter.kind, Letter.subject, Letter.status, Letter.attempts,
                       Letter.last_error, Letter.created_at, Letter.sent_at)
    if status in STATUSES:
        statement = statement.where(Letter.status == status)
    if kind in KINDS:
        statement = statement.where(Letter.kind == kind)
    page = paginate(statement.order_by(Letter.id.desc()), scalars=False)
    counts = dict(db.session.execute(select(Letter.status, func.count()).group_by(Letter.status)).all())
    return render("operator/outbox.html", page=page, counts=counts, chosen_status=status, kind=kind, kinds=KINDS,
                  statuses=STATUSES, status_labels=STATUS_LABELS)


@bp.post("/outbox/<int:letter_id>/retry")
def retry_letter(letter_id: int):
    letter = db.session.scalar(select(Letter).where(Letter.id == letter_id, Letter.status == FAILED))
    if letter is not None:
        letter.status, letter.attempts, letter.next_attempt_at = PENDING, 0, utcnow()
        flash(_("Письмо снова в очереди."), "success")
    return redirect(url_for("operator.outbox", **{k: v for k, v in request.args.items() if k in ("status", "kind")}))
