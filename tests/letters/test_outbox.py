"""The outbox and its worker against a real SMTP server on loopback (tests/fixtures/mail.py): what arrives,
a server going away mid-batch, refused recipients, two workers, the same-transaction rule, the command."""
from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from workspace import create_app
from workspace.config import TestConfig
from workspace.core.models import utcnow
from workspace.extensions import db
from workspace.letters.kinds import KINDS, WEEKLY, register_letter_kind
from workspace.letters.models import BOUNCED, FAILED, PENDING, SENT, Letter
from workspace.letters.outbox import queue_letter
from workspace.letters.worker import claim, send_due

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


@pytest.fixture
def notice_kind():
    """A kind of letter an area would declare (removed again: the registry is process-wide)."""
    kind = register_letter_kind("tests.notice", "Уведомления о встречах", default=WEEKLY)
    yield kind
    KINDS.pop(kind.key)


def _queue(app, count: int = 1, **fields):
    with app.app_context():
        for n in range(count):
            queue_letter(fields.get("kind", "accounts.invitation"), address=fields.get("address", f"r{n}@school.test"),
                         subject=f"Письмо № {n}", text=f"Текст письма № {n}")
        db.session.commit()


def _statuses(app) -> Counter:
    with app.app_context():
        return Counter(db.session.scalars(select(Letter.status)))


def _send(app, now=None) -> dict:
    with app.app_context():
        counts = send_due(now)
        db.session.remove()
        return counts


def test_a_letter_arrives_with_its_parts_headers_and_attachment(app, make, smtp, notice_kind):
    user = make.user(None, None, email="parent@school.test", full_name="Анна Петрова")
    with app.app_context():
        queue_letter(notice_kind.key, user=user, subject="Встреча «Совет „Школы № 3“»",
                     text="Здравствуйте!\nВстреча в четверг.", html="<p>Здравствуйте!</p><p>Встреча в четверг.</p>",
                     attachments=[("meeting.ics", "text/calendar", ICS)])
        db.session.commit()
        # the weekly choice holds it for the digest; at once for this test
        letter = db.session.scalar(select(Letter))
        letter.status = PENDING
        db.session.commit()
    assert _send(app) == {SENT: 1}
    [message] = smtp.received[-1:]
    assert message["To"] == "parent@school.test"
    assert str(message["Subject"]) == "Встреча «Совет „Школы № 3“»"
    assert "Встреча в четверг." in message.get_body(("plain",)).get_content()
    assert "<p>Встреча в четверг.</p>" in message.get_body(("html",)).get_content()
    assert message["List-Unsubscribe"].startswith("<http://workspace.test/letters/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "meeting.ics" and attachment.get_content_type() == "text/calendar"
    assert "BEGIN:VCALENDAR" in str(attachment.get_content())
    with app.app_context():
        sent = db.session.scalar(select(Letter))
        assert (sent.status, sent.attempts, sent.sent_at is not None) == (SENT, 1, True)


def test_essential_letters_carry_no_unsubscribe_link(app, smtp):
    _queue(app)
    _send(app)
    assert smtp.received[-1]["List-Unsubscribe"] is None


def test_a_rolled_back_request_sends_nothing(app, client, smtp):
    def queue_then_fail():
        queue_letter("accounts.invitation", address="ghost@school.test", subject="Не должно уйти", text="—")
        return "broken", 500

    def queue_and_succeed():
        queue_letter("accounts.invitation", address="real@school.test", subject="Уходит", text="—")
        return "ok"

    app.add_url_rule("/test-letters/fail", view_func=queue_then_fail)
    app.add_url_rule("/test-letters/ok", view_func=queue_and_succeed)
    before = len(smtp.received)
    assert client.get("/test-letters/fail").status_code == 500
    assert client.get("/test-letters/ok").status_code == 200
    _send(app)
    assert [m["To"] for m in smtp.received[before:]] == ["real@school.test"]
    assert _statuses(app) == {SENT: 1}


def test_the_same_dedupe_key_is_queued_once(app):
    with app.app_context():
        first = queue_letter("accounts.invitation", address="a@school.test", subject="1", text="1",
                             dedupe_key="reminder:item-7:2026-12-05")
        second = queue_letter("accounts.invitation", address="a@school.test", subject="1", text="1",
                              dedupe_key="reminder:item-7:2026-12-05")
        db.session.commit()
        third = queue_letter("accounts.invitation", address="a@school.test", subject="1", text="1",
                             dedupe_key="reminder:item-7:2026-12-05")
        assert first is not None and second is None and third is None
    assert _statuses(app) == {PENDING: 1}


def test_an_outage_mid_batch_loses_and_duplicates_nothing(app, smtp, record_property):
    """20 letters; the server answers 421 after the 7th, then goes away entirely, then comes back."""
    _queue(app, 20)
    before = len(smtp.received)
    now = utcnow()
    smtp.refuse_after(7)
    assert _send(app, now) == {SENT: 7, PENDING: 13}
    smtp.stop()
    assert _send(app, now + timedelta(minutes=1)) == {PENDING: 13}  # connection refused: back-off again
    assert _send(app, now + timedelta(minutes=2)) == {}  # nothing due before the back-off ends
    smtp.refuse_after(None)
    smtp.start()
    assert _send(app, now + timedelta(minutes=5)) == {SENT: 13}
    subjects = Counter(str(m["Subject"]) for m in smtp.received[before:])
    lost = 20 - len(subjects)
    duplicated = sum(n - 1 for n in subjects.values())
    record_property("outbox outage", f"20 letters, SMTP 421 after 7 then down: {lost} lost, {duplicated} duplicated")
    assert (lost, duplicated) == (0, 0)
    with app.app_context():
        attempts = Counter(db.session.scalars(select(Letter.attempts)))
    assert attempts == {1: 7, 3: 13}
    assert _statuses(app) == {SENT: 20}


def test_a_refused_recipient_bounces_and_is_never_retried(app, smtp):
    smtp.bounce.add("nobody@school.test")
    _queue(app, address="nobody@school.test")
    assert _send(app) == {BOUNCED: 1}
    assert _send(app, utcnow() + timedelta(days=2)) == {}
    with app.app_context():
        letter = db.session.scalar(select(Letter))
        assert (letter.status, letter.attempts) == (BOUNCED, 1) and "550" in letter.last_error


def test_temporary_failures_give_up_after_the_last_attempt(app, smtp):
    app.config["MAIL_MAX_ATTEMPTS"] = 3
    smtp.stop()
    _queue(app)
    now = utcnow()
    for minutes in (0, 1, 3):
        _send(app, now + timedelta(minutes=minutes))
    with app.app_context():
        letter = db.session.scalar(select(Letter))
        assert (letter.status, letter.attempts) == (FAILED, 3) and "Connection" in letter.last_error


def test_two_workers_claim_a_letter_once(app):
    _queue(app)
    now = utcnow()
    with app.app_context():
        letter_id = db.session.scalar(select(Letter.id))
        assert claim(letter_id, now) is True
        db.session.commit()
    with app.app_context():
        assert claim(letter_id, now) is False  # the second worker's UPDATE finds it already taken
        db.session.commit()


@pytest.mark.postgres
def test_two_worker_threads_on_postgresql_send_each_letter_once(database_url, smtp_server):
    """Two workers at once, each with its own connection (FOR UPDATE SKIP LOCKED plus the guarded claim):
    committed rows, outside the test's rolled-back transaction, removed at the end."""
    worker_app = create_app(TestConfig(database_url))
    smtp_server.configure(worker_app)
    before = len(smtp_server.received)
    with worker_app.app_context():
        for n in range(40):
            queue_letter("accounts.invitation", address=f"w{n}@threads.test", subject=f"Поток {n}", text="—")
        db.session.commit()
    results: list[dict] = []

    def work():
        with worker_app.app_context():
            results.append(send_due(batch=5))
            db.session.remove()

    try:
        threads = [threading.Thread(target=work) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        subjects = Counter(str(m["Subject"]) for m in smtp_server.received[before:])
        assert len(subjects) == 40 and set(subjects.values()) == {1}
        assert sum(r.get(SENT, 0) for r in results) == 40
    finally:
        with worker_app.app_context():
            db.session.execute(delete(Letter).where(Letter.address.like("%@threads.test")))
            db.session.commit()
            db.engine.dispose()


def test_the_worker_command_drains_and_exits(app, smtp):
    _queue(app, 3)
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "sent: 3" in result.output
    assert _statuses(app) == {SENT: 3}
