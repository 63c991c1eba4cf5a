"""The accounts' letters through HTTP and the real SMTP server: the invitation and the password reset with an
html part, «… принял(а) приглашение» to whoever invited, malformed addresses refused in Russian (and, when one
reached the outbox anyway, bounced by the worker instead of retried forever)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import post_form
from tests.council.helpers import build_council
from tests.council.test_approval_flow import _as, _council_url
from tests.institutions.helpers import build_school, link_path, log_in, text
from workspace.accounts.models import AccountToken, User
from workspace.extensions import db
from workspace.letters.models import BOUNCED, Letter
from workspace.letters.outbox import queue_letter
from workspace.letters.worker import send_due

INVITE = {"full_name": "Кузнецова <Мария> Ивановна", "email": "kuznetsova@sosh31.test",
          "position": "Педагог", "role": "teacher"}
PASSWORD = {"password": "мой-пароль-учителя", "confirm": "мой-пароль-учителя"}


@pytest.fixture
def school(make):
    return build_school(make)


def _accept(app, letter):
    newcomer = app.test_client()
    path = link_path(letter)
    assert post_form(newcomer, path, PASSWORD).status_code == 302
    return newcomer


def test_the_invitation_has_an_html_part_and_its_acceptance_tells_the_admin(app, client, school, read, outbox):
    admin = school.users["admin"]
    log_in(client, admin.email)
    assert post_form(client, school.url("staff/invite"), INVITE).status_code == 302
    [invitation] = outbox
    assert invitation["subject"] == "Приглашение в сетевое пространство: Школа № 31"
    assert "Здравствуйте, Кузнецова <Мария> Ивановна!" in invitation["body"]
    html = invitation["html"]
    assert "Кузнецова &lt;Мария&gt; Ивановна" in html and "<Мария>" not in html
    [link] = [line for line in invitation["body"].splitlines() if line.startswith("http")]
    assert link.startswith("http://workspace.test/invitation/")
    assert f'<a href="{link}"' in html and "Задать пароль" in html
    with read():
        token = db.session.scalar(select(AccountToken).where(AccountToken.invited_by_id.is_not(None)))
        assert token.invited_by_id == admin.id
    outbox.clear()

    _accept(app, invitation)
    [accepted] = outbox
    assert accepted["to"] == admin.email
    assert accepted["subject"] == "Кузнецова <Мария> Ивановна принял(а) приглашение"
    staff = f"http://workspace.test/i/{school.slug}/staff"
    assert "Кузнецова <Мария> Ивановна (kuznetsova@sosh31.test) принял(а) ваше приглашение" in accepted["body"]
    assert f"Открыть список сотрудников: {staff}" in accepted["body"]
    assert f'<a href="{staff}"' in accepted["html"] and "Кузнецова &lt;Мария&gt; Ивановна" in accepted["html"]
    assert accepted["message"]["List-Unsubscribe"].startswith("<http://workspace.test/letters/unsubscribe/")


def test_an_external_council_member_accepting_tells_the_chair_with_the_council_link(app, client, make, outbox):
    c = build_council(make)
    _as(client, c.director)
    assert post_form(client, _council_url(c, "seats/external"),
                     {"external-full_name": "Орлова Т. В.", "external-email": "orlova@mail.example",
                      "external-role": "member", "external-represents": "Родители"},
                     page_url=_council_url(c, "seats/new")).status_code == 302
    [invitation] = outbox
    assert invitation["html"] and "Орлова Т. В." in invitation["html"]
    outbox.clear()
    _accept(app, invitation)
    [accepted] = outbox
    assert accepted["to"] == c.director.email and accepted["subject"] == "Орлова Т. В. принял(а) приглашение"
    assert f"http://workspace.test/n/{c.network.slug}/council/" in accepted["body"]


def test_a_link_issued_before_the_inviter_was_recorded_sends_no_letter(app, client, school, read, outbox):
    log_in(client, school.users["admin"].email)
    post_form(client, school.url("staff/invite"), INVITE)
    [invitation] = outbox
    with read():
        token = db.session.scalar(select(AccountToken).where(AccountToken.invited_by_id.is_not(None)))
        token.invited_by_id = None  # as a link issued before migration 0032
        db.session.commit()
    outbox.clear()
    _accept(app, invitation)
    assert outbox == []


def test_the_password_reset_letter_has_an_html_part(client, school, outbox):
    page = "/password/forgot"
    assert post_form(client, page, {"email": school.users["teacher"].email}).status_code == 302
    [letter] = outbox
    assert letter["subject"] == "Восстановление пароля"
    [link] = [line for line in letter["body"].splitlines() if line.startswith("http")]
    assert link.startswith("http://workspace.test/password/reset/")
    assert f'<a href="{link}"' in letter["html"] and "Задать новый пароль" in letter["html"]
    assert "проигнорируйте это письмо" in letter["body"] and "проигнорируйте это письмо" in letter["html"]
    assert "List-Unsubscribe" not in letter["message"]  # essential


@pytest.mark.parametrize("email, message", [
    ("kuznetsova;boss@sosh31.test", "Введите адрес электронной почты, например name@school.ru."),
    ("kuznetsova..m@sosh31.test", "Введите адрес электронной почты, например name@school.ru."),
    ("<kuznetsova>@sosh31.test", "Введите адрес электронной почты, например name@school.ru."),
    ("kuznetsova@sosh31", "Введите адрес электронной почты, например name@school.ru."),
    ("кузнецова@sosh31.test", "Часть адреса до знака @ пишется латинскими буквами: проверьте раскладку клавиатуры."),
])
def test_a_malformed_address_in_the_invitation_form_is_a_clear_russian_message(client, school, read, outbox, email,
                                                                                message):
    log_in(client, school.users["admin"].email)
    response = post_form(client, school.url("staff/invite"), {**INVITE, "email": email})
    assert response.status_code == 422
    assert message in text(response)
    with read():
        assert db.session.scalar(select(func.count()).select_from(User).where(User.full_name == INVITE["full_name"])) == 0
    assert outbox == []


def test_a_cyrillic_domain_is_accepted_and_sent_in_its_idna_form(app, client, school, outbox):
    log_in(client, school.users["admin"].email)
    assert post_form(client, school.url("staff/invite"), {**INVITE, "email": "kuznetsova@школа.рф"}).status_code == 302
    [letter] = outbox
    assert letter["to"] == "kuznetsova@" + "школа.рф".encode("idna").decode()


def test_a_malformed_address_already_in_the_outbox_bounces_once(app, smtp, outbox):
    with app.app_context():
        queue_letter("accounts.invitation", address="ivan;boss@school.test", subject="Не уйдёт", text="—")
        queue_letter("accounts.invitation", address="real@school.test", subject="Уходит", text="—")
        db.session.commit()
    assert [letter["to"] for letter in outbox] == ["real@school.test"]
    with app.app_context():
        bad = db.session.scalar(select(Letter).where(Letter.address == "ivan;boss@school.test"))
        assert bad.status == BOUNCED and bad.attempts == 1 and "malformed" in bad.last_error
        assert send_due() == {}
        db.session.remove()
