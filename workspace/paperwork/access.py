"""Who generates which document of the network, one helper per kind: each loads what the document is made of through
the network the URL named (404 for what is not of it, or not the user's), then checks the right (403 for a member who
lacks it: a teacher of the school itself).

The order lists the school's own pupils by name — minors' data: only the school's admin and coordinator reach it;
another school, a provider, a council seat holder answer 404 as for a foreign object."""
from __future__ import annotations

from flask import abort, g
from flask_login import current_user
from sqlalchemy import select

from tenants.models import Institution, Membership, SeatRole
from tenants.permissions import MANAGERS, has_role
from workspace.core.access import require
from workspace.extensions import db
from workspace.programmes.models import Programme
from workspace.programmes.queries import visible_programmes


def is_member_manager() -> bool:
    """An admin or coordinator of a member institution of the network."""
    return g.get("membership") is not None and has_role(*MANAGERS)


def may_generate_regulation() -> bool:
    """The regulation is the network's: its members' admins and coordinators, and the council's chair and
    secretary, prepare it."""
    seat = g.get("seat")
    return is_member_manager() or (seat is not None and seat.role in (SeatRole.CHAIR, SeatRole.SECRETARY))


def regulation_or_403() -> None:
    require(may_generate_regulation())


def member_institution_or_404(institution_id: int) -> Institution:
    """A member institution of the network the URL named."""
    return db.first_or_404(select(Institution).join(Membership, Membership.institution_id == Institution.id)
                           .where(Institution.id == institution_id, Membership.network_id == g.network.id))


def school_order_or_404(school_id: int) -> Institution:
    """The school whose order is prepared: only the user's own institution, as its member of this network (404 for
    any other: another school's pupils, or a provider's view of them, are foreign); its admin and coordinator (403
    for its teachers and staff)."""
    membership = g.get("membership")
    if membership is None or current_user.institution_id != school_id or membership.institution_id != school_id:
        abort(404)
    school = member_institution_or_404(school_id)
    require(has_role(*MANAGERS))
    return school


def agreement_parties_or_404(programme_id: int, school_id: int) -> tuple[Programme, Institution, Institution]:
    """The programme of this network (a published one, or the provider's own draft) and the two parties of its agreement: the school (a member other than the
    provider) and the provider. The parties' admins and coordinators prepare it (404 to anyone else, as an
    agreement one is not a party of; 403 to the parties' teachers and staff)."""
    programme = db.first_or_404(visible_programmes().where(Programme.id == programme_id))
    if school_id == programme.provider_institution_id or current_user.institution_id not in (
            school_id, programme.provider_institution_id) or g.get("membership") is None:
        abort(404)
    school = member_institution_or_404(school_id)
    provider = member_institution_or_404(programme.provider_institution_id)
    require(has_role(*MANAGERS))
    return programme, school, provider
