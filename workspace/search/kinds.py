"""The kinds of search results that exist today: plan items, plans, people, institutions, council meetings.

Each is one statement, limited, over the networks of the user's institution (``g.network_ids``; network-owned
models are scoped to them anyway). People and institutions are identity tables, not scoped: their filter —
the user's own institution and the institutions of its networks — is explicit here. Other institutions'
people are shown with name, position and institution only, never their e-mail (no network page shows it).
"""
from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import func, or_, select

from tenants.models import Institution, Membership, Network
from workspace.accounts.models import User
from workspace.core.dates import ru_date
from workspace.core.labels import label
from workspace.core.text import matches_any_search_text, matches_search_text
from workspace.extensions import db
from workspace.search.registry import register_kind


def _network_ids() -> list[int]:
    return list(g.get("network_ids") or [])


def search_plan_items(query: str, limit: int) -> list[tuple[str, str, str]]:
    from workspace.plans.models import Plan, PlanItem
    rows = db.session.execute(
        select(PlanItem.id, PlanItem.title, PlanItem.timing, PlanItem.responsible, PlanItem.plan_id,
               Plan.title.label("plan_title"), Network.slug)
        .join(Plan, Plan.id == PlanItem.plan_id).join(Network, Network.id == PlanItem.network_id)
        .where(PlanItem.network_id.in_(_network_ids()),
               matches_search_text(PlanItem, query))
        .order_by(Plan.start_year.desc(), PlanItem.plan_id, PlanItem.position, PlanItem.id).limit(limit))
    return [(row.title, " · ".join(part for part in (row.timing, row.responsible, row.plan_title) if part),
             url_for("plans.show_item", network=row.slug, plan_id=row.plan_id, item_id=row.id))
            for row in rows]


def search_plans(query: str, limit: int) -> list[tuple[str, str, str]]:
    from workspace.plans.models import Plan
    rows = db.session.execute(
        select(Plan.id, Plan.title, Plan.status, Network.slug, Network.name)
        .join(Network, Network.id == Plan.network_id)
        .where(Plan.network_id.in_(_network_ids()), matches_search_text(Plan, query))
        .order_by(Plan.start_year.desc(), Plan.id).limit(limit))
    return [(row.title, f"{label(row.status)} · {row.name}", url_for("plans.show_plan", network=row.slug, plan_id=row.id))
            for row in rows]


def _first_membership():
    """For each institution of the user's networks, one membership (the lowest id): where its row is shown."""
    return (select(Membership.institution_id, func.min(Membership.id).label("membership_id"))
            .where(Membership.network_id.in_(_network_ids())).group_by(Membership.institution_id).subquery())


def search_people(query: str, limit: int) -> list[tuple[str, str, str]]:
    own_id = g.institution.id
    first = _first_membership()
    rows = db.session.execute(
        select(User.id, User.full_name, User.position, User.email, User.institution_id, Institution.short_name,
               Membership.id.label("membership_id"), Network.slug)
        .join(Institution, Institution.id == User.institution_id)
        .outerjoin(first, first.c.institution_id == User.institution_id)
        .outerjoin(Membership, Membership.id == first.c.membership_id)
        .outerjoin(Network, Network.id == Membership.network_id)
        .where(User.is_enabled.is_(True), or_(User.institution_id == own_id, first.c.membership_id.is_not(None)),
               matches_search_text(User, query))
        .order_by(User.institution_id != own_id, User.full_name, User.id).limit(limit))
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


def search_institutions(query: str, limit: int) -> list[tuple[str, str, str]]:
    first = _first_membership()
    rows = db.session.execute(
        select(Institution.id, Institution.short_name, Institution.full_name, Institution.kind, Institution.city,
               Membership.id.label("membership_id"), Network.slug)
        .join(first, first.c.institution_id == Institution.id)
        .join(Membership, Membership.id == first.c.membership_id).join(Network, Network.id == Membership.network_id)
        .where(matches_search_text(Institution, query))
        .order_by(Institution.short_name, Institution.id).limit(limit))
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


def search_meetings(query: str, limit: int) -> list[tuple[str, str, str]]:
    """Council meetings and e-votes found by a question of their agenda or by their place."""
    from workspace.council.models import AgendaItem, Meeting, MeetingKind
    rows = db.session.execute(
        select(Meeting.id, Meeting.kind, Meeting.number, Meeting.held_on, AgendaItem.title, Network.slug, Network.name)
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id).join(Network, Network.id == Meeting.network_id)
        .where(Meeting.network_id.in_(_network_ids()),
               matches_any_search_text((AgendaItem.search_text, Meeting.search_text), query))
        .order_by(Meeting.held_on.desc(), Meeting.id.desc(), AgendaItem.position, AgendaItem.id).limit(limit))
    results = []
    for row in rows:
        heading = (_("Заочное голосование № %(number)s", number=row.number) if row.kind == MeetingKind.E_VOTE
                   else _("Заседание совета № %(number)s", number=row.number))
        results.append((row.title, f"{heading}, {ru_date(row.held_on)} · {row.name}",
                        url_for("council.show_meeting", network=row.slug, meeting_id=row.id)))
    return results


register_kind("plan_items", _l("Мероприятия планов"), search_plan_items)
register_kind("plans", _l("Планы"), search_plans)
register_kind("meetings", _l("Заседания совета"), search_meetings)
register_kind("institutions", _l("Учреждения"), search_institutions)
register_kind("people", _l("Люди"), search_people)

# The areas' own kinds (each area's search.py keeps its visibility rules).
from workspace.agreements import search as agreements_search  # noqa: E402
from workspace.bank import search as bank_search  # noqa: E402
from workspace.programmes import search as programmes_search  # noqa: E402
from workspace.projects import search as projects_search  # noqa: E402
from workspace.requests_table import search as requests_search  # noqa: E402

register_kind("projects", _l("Проекты"), projects_search.search)
register_kind("agreements", _l("Договоры"), agreements_search.search)
register_kind("programmes", _l("Программы и обучающиеся"), programmes_search.search)
register_kind("materials", _l("Банк практик и документы"), bank_search.search)
register_kind("requests", _l("Таблица запросов"), requests_search.search)
