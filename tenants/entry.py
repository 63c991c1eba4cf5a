"""The named ways into a tenant scope for requests that the URL resolution does not enter.

Pages under ``/i/<institution>/`` and ``/n/<network>/`` are entered by tenants.resolution, once per request,
after the user's memberships are checked. Everything else that reads or writes owned rows enters its scope
through one of the functions below — never by setting a scope by hand — so that every way in is listed here:

* ``enter_public_network`` — a network's public pages (no login): the network, no institution;
* ``enter_public_survey`` — a survey's secret link: the network of the survey the token names;
* ``enter_school_application`` — a parent's application from a public catalog: the chosen school in the network;
* ``enter_feed`` — a calendar feed's secret link: what its owner would enter on a page, checked the same way;
* ``enter_command_line`` — a command-line command: every tenant, the explicit opt-out of ``unscoped()``.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Select, select

from tenants.models import Institution, Network
from tenants.resolution import enter_institution_as, enter_network_as, network_with_access
from tenants.rls import apply_context
from tenants.scoping import Scope, set_scope, unscoped
from workspace.extensions import db


def _enter_public(network_id: int) -> Scope:
    return set_scope(institution_id=None, network_ids=[network_id])


def enter_public_network(slug: str) -> Network | None:
    """A network's public page (its agreements, its programme catalog): the network by its slug, entered
    with no institution, so that only network-owned rows are read. None when there is no such network."""
    network = db.session.scalar(select(Network).where(Network.slug == slug))
    if network is not None:
        _enter_public(network.id)
    return network


def enter_public_survey(by_token: Select):
    """A survey's public link. ``by_token`` selects the survey's ``id`` and ``network_id`` by the secret token;
    it is read outside the scope (the token is the only key), then the request enters the survey's network,
    public (no institution). The row found, or None."""
    with unscoped():  # keyed by the secret token; the scope is set from the row just below
        found = db.session.execute(by_token).first()
    if found is not None:
        _enter_public(found.network_id)
    return found


def enter_school_application(school_id: int, network_id: int) -> Scope:
    """A parent's application from a network's public catalog: it is written into the chosen school's inbox.
    ``school_id`` must come from the network's member schools (the form's choices are exactly those)."""
    return set_scope(institution_id=school_id, network_ids=[network_id])


def enter_feed(user, *, network_id: int | None = None, institution_id: int | None = None):
    """A calendar feed of ``user`` (active, not an operator: the caller checks) for a network or an institution:
    the scope a page of that owner would give the user, with the same checks as the URL resolution. The network
    or the institution entered, or None when the user no longer has access (the caller answers 404)."""
    if network_id is not None:
        row = network_with_access("id", network_id, user.id, user.institution_id)
        if row is None:
            return None
        network, membership, seat = row
        if membership is None and seat is None:
            return None
        enter_network_as(network, membership, user.institution_id)
        return network
    if user.institution_id is None or user.institution_id != institution_id:
        return None
    institution = db.session.scalar(select(Institution).where(Institution.id == institution_id))
    if institution is None:
        return None
    enter_institution_as(institution.id)
    return institution


@contextmanager
def enter_command_line() -> Iterator[None]:
    """A command-line command (operator's tools, demo, generator): every tenant's rows, through the one explicit
    opt-out, ``unscoped()``; on PostgreSQL the transaction's row-level-security context says so too, for the
    Core and text statements that do not pass the ORM hooks."""
    with unscoped():
        apply_context(db.session(), None, unscoped=True)
        yield
