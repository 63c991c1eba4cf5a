"""Queueing letters: ``queue_letter`` only adds a row to the session, so the letter is committed with the change
that causes it and a rolled-back request sends nothing. The worker (worker.py) sends it.

    with letter_language(user):
        subject = _("Напоминание")
        queue_letter("plans.reminder", user=user, subject=subject, text=text, html=html,
                     dedupe_key=f"reminder:{item.id}:{day}", attachments=[("event.ics", "text/calendar", ics)])
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from flask import current_app
from flask_babel import force_locale
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from workspace.core.links import public_url
from workspace.core.words import nest_quotes
from workspace.extensions import db
from workspace.letters.kinds import NEVER, NOW, kind_of
from workspace.letters.models import HELD, PENDING, Letter, LetterAttachment, LetterPreference


def language_of(user) -> str:
    language = getattr(user, "language", None)
    return language if language in ("ru", "en") else "ru"


@contextmanager
def letter_language(user) -> Iterator[None]:
    """Texts built inside speak the recipient's language (``User.language``; None is Russian)."""
    with force_locale(language_of(user)):
        yield


def choice_for(user_id: int | None, key: str) -> str:
    kind = kind_of(key)
    if kind.essential or user_id is None:
        return NOW
    chosen = db.session.scalar(select(LetterPreference.choice).where(
        LetterPreference.user_id == user_id, LetterPreference.kind == key))
    return chosen or kind.default


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="letters.unsubscribe")


def unsubscribe_token(user_id: int, key: str) -> str:
    return _serializer().dumps([user_id, key])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        user_id, key = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    return int(user_id), str(key)


def unsubscribe_url(user_id: int, key: str) -> str:
    return public_url("letters.unsubscribe", token=unsubscribe_token(user_id, key))


def _dedupe_taken(dedupe_key: str) -> bool:
    pending = any(isinstance(row, Letter) and row.dedupe_key == dedupe_key for row in db.session.new)
    return pending or db.session.scalar(select(Letter.id).where(Letter.dedupe_key == dedupe_key)) is not None


def queue_letter(kind: str, *, subject: str, text: str, user=None, address: str | None = None,
                 html: str | None = None, headers: dict[str, str] | None = None,
                 attachments: Iterable[tuple[str, str, bytes]] = (), dedupe_key: str | None = None) -> Letter | None:
    """Add a letter to the session (sent after the commit by the worker). Returns None when the recipient chose
    not to receive this kind or a letter with the same ``dedupe_key`` was already queued. A user recipient's
    choice decides whether it goes at once or waits for the digest; non-essential letters carry List-Unsubscribe.
    """
    user_id = getattr(user, "id", None)
    choice = choice_for(user_id, kind)
    if choice == NEVER or (dedupe_key and _dedupe_taken(dedupe_key)):
        return None
    headers = dict(headers or {})
    if user_id is not None and not kind_of(kind).essential:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(user_id, kind)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # quotes inside quotes as a letter writes them: «… „…“», line by line (one stray quote stays in its line)
    letter = Letter(
        user_id=user_id, address=address or user.email, kind=kind, subject=nest_quotes(subject),
        text_body="\n".join(nest_quotes(line) for line in text.split("\n")), html_body=html,
        headers=json.dumps(headers, ensure_ascii=False), status=PENDING if choice == NOW else HELD,
        delivery=choice, dedupe_key=dedupe_key,
        attachments=[LetterAttachment(filename=name, mime_type=mime, content=content)
                     for name, mime, content in attachments])
    db.session.add(letter)
    return letter
