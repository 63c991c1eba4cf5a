"""Each user's choice per kind of letter, digests, the one-click unsubscribe link, the operator's outbox page."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from tests.conftest import post_form
from workspace.accounts.models import User
from workspace.extensions import db
from workspace.letters.kinds import DAILY, KINDS, NEVER, register_letter_kind
from workspace.letters.models import DIGESTED, FAILED, HELD, PENDING, Letter, LetterPreference
from workspace.letters.outbox import queue_letter, unsubscribe_token
from workspace.letters.worker import compose_digests, run_once


@pytest.fixture
def kinds():
    added = [register_letter_kind("tests.reminder", "Напоминания о мероприятиях", default=DAILY),
             register_letter_kind("tests.comment", "Комментарии к задачам")]
    yield added
    for kind in added:
        KINDS.pop(kind.key)


def _page(client, url):
    response = client.get(url)
    return response.status_code, response.get_data(as_text=True)


def test_the_settings_page_lists_kinds_and_saves_a_choice(app, client, make, login_as, kinds, read):
    user = make.user(make.institution(), "teacher")
    login_as(user)
    status, html = _page(client, "/settings/letters")
    assert status == 200
    assert "Напоминания о мероприятиях" in html and "Комментарии к задачам" in html
    assert "в еженедельной сводке" in html and "Приглашение" not in html.split("<form")[1]
    response = post_form(client, "/settings/letters", {"tests.reminder": "weekly", "tests.comment": "never"})
    assert response.status_code == 302
    with read():
        chosen = dict(db.session.execute(select(LetterPreference.kind, LetterPreference.choice)
                                         .where(LetterPreference.user_id == user.id)).all())
    assert chosen == {"tests.reminder": "weekly", "tests.comment": NEVER}
    with app.app_context():
        assert queue_letter("tests.comment", user=user, subject="—", text="—") is None
        assert queue_letter("tests.reminder", user=user, subject="—", text="—").delivery == "weekly"


def test_the_password_page_links_to_the_settings(client, make, login_as):
    login_as(make.user(make.institution(), "teacher"))
    assert "/settings/letters" in _page(client, "/account/password")[1]


def _next_digest_time(app, now: datetime) -> datetime:
    """MAIL_DIGEST_HOUR in the deployment's time zone, the first one after ``now`` (in UTC)."""
    local = now.astimezone(ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"]))
    digest = local.replace(hour=app.config["MAIL_DIGEST_HOUR"], minute=0, second=0, microsecond=0)
    return (digest if digest > local else digest + timedelta(days=1)).astimezone(UTC)


def test_a_daily_digest_gathers_held_letters_into_one_and_sends_nothing_when_empty(app, make, outbox, kinds):
    user = make.user(None, None, email="reader@school.test")
    quiet = make.user(None, None, email="quiet@school.test")
    with app.app_context():
        for n in range(3):
            letter = queue_letter("tests.reminder", user=user, subject=f"Мероприятие {n}",
                                  text=f"Подробности {n} <b>\nОткрыть: http://workspace.test/n/net/plans/{n}")
            assert letter.status == HELD
        db.session.commit()
    assert outbox == []  # held for the digest
    # the first 07:00 Moscow after the letters were queued (the same day before 07:00, else the next day):
    # a minute before, not yet; at 07:00, the digest; five minutes later, nothing left to say
    digest_at = _next_digest_time(app, datetime.now(UTC))
    with app.app_context():
        assert compose_digests(digest_at - timedelta(minutes=1)) == 0
        assert compose_digests(digest_at) == 1
        assert compose_digests(digest_at + timedelta(minutes=5)) == 0
        db.session.remove()
    [digest] = outbox
    assert digest["to"] == "reader@school.test" and digest["subject"] == "Сводка за день"
    assert all(f"Мероприятие {n}" in digest["body"] and f"Подробности {n}" in digest["body"] for n in range(3))
    assert "http://workspace.test/settings/letters" in digest["body"]
    html = digest["html"]  # the same, with an html part: user text escaped, links to this site clickable
    assert all("<h2" in html and f"Мероприятие {n}</h2>" in html and f"Подробности {n} &lt;b&gt;" in html
               for n in range(3))
    assert "<b>" not in html
    assert '<a href="http://workspace.test/n/net/plans/2">http://workspace.test/n/net/plans/2</a>' in html
    assert '<a href="http://workspace.test/settings/letters">' in html
    assert quiet.email not in {letter["to"] for letter in outbox}
    with app.app_context():
        assert set(db.session.scalars(select(Letter.status).where(Letter.kind == "tests.reminder"))) == {DIGESTED}


def test_the_unsubscribe_link_asks_then_switches_the_kind_off(app, client, make, outbox, kinds, read):
    user = make.user(None, None, email="parent@school.test")
    with app.app_context():
        queue_letter("tests.comment", user=user, subject="Новый комментарий", text="—")
        db.session.commit()
    [letter] = outbox
    url = letter["message"]["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://workspace.test")
    status, html = _page(client, path)
    assert status == 200 and "Больше не присылать письма «Комментарии к задачам»?" in html
    # RFC 8058: the mail client posts List-Unsubscribe=One-Click, without a session or a CSRF token
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "больше не будут приходить" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(LetterPreference.choice).where(LetterPreference.user_id == user.id)) == NEVER
    with app.app_context():
        assert queue_letter("tests.comment", user=user, subject="Ещё один", text="—") is None


def test_a_forged_or_essential_unsubscribe_link_is_refused(app, client, make):
    user = make.user(None, None)
    with app.app_context():
        essential = unsubscribe_token(user.id, "accounts.password_reset")
    assert client.get(f"/letters/unsubscribe/{essential}").status_code == 404
    assert client.post(f"/letters/unsubscribe/{essential}x").status_code == 404


def test_the_operator_sees_the_outbox_without_bodies_and_retries_a_failed_letter(app, client, make, login_as, kinds):
    operator = make.user(None, None, operator=True)
    user = make.user(None, None, email="mother@school.test")
    with app.app_context():
        queue_letter("tests.comment", user=user, subject="Оценка ученика", text="Ваш сын Петя Иванов получил 5")
        failed = queue_letter("accounts.invitation", address="gone@school.test", subject="Приглашение", text="—")
        db.session.flush()
        failed.status, failed.last_error, failed.attempts = FAILED, "ConnectionRefusedError: 111", 8
        db.session.commit()
        failed_id = failed.id
    login_as(operator)
    status, html = _page(client, "/operator/outbox")
    assert status == 200
    assert "mother@school.test" in html and "Оценка ученика" in html and "ConnectionRefusedError" in html
    assert "Петя Иванов" not in html
    assert "Повторить" in html
    status, html = _page(client, "/operator/outbox?status=failed")
    assert "gone@school.test" in html and "mother@school.test" not in html
    response = post_form(client, f"/operator/outbox/{failed_id}/retry", {}, page_url="/operator/outbox")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Letter.status).where(Letter.id == failed_id)) == PENDING
        run_once()


def test_the_outbox_page_is_the_operators_only(client, make, login_as):
    login_as(make.user(make.institution(), "admin"))
    assert client.get("/operator/outbox").status_code == 404


def test_a_letter_speaks_its_recipients_language(app, client, make, outbox):
    english = make.user(make.institution(), "teacher", email="en@school.test")
    russian = make.user(make.institution(), "teacher", email="ru@school.test")
    with app.app_context():
        db.session.execute(User.__table__.update().where(User.id == english.id).values(language="en"))
        db.session.commit()
    for user in (english, russian):
        assert post_form(client, "/password/forgot", {"email": user.email}).status_code == 302
    subjects = {letter["to"]: letter["subject"] for letter in outbox}
    assert subjects == {"en@school.test": "Password recovery", "ru@school.test": "Восстановление пароля"}
