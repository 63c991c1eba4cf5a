"""Reads of the identity tables that several areas share."""
from __future__ import annotations

from sqlalchemy import select

from tenants.models import Institution, Membership
from workspace.extensions import db


def institution_name(institution_id: int) -> str:
    """The full name of an institution, as a document names its author."""
    return db.session.scalar(select(Institution.full_name).where(Institution.id == institution_id)) or ""


def member_institutions(network_ids: list[int]) -> list[tuple[int, str]]:
    """(id, short name) of the member institutions of the networks, by name (a partner filter's choices).
    One statement."""
    if not network_ids:
        return []
    rows = db.session.execute(
        select(Institution.id, Institution.short_name)
        .join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id.in_(network_ids))
        .group_by(Institution.id, Institution.short_name).order_by(Institution.short_name))
    return [(row.id, row.short_name) for row in rows]
