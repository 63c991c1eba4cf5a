"""Chronicle hook of the plans: events held (with their reports and photos), at the last day they were held.

ONE statement whatever the data; ``Entry`` rows with their ids, so that entries of one day keep a stable
order across pages (the SQL orders by the same keys as the merge)."""
from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select

from tenants.models import Network
from workspace.chronicle.registry import Entry, day_or_before, register_chronicle_source
from workspace.core.dates import ru_date
from workspace.extensions import db
from workspace.plans.models import PlanItem, PlanItemInstitution, PlanSection
from workspace.plans.report_models import EventFile, EventParticipation, EventReport

THUMBNAILS = 4  # photos shown per event


def events_held(network_ids: list[int], before: datetime | None, limit: int,
                partner_id: int | None) -> list[Entry]:
    """Events with a report, at the last day they were held; the report's photos as thumbnails."""
    chosen = (select(EventReport.id, EventReport.held_from, EventReport.held_to, EventReport.summary,
                     EventReport.item_id, PlanItem.title, PlanItem.plan_id, PlanSection.partner_institution_id,
                     Network.slug, Network.name)
              .join(PlanItem, PlanItem.id == EventReport.item_id)
              .join(PlanSection, PlanSection.id == PlanItem.section_id)
              .join(Network, Network.id == EventReport.network_id)
              .where(EventReport.network_id.in_(network_ids)))
    if before is not None:
        chosen = chosen.where(EventReport.held_to <= day_or_before(before))
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


register_chronicle_source("reports", events_held, position=10)
