"""Chronicle hooks of the council: plans, plan sections (and any approvable kind) the council approved, on
the day of the decision; council meetings and e-votes held, on their date.

Each is ONE statement whatever the data and returns ``Entry`` rows with their ids, so that entries of one day
keep a stable order across pages (the SQL orders by the same keys as the merge)."""
from __future__ import annotations

from datetime import date, datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, select

from tenants.models import Network
from workspace.chronicle.registry import Entry, day_or_before, register_chronicle_source
from workspace.core.dates import ru_date
from workspace.council.models import AgendaItem, Approval, Decision, Meeting, MeetingKind, Outcome
from workspace.extensions import db
from workspace.plans.models import PlanSection


def approvals_decided(network_ids: list[int], before: datetime | None, limit: int,
                      partner_id: int | None) -> list[Entry]:
    """Plans, plan sections (and any approvable kind) the council approved, on the day of the decision."""
    statement = (
        select(Decision.id, Decision.decided_on, Approval.subject_type, Approval.subject_id,
               Approval.title, Approval.is_amendment, Meeting.number, Meeting.kind, PlanSection.partner_institution_id,
               Network.slug, Network.name)
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Approval, Approval.id == AgendaItem.approval_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Network, Network.id == Decision.network_id)
        .outerjoin(PlanSection, and_(Approval.subject_type == "plan_section", PlanSection.id == Approval.subject_id))
        .where(Decision.network_id.in_(network_ids), Decision.outcome == Outcome.APPROVED))
    if before is not None:
        statement = statement.where(Decision.decided_on <= day_or_before(before))
    if partner_id is not None:
        statement = statement.where(PlanSection.partner_institution_id == partner_id)
    rows = db.session.execute(statement.order_by(Decision.decided_on.desc(), Decision.id.desc()).limit(limit))
    entries = []
    for row in rows:
        where = (_("Заочное голосование № %(number)s", number=row.number) if row.kind == MeetingKind.E_VOTE
                 else _("Заседание совета № %(number)s", number=row.number))
        entries.append(Entry(
            when=row.decided_on, kind_label=_("Изменения утверждены") if row.is_amendment else _("Утверждено советом"),
            title=row.title, url=url_for("council.open_subject", network=row.slug, subject_type=row.subject_type,
                                         subject_id=row.subject_id),
            institution_id=row.partner_institution_id, id=row.id, network_name=row.name, day=row.decided_on,
            subtitle=_("%(meeting)s, решение от %(date)s", meeting=where, date=ru_date(row.decided_on))))
    return entries


def meetings_held(network_ids: list[int], before: datetime | None, limit: int,
                  partner_id: int | None) -> list[Entry]:
    """Council meetings and e-votes up to today, on their date (they concern no one partner)."""
    if partner_id is not None:
        return []
    today = date.today()
    last_day = min(today, day_or_before(before)) if before is not None else today
    rows = db.session.execute(
        select(Meeting.id, Meeting.kind, Meeting.number, Meeting.held_on, Meeting.place, Meeting.closed_at,
               Meeting.cancelled_at, Network.slug, Network.name)
        .join(Network, Network.id == Meeting.network_id)
        .where(Meeting.network_id.in_(network_ids), Meeting.held_on <= last_day)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(limit))
    entries = []
    for row in rows:
        e_vote = row.kind == MeetingKind.E_VOTE
        entries.append(Entry(
            when=row.held_on,
            kind_label=_("Заочное голосование") if e_vote else _("Заседание совета"),
            title=(_("Заочное голосование № %(number)s", number=row.number) if e_vote
                   else _("Заседание совета № %(number)s", number=row.number)),
            url=url_for("council.show_meeting", network=row.slug, meeting_id=row.id),
            id=row.id, network_name=row.name, day=row.held_on,
            subtitle=(_("Заседание отменено") if row.cancelled_at
                      else row.place or (_("Голосование закрыто") if row.closed_at else ""))))
    return entries


register_chronicle_source("approvals", approvals_decided, position=20)
register_chronicle_source("meetings", meetings_held, position=30)
