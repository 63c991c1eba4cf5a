from __future__ import annotations

from flask import abort, g
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from tenants.models import Institution, Membership
from workspace.extensions import db


def members_of_current_network() -> list[Membership]:
    return list(db.session.scalars(
        select(Membership).join(Membership.institution)
        .where(Membership.network_id == g.network.id)
        .options(contains_eager(Membership.institution))
        .order_by(Membership.role, Institution.short_name)
    ))


def get_membership_or_404(membership_id: int) -> Membership:
    membership = db.session.scalar(
        select(Membership).join(Membership.institution)
        .where(Membership.id == membership_id, Membership.network_id == g.network.id)
        .options(contains_eager(Membership.institution))
    )
    if membership is None:
        abort(404)
    return membership


def base_institution() -> Institution | None:
    return db.session.scalar(select(Institution).where(Institution.id == g.network.base_institution_id))
