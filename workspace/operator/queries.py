from __future__ import annotations

from flask import abort, current_app, request
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from tenants.models import Institution, Membership, Network
from workspace.core.pagination import Page
from workspace.extensions import db


def get_institution_or_404(institution_id: int) -> Institution:
    institution = db.session.scalar(select(Institution).where(Institution.id == institution_id))
    if institution is None:
        abort(404)
    return institution


def get_network_or_404(network_id: int) -> Network:
    network = db.session.scalar(select(Network).where(Network.id == network_id))
    if network is None:
        abort(404)
    return network


def get_member_or_404(network_id: int, membership_id: int) -> Membership:
    membership = db.session.scalar(
        select(Membership).join(Membership.institution)
        .where(Membership.id == membership_id, Membership.network_id == network_id)
        .options(contains_eager(Membership.institution)))
    if membership is None:
        abort(404)
    return membership


def network_members(network_id: int) -> list[Membership]:
    return list(db.session.scalars(
        select(Membership).join(Membership.institution).where(Membership.network_id == network_id)
        .options(contains_eager(Membership.institution)).order_by(Membership.role, Institution.short_name)))


def institution_choices() -> list[tuple[int, str]]:
    return [(row.id, row.short_name) for row in db.session.execute(
        select(Institution.id, Institution.short_name).order_by(Institution.short_name))]


def slug_taken(model, slug: str, own_id: int | None = None) -> bool:
    found = db.session.scalar(select(model.id).where(model.slug == slug))
    return found is not None and found != own_id


def _folded(value: str) -> str:
    """Case- and ё-insensitive form of a name: «Ёлочка», «ЕЛОЧКА» and «елочка» are one."""
    return value.casefold().replace("ё", "е")


def search_institutions(query: str) -> Page:
    """A page of institutions whose short or full name contains ``query``, in any letter case.

    Matching is done here, not in SQL: SQLite's lower() and LIKE fold only ASCII letters (and
    PostgreSQL's depend on the server's locale), so «лицей» would not find «Лицей № 7» there.
    The names are read as column tuples — one short statement, then one for the page's rows.
    """
    needle = _folded(query)
    matching = [row.id for row in db.session.execute(
        select(Institution.id, Institution.short_name, Institution.full_name)
        .order_by(Institution.short_name, Institution.id))
        if needle in _folded(row.short_name) or needle in _folded(row.full_name)]
    size = current_app.config["PAGE_SIZE"]
    number = max(1, request.args.get("page", 1, type=int) or 1)
    chosen = matching[(number - 1) * size:number * size]
    found = {institution.id: institution for institution in db.session.scalars(
        select(Institution).where(Institution.id.in_(chosen)))} if chosen else {}
    return Page(items=[found[i] for i in chosen if i in found], number=number, size=size, total=len(matching))
