"""The signed-in user's choices per kind of letter, and the one-click unsubscribe link of every letter that is not
essential (GET shows a confirmation, POST switches the kind off; RFC 8058 mail clients POST directly)."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from workspace.core.i18n import gettext as _
from workspace.core.rendering import render
from workspace.extensions import csrf, db
from workspace.letters import bp
from workspace.letters.kinds import CHOICE_LABELS, CHOICES, KINDS, NEVER, switchable_kinds
from workspace.letters.models import LetterPreference
from workspace.letters.outbox import read_unsubscribe_token


def _choose(user_id: int, key: str, choice: str) -> None:
    preference = db.session.scalar(select(LetterPreference).where(
        LetterPreference.user_id == user_id, LetterPreference.kind == key))
    if preference is None:
        db.session.add(LetterPreference(user_id=user_id, kind=key, choice=choice))
    else:
        preference.choice = choice


@bp.route("/settings/letters", methods=["GET", "POST"])
@login_required
def preferences():
    kinds = switchable_kinds()
    chosen = dict(db.session.execute(select(LetterPreference.kind, LetterPreference.choice)
                                     .where(LetterPreference.user_id == current_user.id)).all())
    if request.method == "POST":
        for kind in kinds:
            choice = request.form.get(kind.key)
            if choice in CHOICES and choice != chosen.get(kind.key, kind.default):
                _choose(current_user.id, kind.key, choice)
        flash(_("Настройки писем сохранены."), "success")
        return redirect(url_for("letters.preferences"))
    rows = [(kind, chosen.get(kind.key, kind.default)) for kind in kinds]
    return render("letters/preferences.html", rows=rows, choices=CHOICES, choice_labels=CHOICE_LABELS)


@bp.route("/letters/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the proof (RFC 8058: the mail client posts without a session)
def unsubscribe(token: str):
    read = read_unsubscribe_token(token)
    if read is None or read[1] not in KINDS or KINDS[read[1]].essential:
        return render("letters/unsubscribe.html", kind=None, done=False, status=404)
    user_id, key = read
    if request.method == "POST":
        _choose(user_id, key, NEVER)
        return render("letters/unsubscribe.html", kind=KINDS[key], done=True)
    return render("letters/unsubscribe.html", kind=KINDS[key], done=False)
