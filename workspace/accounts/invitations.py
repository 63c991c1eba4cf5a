"""Inviting a person by e-mail: an account without a password and a one-time link."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from workspace.accounts.models import StaffRole, TokenPurpose, User
from workspace.accounts.tokens import issue_token
from workspace.core.links import public_url
from workspace.extensions import db
from workspace.letters.kinds import INVITATION
from workspace.letters.outbox import letter_language, queue_letter


def email_taken(email: str) -> bool:
    return db.session.scalar(select(User.id).where(User.email == email)) is not None


def invite(email: str, full_name: str, *, institution_id: int | None, role: StaffRole | None,
           position: str = "", where: str) -> User:
    """Create the account and mail the link; ``where`` names the place the person is invited to."""
    user = User(email=email, full_name=full_name, institution_id=institution_id, role=role,
                position=position, password_hash=None)
    db.session.add(user)
    db.session.flush()
    send_invitation(user, where)
    return user


def send_invitation(user: User, where: str) -> None:
    days = current_app.config["INVITATION_DAYS"]
    raw = issue_token(user, TokenPurpose.INVITATION, timedelta(days=days))
    link = public_url("accounts.accept_invitation", token=raw)
    with letter_language(user):
        subject = _("Приглашение в сетевое пространство: %(where)s", where=where)
        text = _("Здравствуйте, %(name)s!\n\nВас пригласили в сетевое пространство «%(where)s».\n"
                 "Чтобы войти, задайте пароль по ссылке (она действует %(days)d дн. и только один раз):\n"
                 "%(link)s\n", name=user.full_name, where=where, days=days, link=link)
    queue_letter(INVITATION.key, user=user, subject=subject, text=text)
