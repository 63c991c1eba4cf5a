"""A network started by its base institution: creating it, inviting partners (an institution of the deployment, or a
new one by its head's e-mail), the invited institution's answer, a partner leaving, the network archived."""
from __future__ import annotations

import re
import secrets
from datetime import UTC, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tenants.models import Institution, InvitationStatus, MemberRole, Membership, Network, NetworkInvitation, Seat
from workspace.accounts.models import StaffRole, User, hash_token
from workspace.accounts.passwords import set_password
from workspace.core.i18n import gettext as _
from workspace.core.links import public_url
from workspace.core.models import utcnow
from workspace.core.text import matches_search_text
from workspace.core.words import addressed
from workspace.extensions import db
from workspace.letters.kinds import INVITATION
from workspace.letters.outbox import queue_letter

_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"),
))
CANDIDATES_SHOWN = 50


def unique_slug(model, name: str, fallback: str) -> str:
    """A free address for ``model`` (a network, an institution) made from its Russian ``name``: «Культура рядом» →
    ``kultura-ryadom``, ``kultura-ryadom-2`` when taken."""
    latin = "".join(_TRANSLIT.get(char, char) for char in name.lower())
    base = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")[:40].strip("-")
    if len(base) < 2:
        base = fallback
    taken = set(db.session.scalars(select(model.slug).where(model.slug.like(f"{base}%"))))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def start_network(form, institution_id: int, user_id: int) -> Network:
    network = Network(slug=unique_slug(Network, form.name.data, "network"), name=form.name.data,
                      goal=form.goal.data or "", tasks=form.tasks.data or "", starts_on=form.starts_on.data,
                      ends_on=form.ends_on.data, base_institution_id=institution_id, created_by_id=user_id)
    db.session.add(network)
    db.session.flush()
    db.session.add(Membership(network_id=network.id, institution_id=institution_id, role=MemberRole.BASE))
    db.session.flush()
    return network


def candidate_institutions(network_id: int, query: str = "", limit: int | None = CANDIDATES_SHOWN):
    """(id, short name, kind) of the institutions that may be invited into the network: not members, not invited
    and still waiting, not suspended; those whose name matches ``query``, by name. One statement."""
    members = select(Membership.institution_id).where(Membership.network_id == network_id)
    waiting = select(NetworkInvitation.institution_id).where(
        NetworkInvitation.network_id == network_id, NetworkInvitation.status == InvitationStatus.PENDING,
        NetworkInvitation.institution_id.is_not(None))
    statement = (select(Institution.id, Institution.short_name, Institution.kind)
                 .where(Institution.id.not_in(members), Institution.id.not_in(waiting),
                        Institution.is_suspended.is_(False))
                 .order_by(Institution.short_name, Institution.id))
    if query:
        statement = statement.where(matches_search_text(Institution, query))
    if limit is not None:
        statement = statement.limit(limit)
    return db.session.execute(statement).all()


def invitations_of(network_id: int) -> list[NetworkInvitation]:
    """The network's invitations, newest first, with their institutions: one statement."""
    return list(db.session.scalars(
        select(NetworkInvitation).where(NetworkInvitation.network_id == network_id)
        .options(joinedload(NetworkInvitation.institution))
        .order_by(NetworkInvitation.created_at.desc(), NetworkInvitation.id.desc())))


def pending_invitations_for(institution_id: int):
    """(invitation id, network name, base institution's short name, role) of the institution's waiting
    invitations into networks that are not archived: one statement."""
    return db.session.execute(
        select(NetworkInvitation.id, NetworkInvitation.role, Network.name.label("network_name"),
               Institution.short_name.label("base_name"))
        .join(Network, Network.id == NetworkInvitation.network_id)
        .join(Institution, Institution.id == Network.base_institution_id)
        .where(NetworkInvitation.institution_id == institution_id,
               NetworkInvitation.status == InvitationStatus.PENDING, Network.is_archived.is_(False))
        .order_by(NetworkInvitation.created_at, NetworkInvitation.id)).all()


def invite_institution(network: Network, institution_id: int, role: MemberRole, user_id: int) -> NetworkInvitation:
    invitation = NetworkInvitation(network_id=network.id, institution_id=institution_id, role=role,
                                   invited_by_id=user_id)
    db.session.add(invitation)
    db.session.flush()
    return invitation


def invite_by_email(network: Network, base_name: str, email: str, head_name: str, role: MemberRole,
                    user_id: int) -> NetworkInvitation:
    """An invitation of an institution that is not in the deployment yet: its head gets a letter with a one-time
    link where they register the institution and their account."""
    days = current_app.config["INVITATION_DAYS"]
    raw = secrets.token_urlsafe(32)
    invitation = NetworkInvitation(network_id=network.id, email=email, head_name=head_name, role=role,
                                   invited_by_id=user_id, token_hash=hash_token(raw),
                                   expires_at=utcnow() + timedelta(days=days))
    db.session.add(invitation)
    db.session.flush()
    link = public_url("network_join.register_institution", token=raw)
    subject = _("Приглашение в сеть «%(network)s»", network=network.name)
    text = _("Здравствуйте, %(name)s!\n\n%(base)s приглашает ваше учреждение в сеть «%(network)s».\n"
             "Чтобы принять приглашение, зарегистрируйте учреждение и свою учётную запись по ссылке "
             "(она действует %(days)d дн. и только один раз):\n%(link)s\n",
             name=addressed(head_name), base=base_name, network=network.name, days=days, link=link)
    queue_letter(INVITATION.key, address=email, subject=subject, text=text)
    return invitation


def email_waiting(network_id: int, email: str) -> bool:
    """Whether a new institution's head at ``email`` is already invited into the network and not registered yet."""
    return db.session.scalar(select(NetworkInvitation.id).where(
        NetworkInvitation.network_id == network_id, NetworkInvitation.email == email,
        NetworkInvitation.institution_id.is_(None), NetworkInvitation.status == InvitationStatus.PENDING)) is not None


def invitation_by_token(raw: str) -> NetworkInvitation | None:
    """The live e-mail invitation of this link: waiting, not registered yet, not expired, into a live network."""
    invitation = db.session.scalar(select(NetworkInvitation).where(NetworkInvitation.token_hash == hash_token(raw)))
    if invitation is None or invitation.status != InvitationStatus.PENDING or invitation.institution_id is not None:
        return None
    expires_at = invitation.expires_at
    if expires_at is not None and expires_at.tzinfo is None:  # SQLite keeps no zone: stored in UTC
        expires_at = expires_at.replace(tzinfo=UTC)
    if expires_at is None or expires_at < utcnow():
        return None
    network = db.session.scalar(select(Network).where(Network.id == invitation.network_id))
    if network is None or network.is_archived:
        return None
    return invitation


def register_invited(invitation: NetworkInvitation, form) -> tuple[User, Institution]:
    """The invited head registers the institution and their account (its admin); the invitation now names the
    institution and waits for its answer."""
    institution = Institution(slug=unique_slug(Institution, form.short_name.data, "institution"),
                              kind=form.kind_value(), full_name=form.full_name.data,
                              short_name=form.short_name.data, email=invitation.email)
    db.session.add(institution)
    db.session.flush()
    user = User(email=invitation.email, full_name=form.head_name.data, position=form.position.data or "",
                institution_id=institution.id, role=StaffRole.ADMIN)
    set_password(user, form.password.data)
    db.session.add(user)
    invitation.institution_id = institution.id
    invitation.token_hash = None  # the link is used
    db.session.flush()
    return user, institution


def answer(invitation: NetworkInvitation, accepted: bool, user_id: int) -> None:
    invitation.status = InvitationStatus.ACCEPTED if accepted else InvitationStatus.DECLINED
    invitation.answered_by_id = user_id
    invitation.answered_at = utcnow()
    already = db.session.scalar(select(Membership.id).where(  # e.g. the operator added it meanwhile
        Membership.network_id == invitation.network_id, Membership.institution_id == invitation.institution_id))
    if accepted and already is None:
        db.session.add(Membership(network_id=invitation.network_id, institution_id=invitation.institution_id,
                                  role=invitation.role))
    db.session.flush()


def leave(network: Network, membership: Membership) -> None:
    """The partner leaves: its membership goes (the network's history keeps it), with its staff's council seats."""
    staff = select(User.id).where(User.institution_id == membership.institution_id)
    for seat in db.session.scalars(select(Seat).where(Seat.network_id == network.id, Seat.user_id.in_(staff))):
        db.session.delete(seat)
    db.session.delete(membership)
    db.session.flush()


def archive(network: Network) -> None:
    network.is_archived = True
    network.archived_at = utcnow()
    db.session.flush()
