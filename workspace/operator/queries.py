from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from tenants.models import Institution, Membership, Network
from workspace.core.pagination import Page, paginate
from workspace.core.text import matches_search_text
from workspace.extensions import db


def get_institution_or_404(institution_id: int) -> Institution:
    return db.first_or_404(select(Institution).where(Institution.id == institution_id))


def get_network_or_404(network_id: int) -> Network:
    return db.first_or_404(select(Network).where(Network.id == network_id))


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


def search_institutions(query: str) -> Page:
    """A page of institutions whose short or full name holds every word of ``query`` in any form (any letter
    case, «ё» read as «е», «кузнецкая» finds «Кузнецкой»): matched on their stored ``search_text``. Two
    statements."""
    return paginate(select(Institution).where(matches_search_text(Institution, query))
                    .order_by(Institution.short_name, Institution.id))
