"""The chronicle's sources that exist today: events held (with their reports and photos), plans and plan
sections approved by the council, council meetings held. Each is ONE statement, whatever the data.

Each has the hook's signature (see the package docstring) and returns ``Entry`` rows with their ids, so
that entries of one day keep a stable order across pages (the SQL orders by the same keys as the merge).
"""
from __future__ import annotations

from datetime import date, datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select

from tenants.models import Network
from workspace.chronicle.registry import Entry, register_source
from workspace.core.dates import ru_date
from workspace.extensions import db

THUMBNAILS = 4  # photos shown per event


def _day_or_before(before: datetime | None) -> date | None:
    return before.date() if before is not None else None


def events_held(network_ids: list[int], before: datetime | None, limit: int,
                partner_id: int | None) -> list[Entry]:
    """Events with a report, at the last day they were held; the report's photos as thumbnails."""
    from workspace.plans.models import PlanItem, PlanItemInstitution, PlanSection
    from workspace.plans.report_models import EventFile, EventParticipation, EventReport
    chosen = (select(EventReport.id, EventReport.held_from, EventReport.held_to, EventReport.summary,
                     EventReport.item_id, PlanItem.title, PlanItem.plan_id, PlanSection.partner_institution_id,
                     Network.slug, Network.name)
              .join(PlanItem, PlanItem.id == EventReport.item_id)
              .join(PlanSection, PlanSection.id == PlanItem.section_id)
              .join(Network, Network.id == EventReport.network_id)
              .where(EventReport.network_id.in_(network_ids)))
    if before is not None:
        chosen = chosen.where(EventReport.held_to <= _day_or_before(before))
    if partner_id is not None:
        chosen = chosen.where(or_(
            PlanSection.partner_institution_id == partner_id,
            PlanItem.id.in_(select(PlanItemInstitution.item_id).where(PlanItemInstitution.institution_id == partner_id)),
            EventReport.id.in_(select(EventParticipation.report_id)
                               .where(EventParticipation.institution_id == partner_id))))
    reports = chosen.order_by(EventReport.held_to.desc(), EventReport.id.desc()).limit(limit).subquery()
    rows = db.session.execute(
        select(reports, EventFile.id.label("file_id"))
        .outerjoin(EventFile, and_(EventFile.report_id == reports.c.id, EventFile.content_type.like("image/%")))
        .order_by(reports.c.held_to.desc(), reports.c.id.desc(), EventFile.id))
    entries: dict[int, Entry] = {}
    for row in rows:
        entry = entries.get(row.id)
        if entry is None:
            held = ru_date(row.held_from) if row.held_from == row.held_to else \
                f"{ru_date(row.held_from)} — {ru_date(row.held_to)}"
            entry = entries[row.id] = Entry(
                when=row.held_to, kind_label=_("Мероприятие проведено"), title=row.title,
                url=url_for("plans.edit_report", network=row.slug, plan_id=row.plan_id, item_id=row.item_id),
                institution_id=row.partner_institution_id, id=row.id, day=row.held_to, network_name=row.name,
                subtitle=" · ".join(part for part in (held, (row.summary or "").strip()) if part))
        if row.file_id is not None and len(entry.thumbnails) < THUMBNAILS:
            entry.thumbnails.append(url_for("plans.download_report_file", network=row.slug, plan_id=row.plan_id,
                                            item_id=row.item_id, file_id=row.file_id))
    return list(entries.values())


def approvals_decided(network_ids: list[int], before: datetime | None, limit: int,
                      partner_id: int | None) -> list[Entry]:
    """Plans, plan sections (and any approvable kind) the council approved, on the day of the decision."""
    from workspace.council.models import AgendaItem, Approval, Decision, Meeting, MeetingKind, Outcome
    from workspace.plans.models import PlanSection
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
        statement = statement.where(Decision.decided_on <= _day_or_before(before))
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
    from workspace.council.models import Meeting, MeetingKind
    if partner_id is not None:
        return []
    today = date.today()
    last_day = min(today, _day_or_before(before)) if before is not None else today
    rows = db.session.execute(
        select(Meeting.id, Meeting.kind, Meeting.number, Meeting.held_on, Meeting.place, Meeting.closed_at,
               Network.slug, Network.name)
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
            subtitle=row.place or (_("Голосование закрыто") if row.closed_at else "")))
    return entries


register_source("reports", events_held)
register_source("approvals", approvals_decided)
register_source("meetings", meetings_held)

# The areas' own entries.
from workspace.agreements import chronicle as agreements_chronicle  # noqa: E402
from workspace.bank import chronicle as bank_chronicle  # noqa: E402
from workspace.programmes import chronicle as programmes_chronicle  # noqa: E402
from workspace.projects import chronicle as projects_chronicle  # noqa: E402

register_source("agreements", agreements_chronicle.entries)
register_source("projects", projects_chronicle.entries)
register_source("programmes", programmes_chronicle.entries)
register_source("materials", bank_chronicle.entries)
