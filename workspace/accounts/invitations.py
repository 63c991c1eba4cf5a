"""Inviting a person by e-mail: an account without a password and a one-time link; when the person sets the
password from it, whoever sent the invitation is told («… принял(а) приглашение»)."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from tenants.models import Institution, Network
from tenants.resolution import seat_network_ids
from workspace.accounts.models import AccountToken, StaffRole, TokenPurpose, User
from workspace.accounts.tokens import issue_token
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.links import public_url
from workspace.extensions import db
from workspace.letters.compose import letter_html
from workspace.letters.kinds import INVITATION, NOW, register_letter_kind
from workspace.letters.outbox import letter_language, queue_letter

INVITATION_ACCEPTED = register_letter_kind("accounts.invitation_accepted", _l("Приглашение принято"), default=NOW)


def email_taken(email: str) -> bool:
    return db.session.scalar(select(User.id).where(User.email == email)) is not None


def invite(email: str, full_name: str, *, institution_id: int | None, role: StaffRole | None,
           position: str = "", where: str, invited_by: User | None = None) -> User:
    """Create the account and mail the link; ``where`` names the place the person is invited to, ``invited_by``
    is told when the invitation is accepted."""
    user = User(email=email, full_name=full_name, institution_id=institution_id, role=role,
                position=position, password_hash=None)
    db.session.add(user)
    db.session.flush()
    send_invitation(user, where, invited_by=invited_by)
    return user


def send_invitation(user: User, where: str, *, invited_by: User | None = None) -> None:
    days = current_app.config["INVITATION_DAYS"]
    raw = issue_token(user, TokenPurpose.INVITATION, timedelta(days=days), invited_by=invited_by)
    link = public_url("accounts.accept_invitation", token=raw)
    with letter_language(user):
        subject = _("Приглашение в сетевое пространство: %(where)s", where=where)
        greeting = _("Здравствуйте, %(name)s!", name=user.full_name)
        lead = _("Вас пригласили в сетевое пространство «%(where)s».", where=where)
        ask = _("Чтобы войти, задайте пароль по ссылке (она действует %(days)d дн. и только один раз):", days=days)
        link_label = _("Задать пароль")
    text = "\n".join([greeting, "", lead, ask, link, ""])
    html = letter_html([greeting, "", lead, ask], link=link, link_label=link_label)
    queue_letter(INVITATION.key, user=user, subject=subject, text=text, html=html)


def _where_to_see(user: User, inviter: User) -> tuple[str, str]:
    """(link, its label): the staff page of the new person's institution (the operator's console page of it for
    the operator), or the council of the network where an external person holds a seat."""
    if user.institution_id is not None:
        if inviter.is_operator:
            return (public_url("operator.show_institution", institution_id=user.institution_id),
                    _("Открыть страницу учреждения"))
        slug = db.session.scalar(select(Institution.slug).where(Institution.id == user.institution_id))
        return public_url("institutions.list_staff", institution=slug), _("Открыть список сотрудников")
    networks = seat_network_ids(user.id)
    if networks:
        slug = db.session.scalar(select(Network.slug).where(Network.id == networks[0]))
        return public_url("council.show_council", network=slug), _("Открыть состав совета")
    return public_url("accounts.home"), _("Открыть сетевое пространство")


def queue_invitation_accepted(token: AccountToken, user: User) -> None:
    """The person who sent this invitation learns that ``user`` has set the password (old links remember
    nobody: no letter)."""
    if token.purpose != TokenPurpose.INVITATION or token.invited_by_id is None or token.invited_by_id == user.id:
        return
    inviter = db.session.scalar(select(User).where(User.id == token.invited_by_id))
    if inviter is None or not inviter.is_enabled or not inviter.email:
        return
    with letter_language(inviter):
        link, link_label = _where_to_see(user, inviter)
        subject = _("%(name)s принял(а) приглашение", name=user.full_name)
        greeting = _("Здравствуйте, %(name)s!", name=inviter.full_name)
        lead = _("%(name)s (%(email)s) принял(а) ваше приглашение: пароль задан, теперь он(а) может войти в "
                 "сетевое пространство.", name=user.full_name, email=user.email)
    text = "\n".join([greeting, "", lead, "", f"{link_label}: {link}"])
    html = letter_html([greeting, "", lead], link=link, link_label=link_label)
    queue_letter(INVITATION_ACCEPTED.key, user=inviter, subject=subject, text=text, html=html,
                 dedupe_key=f"invitation-accepted:{token.id}")
