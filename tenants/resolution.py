"""The tenant and the network come from the URL, once per request, checked against the user.

Routes under ``/i/<institution>/`` belong to one institution: only its own users enter.
Routes under ``/n/<network>/`` belong to one network: users of member institutions and
holders of a council seat enter. Anything else answers 404, exactly as a missing object,
so that the existence of another tenant's data does not leak. A network in the archive is read-only: every request
to it but a read is refused here (403, with the reason), whichever area it goes to.
"""
from __future__ import annotations

from functools import cache

from flask import Flask, abort, current_app, g, request
from flask_login import current_user
from sqlalchemy import bindparam, false, select

from tenants.models import Membership, Network, Seat
from tenants.rls import apply_context
from tenants.scoping import clear_scope, current_scope, set_scope, unscoped
from workspace.core.access import refuse_locked
from workspace.core.i18n import gettext as _
from workspace.extensions import db, login_manager

READ_METHODS = ("GET", "HEAD", "OPTIONS")
INSTITUTION_ARG = "institution"
NETWORK_ARG = "network"


def member_network_ids(institution_id: int) -> list[int]:
    return list(db.session.scalars(
        select(Membership.network_id).where(Membership.institution_id == institution_id)
    ))


def seat_network_ids(user_id: int) -> list[int]:
    with unscoped():  # the user's own seats, across networks: explicit and keyed by the user
        network_ids = list(db.session.scalars(select(Seat.network_id).where(Seat.user_id == user_id)))
    scope = current_scope()
    if scope is not None:
        # PostgreSQL: the read above opted out of row-level security; the rest of the request runs under
        # its own scope again (the context its next owned read would set anyway).
        apply_context(db.session(), scope, unscoped=False)
    return network_ids


def _enter_institution(slug: str) -> None:
    # A user enters only their own institution: no other slug needs looking up.
    institution = current_user.institution if current_user.institution_id is not None else None
    if institution is None or institution.slug != slug:
        abort(404)
    g.institution = institution
    g.network_ids = enter_institution_as(institution.id)


def enter_institution_as(institution_id: int) -> list[int]:
    """The scope of an institution entered by one of its users: it and the networks it is a member of."""
    network_ids = member_network_ids(institution_id)
    set_scope(institution_id=institution_id, network_ids=network_ids)
    return network_ids


@cache
def _network_with_access_statement(by: str, with_membership: bool):
    """Built once per kind of lookup (by slug or id; with or without an institution), run with bound values:
    the network named, the membership of the user's institution and the user's own seat of that network."""
    membership_on = Membership.network_id == Network.id
    membership_on = (membership_on & (Membership.institution_id == bindparam("institution_id"))
                     if with_membership else false())
    return (
        select(Network, Membership, Seat)
        .select_from(Network)
        .outerjoin(Membership, membership_on)
        .outerjoin(Seat, (Seat.network_id == Network.id) & (Seat.user_id == bindparam("user_id")))
        .where(getattr(Network, by) == bindparam("which"))
    )


def network_with_access(by: str, which, user_id: int, institution_id: int | None):
    """One statement: the network whose ``by`` («slug» or «id») is ``which``, with the membership of the user's
    institution and the user's own seat of THAT network outer-joined (both keyed explicitly by the user):
    (network, membership, seat), or None when there is no such network. Read outside the scope; the caller
    enters it next."""
    statement = _network_with_access_statement(by, institution_id is not None)
    values = {"which": which, "user_id": user_id}
    if institution_id is not None:
        values["institution_id"] = institution_id
    with unscoped():  # the user's own seat of the network named: keyed by the user's id and that network
        return db.session.execute(statement, values).first()


def enter_network_as(network, membership, institution_id: int | None) -> None:
    """The scope of a network entered by a user of ``institution_id`` (its institution only with a membership)."""
    set_scope(institution_id=institution_id if membership else None, network_ids=[network.id])
    # The read of network_with_access ran in an unscoped row-level-security context (PostgreSQL): replace it by
    # the request's scope now, so that no later statement of the request runs under the opt-out. Every
    # network page reads owned rows, so this is the context its first such statement would set anyway.
    apply_context(db.session(), current_scope(), unscoped=False)


def _enter_network(slug: str) -> None:
    institution_id = current_user.institution_id
    row = network_with_access("slug", slug, current_user.id, institution_id)
    if row is None:
        abort(404)
    network, membership, seat = row
    if membership is None and seat is None:
        abort(404)
    enter_network_as(network, membership, institution_id)
    g.network = network
    g.membership = membership
    g.seat = seat
    if network.is_archived and request.method not in READ_METHODS:
        # an archived network is read-only: every change to it is refused here, in one place
        refuse_locked(_("Сеть в архиве"), _("Сеть «%(name)s» в архиве: её материалы можно только читать.",
                                            name=network.name))


def init_resolution(app: Flask) -> None:
    @app.url_value_preprocessor
    def _take_owner_from_url(_endpoint, values):
        clear_scope()
        if values:
            g.institution_slug = values.pop(INSTITUTION_ARG, None)
            g.network_slug = values.pop(NETWORK_ARG, None)

    @app.before_request
    def _enter_owner():
        institution_slug = g.get("institution_slug")
        network_slug = g.get("network_slug")
        if institution_slug is None and network_slug is None:
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if institution_slug is not None:
            _enter_institution(institution_slug)
        else:
            _enter_network(network_slug)
        return None

    owner_args_of: dict[str, tuple] = {}  # endpoint → the owner arguments its rules take (the map is fixed)

    @app.url_defaults
    def _owner_into_urls(endpoint, values):
        owner_args = owner_args_of.get(endpoint)
        if owner_args is None:
            url_map = current_app.url_map
            owner_args = owner_args_of[endpoint] = tuple(
                (arg, attribute) for arg, attribute in ((INSTITUTION_ARG, "institution"), (NETWORK_ARG, "network"))
                if url_map.is_endpoint_expecting(endpoint, arg))
        for arg, attribute in owner_args:
            if arg in values:
                continue
            owner = g.get(attribute)
            if owner is not None:
                values[arg] = owner.slug

    @app.teardown_request
    def _forget_owner(_exc):
        clear_scope()
        for name in ("institution", "network", "membership", "seat", "network_ids",
                     "institution_slug", "network_slug"):
            g.pop(name, None)

