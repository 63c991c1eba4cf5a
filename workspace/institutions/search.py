"""Global search hook of institutions and people: the user's own institution and the institutions of its
networks, and their staff (two parts of the search statement, see ``workspace.search.registry``).

Institutions and users are identity tables, not scoped: their filter — the user's own institution and the
institutions of its networks — is explicit here. Other institutions' people are shown with name, position
and institution only, never their e-mail (no network page shows it). """
from __future__ import annotations

from flask import g, url_for
from sqlalchemy import func, or_, select

from tenants.models import Institution, Membership, Network
from workspace.accounts.models import User
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.text import SearchShape
from workspace.search.registry import Part, institution_id, network_ids, register_search_kind, relevance


def _first_membership():
    """For each institution of the user's networks, one membership (the lowest id): where its row is shown."""
    return (select(Membership.institution_id, func.min(Membership.id).label("membership_id"))
            .where(Membership.network_id.in_(network_ids)).group_by(Membership.institution_id).subquery())


def people_statement(shape: SearchShape) -> Part:
    first = _first_membership()
    return Part(
        select(User.id, User.full_name, User.position, User.email, User.institution_id, Institution.short_name,
               Membership.id.label("membership_id"), Network.slug)
        .join(Institution, Institution.id == User.institution_id)
        .outerjoin(first, first.c.institution_id == User.institution_id)
        .outerjoin(Membership, Membership.id == first.c.membership_id)
        .outerjoin(Network, Network.id == Membership.network_id)
        .where(User.is_enabled.is_(True), or_(User.institution_id == institution_id, first.c.membership_id.is_not(None)),
               shape.matches(User.search_text)),
        (User.institution_id != institution_id, User.full_name, User.id),
        relevance=relevance(shape, User.search_text, User.full_name))


def present_people(rows, _query: str, _limit: int) -> list[tuple[str, str, str]]:
    own_id = g.institution.id
    results = []
    for row in rows:
        if row.institution_id == own_id:
            subtitle = " · ".join(part for part in (row.position, row.short_name, row.email) if part)
            url = url_for("institutions.list_staff", institution=g.institution.slug, _anchor=f"user-{row.id}")
        else:
            subtitle = " · ".join(part for part in (row.position, row.short_name) if part)
            url = url_for("networks.show_network", network=row.slug, _anchor=f"member-{row.membership_id}")
        results.append((row.full_name, subtitle, url))
    return results


def institutions_statement(shape: SearchShape) -> Part:
    first = _first_membership()
    return Part(
        select(Institution.id, Institution.short_name, Institution.full_name, Institution.kind, Institution.city,
               Membership.id.label("membership_id"), Network.slug)
        .join(first, first.c.institution_id == Institution.id)
        .join(Membership, Membership.id == first.c.membership_id).join(Network, Network.id == Membership.network_id)
        .where(shape.matches(Institution.search_text)),
        (Institution.short_name, Institution.id),
        relevance=relevance(shape, Institution.search_text, Institution.short_name))


def present_institutions(rows, _query: str, _limit: int) -> list[tuple[str, str, str]]:
    results = []
    for row in rows:
        if row.id == g.institution.id:
            url = url_for("institutions.show_profile", institution=g.institution.slug)
        else:
            url = url_for("networks.show_network", network=row.slug, _anchor=f"member-{row.membership_id}")
        subtitle = " · ".join(part for part in (row.full_name if row.full_name != row.short_name else "",
                                                row.city) if part)
        results.append((row.short_name, subtitle, url))
    return results


register_search_kind("institutions", _l("Учреждения"), institutions_statement, present_institutions, position=40)
register_search_kind("people", _l("Люди"), people_statement, present_people, position=50)
