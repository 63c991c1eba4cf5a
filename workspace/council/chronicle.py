"""Chronicle hooks of the council: plans, plan sections (and any approvable kind) the council approved, on
the day of the decision; council meetings and e-votes held, on their date.

Each is a part of the chronicle's one statement (``register_chronicle_query``) and gives ``Entry`` rows with
their ids, so that entries of one day keep a stable order across pages (the SQL orders by the same keys as the
merge)."""
from __future__ import annotations

from sqlalchemy import Select, and_, select

from tenants.models import Network
from workspace.chronicle.registry import (
    BEFORE_DAY,
    LIMIT,
    NETWORK_IDS,
    PARTNER_ID,
    TODAY,
    Entry,
    register_chronicle_query,
)
from workspace.core.dates import ru_date
from workspace.core.i18n import gettext as _
from workspace.council.models import AgendaItem, Approval, Decision, Meeting, MeetingKind, Outcome
from workspace.plans.models import PlanSection


def approvals_decided(with_before: bool, with_partner: bool) -> Select:
    """Plans, plan sections (and any approvable kind) the council approved, on the day of the decision."""
    statement = (
        select(Decision.id.label("id"), Decision.decided_on.label("day"),
               Approval.subject_type.label("subject_type"), Approval.subject_id.label("subject_id"),
               Approval.title.label("title"), Approval.is_amendment.label("is_amendment"),
               Meeting.number.label("number"), (Meeting.kind == MeetingKind.E_VOTE).label("e_vote"),
               PlanSection.partner_institution_id.label("institution_id"),
               Network.slug.label("slug"), Network.name.label("network_name"))
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Approval, Approval.id == AgendaItem.approval_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Network, Network.id == Decision.network_id)
        .outerjoin(PlanSection, and_(Approval.subject_type == "plan_section", PlanSection.id == Approval.subject_id))
        .where(Decision.network_id.in_(NETWORK_IDS), Decision.outcome == Outcome.APPROVED))
    if with_before:
        statement = statement.where(Decision.decided_on <= BEFORE_DAY)
    if with_partner:
        statement = statement.where(PlanSection.partner_institution_id == PARTNER_ID)
    return statement.order_by(Decision.decided_on.desc(), Decision.id.desc()).limit(LIMIT)


def approval_entries(rows) -> list[Entry]:
    entries = []
    for row in rows:
        where = (_("Заочное голосование № %(number)s", number=row.number) if row.e_vote
                 else _("Заседание совета № %(number)s", number=row.number))
        entries.append(Entry(
            when=row.day, kind_label=_("Изменения утверждены") if row.is_amendment else _("Утверждено советом"),
            title=row.title, url="", institution_id=row.institution_id, id=row.id, network_name=row.network_name,
            day=row.day, subtitle=_("%(meeting)s, решение от %(date)s", meeting=where, date=ru_date(row.day)),
            link=("council.open_subject", {"network": row.slug, "subject_type": row.subject_type,
                                           "subject_id": row.subject_id})))
    return entries


def meetings_held(with_before: bool, with_partner: bool) -> Select | None:
    """Council meetings and e-votes up to today, on their date (they concern no one partner)."""
    if with_partner:
        return None
    statement = (
        select(Meeting.id.label("id"), (Meeting.kind == MeetingKind.E_VOTE).label("e_vote"),
               Meeting.number.label("number"), Meeting.held_on.label("day"), Meeting.place.label("place"),
               Meeting.closed_at.is_not(None).label("closed"), Meeting.cancelled_at.is_not(None).label("cancelled"),
               Network.slug.label("slug"), Network.name.label("network_name"))
        .join(Network, Network.id == Meeting.network_id)
        .where(Meeting.network_id.in_(NETWORK_IDS), Meeting.held_on <= TODAY))
    if with_before:
        statement = statement.where(Meeting.held_on <= BEFORE_DAY)
    return statement.order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(LIMIT)


def meeting_entries(rows) -> list[Entry]:
    entries = []
    for row in rows:
        entries.append(Entry(
            when=row.day,
            kind_label=_("Заочное голосование") if row.e_vote else _("Заседание совета"),
            title=(_("Заочное голосование № %(number)s", number=row.number) if row.e_vote
                   else _("Заседание совета № %(number)s", number=row.number)),
            url="", id=row.id, network_name=row.network_name, day=row.day,
            subtitle=(_("Заседание отменено") if row.cancelled
                      else row.place or (_("Голосование закрыто") if row.closed else "")),
            link=("council.show_meeting", {"network": row.slug, "meeting_id": row.id})))
    return entries


register_chronicle_query("approvals", approvals_decided, approval_entries, position=20)
register_chronicle_query("meetings", meetings_held, meeting_entries, position=30)
