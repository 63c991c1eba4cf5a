"""The worker: claims due letters, sends them, retries temporary failures with back-off, gathers digests.

Claiming: one UPDATE that moves a pending, due letter's next attempt a lease ahead and counts the attempt,
``WHERE id = :id AND status = 'pending' AND next_attempt_at <= :now``, committed before the letter is sent: of
two workers only one changes the row (on PostgreSQL the due rows are also read ``FOR UPDATE SKIP LOCKED``, so
workers take different rows instead of waiting). A worker that dies mid-send leaves the letter pending; after
the lease it is sent again (at least once, never twice while the workers live).

Failures: a temporary one (connection refused or dropped, a 4xx answer) is retried after 1, 2, 4 … minutes
(capped at MAIL_MAX_BACKOFF_MINUTES) until MAIL_MAX_ATTEMPTS, then the letter is failed (the operator may
retry it); a permanent one (a 5xx answer) bounces the letter at once.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from markupsafe import Markup
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from workspace.accounts.models import User
from workspace.core.database import analyse_sqlite
from workspace.core.i18n import gettext as _
from workspace.core.links import public_url
from workspace.core.mail import PermanentMailError, TemporaryMailError, build_message, deliver
from workspace.core.models import utcnow
from workspace.extensions import db
from workspace.letters.compose import STYLE, paragraphs
from workspace.letters.kinds import DAILY, DIGEST, WEEKLY
from workspace.letters.models import BOUNCED, DIGESTED, FAILED, HELD, PENDING, SENT, Letter
from workspace.letters.outbox import letter_language, queue_letter
from workspace.letters.schedule import run_reminder_jobs

LEASE = timedelta(minutes=10)


def backoff(attempts: int) -> timedelta:
    """After the n-th failed attempt: 1, 2, 4 … minutes, capped."""
    cap = current_app.config["MAIL_MAX_BACKOFF_MINUTES"]
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), cap))


def due_ids(now: datetime, limit: int) -> list[int]:
    statement = (select(Letter.id).where(Letter.status == PENDING, Letter.next_attempt_at <= now)
                 .order_by(Letter.next_attempt_at, Letter.id).limit(limit))
    if db.session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    return list(db.session.scalars(statement))


def claim(letter_id: int, now: datetime) -> bool:
    """True when this worker took the letter (and committed that); False when another one had."""
    result = db.session.execute(
        update(Letter).where(Letter.id == letter_id, Letter.status == PENDING, Letter.next_attempt_at <= now)
        .values(next_attempt_at=now + LEASE, attempts=Letter.attempts + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def send_letter(letter_id: int, now: datetime) -> str:
    """Send a claimed letter and record the outcome; returns the new status."""
    letter = db.session.scalar(select(Letter).where(Letter.id == letter_id)
                               .options(selectinload(Letter.attachments))
                               .execution_options(populate_existing=True))
    try:
        message = build_message(letter.address, letter.subject, letter.text_body, letter.html_body,
                                json.loads(letter.headers or "{}"),
                                [(a.filename, a.mime_type, a.content) for a in letter.attachments])
        if message["To"].defects:
            raise ValueError(f"malformed address {letter.address!r}")
    except (ValueError, IndexError, UnicodeError) as error:
        # a letter that cannot be built (an address no server accepts) is never retried: it would come back forever
        letter.status, letter.last_error = BOUNCED, f"Not sent: {error}"[:2000]
        db.session.commit()
        return letter.status
    try:
        deliver(message)
    except PermanentMailError as error:
        letter.status, letter.last_error = BOUNCED, str(error)[:2000]
    except TemporaryMailError as error:
        letter.last_error = str(error)[:2000]
        if letter.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
            letter.status = FAILED
        else:
            letter.next_attempt_at = now + backoff(letter.attempts)
    else:
        letter.status, letter.sent_at, letter.last_error = SENT, utcnow(), ""
    db.session.commit()
    return letter.status


def send_due(now: datetime | None = None, batch: int = 50) -> dict[str, int]:
    """Send every letter due at ``now``; returns how many ended in each status."""
    now = now or utcnow()
    counts: dict[str, int] = defaultdict(int)
    while True:
        ids = due_ids(now, batch)
        claimed = [letter_id for letter_id in ids if claim(letter_id, now)]
        db.session.commit()
        if not ids:
            return dict(counts)
        for letter_id in claimed:
            counts[send_letter(letter_id, now)] += 1
        if not claimed:
            return dict(counts)


def digest_boundary(now: datetime, delivery: str) -> datetime:
    """The latest digest time at or before ``now``: MAIL_DIGEST_HOUR local, daily, or on Mondays (weekly)."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    local = now.astimezone(zone)
    boundary = local.replace(hour=current_app.config["MAIL_DIGEST_HOUR"], minute=0, second=0, microsecond=0)
    if boundary > local:
        boundary -= timedelta(days=1)
    if delivery == WEEKLY:
        boundary -= timedelta(days=boundary.weekday())
    return boundary.astimezone(UTC)


def compose_digests(now: datetime | None = None) -> int:
    """Gather each user's held letters queued before the last digest time into one letter; returns how many
    digests were queued. A user with nothing held gets none."""
    now = now or utcnow()
    composed = 0
    for delivery in (DAILY, WEEKLY):
        boundary = digest_boundary(now, delivery)
        held = db.session.scalars(select(Letter).where(
            Letter.status == HELD, Letter.delivery == delivery, Letter.created_at < boundary,
            Letter.user_id.is_not(None)).order_by(Letter.user_id, Letter.created_at, Letter.id)).all()
        by_user: dict[int, list[Letter]] = defaultdict(list)
        for letter in held:
            by_user[letter.user_id].append(letter)
        users = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(by_user)))}
        for user_id, items in by_user.items():
            key = f"digest:{delivery}:{user_id}:{boundary:%Y-%m-%dT%H}"
            if _queue_digest(users[user_id], delivery, items, key) is not None:
                composed += 1
            for item in items:
                item.status = DIGESTED
    db.session.commit()
    return composed


def _queue_digest(user, delivery: str, items: list[Letter], key: str):
    with letter_language(user):
        subject = _("Сводка за день") if delivery == DAILY else _("Сводка за неделю")
        settings = public_url("letters.preferences")
        footer = _("Какие письма и как часто присылать, можно выбрать в настройках: %(link)s", link=settings)
    lines = []
    for item in items:
        lines += [f"• {item.subject}", "", item.text_body.strip(), "", "—", ""]
    text = "\n".join(lines + [footer])
    return queue_letter(DIGEST.key, user=user, subject=subject, text=text, html=_digest_html(items, footer),
                        dedupe_key=key)


def _digest_html(items: list[Letter], footer: str) -> str:
    """Each held letter under its subject, from its plain text (escaped, links to this site clickable)."""
    sections = Markup("").join(
        Markup('<h2 style="font-size: 17px; margin: 1.2em 0 0.4em">{0}</h2>{1}<hr>').format(
            item.subject, paragraphs(item.text_body.strip().split("\n")))
        for item in items)
    return str(Markup('<html><body style="{0}">{1}{2}</body></html>').format(STYLE, sections, paragraphs([footer])))


def run_once(now: datetime | None = None, *, force_reminders: bool = True) -> dict[str, int]:
    """One round: the reminders that depend on time (schedule.py), the digests that are due, the due letters."""
    run_reminder_jobs(now or utcnow(), force=force_reminders)
    compose_digests(now)
    return send_due(now)


def run_forever(interval: float) -> None:
    analysed_at = float("-inf")
    while True:
        if time.monotonic() - analysed_at >= current_app.config["SQLITE_ANALYZE_SECONDS"]:
            try:  # the long-running process also keeps SQLite's statistics whole (a no-op on PostgreSQL)
                analyse_sqlite(db.engine)
            except sqlite3.OperationalError:  # busy beyond the timeout: the next round tries again
                current_app.logger.warning("SQLite's statistics were not refreshed: the database was busy")
            else:
                analysed_at = time.monotonic()
        try:
            counts = run_once(force_reminders=False)
            if counts:
                current_app.logger.info("Letters: %s", counts)
        except Exception:  # noqa: BLE001  (a broken round is logged; the worker keeps going)
            db.session.rollback()
            current_app.logger.exception("The letters worker's round failed")
        db.session.remove()
        time.sleep(interval)
