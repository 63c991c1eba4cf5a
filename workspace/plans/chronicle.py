"""Chronicle hook of the plans: events held (with their reports and photos), at the last day they were held.

A part of the chronicle's one statement (``register_chronicle_query``); ``Entry`` rows with their ids, so that
entries of one day keep a stable order across pages (the SQL orders by the same keys as the merge). The photos
of the reports shown are read after the merge: one statement for the page, at most ``THUMBNAILS`` a report."""
from __future__ import annotations

from functools import cache

from sqlalchemy import Select, bindparam, func, or_, select

from tenants.models import Network
from workspace.chronicle.registry import BEFORE_DAY, LIMIT, NETWORK_IDS, PARTNER_ID, Entry, register_chronicle_query
from workspace.core.dates import ru_date
from workspace.core.i18n import gettext as _
from workspace.extensions import db
from workspace.plans.models import PlanItem, PlanItemInstitution, PlanSection
from workspace.plans.report_models import EventFile, EventParticipation, EventReport

THUMBNAILS = 4  # photos shown per event


def events_held(with_before: bool, with_partner: bool) -> Select:
    """Events with a report, newest last day first: the reports are chosen and cut on their own (an index range
    of each network, ``ix_event_reports_network_id_held_to``), then joined to their item, section and network
    (every report has them: the joins keep every row)."""
    chosen = select(EventReport.id, EventReport.held_from, EventReport.held_to, EventReport.summary,
                    EventReport.item_id, EventReport.network_id).where(EventReport.network_id.in_(NETWORK_IDS))
    if with_before:
        chosen = chosen.where(EventReport.held_to <= BEFORE_DAY)
    if with_partner:
        chosen = chosen.where(or_(
            EventReport.item_id.in_(select(PlanItem.id).join(PlanSection, PlanSection.id == PlanItem.section_id)
                                    .where(PlanSection.partner_institution_id == PARTNER_ID)),
            EventReport.item_id.in_(select(PlanItemInstitution.item_id)
                                    .where(PlanItemInstitution.institution_id == PARTNER_ID)),
            EventReport.id.in_(select(EventParticipation.report_id)
                               .where(EventParticipation.institution_id == PARTNER_ID))))
    reports = chosen.order_by(EventReport.held_to.desc(), EventReport.id.desc()).limit(LIMIT).subquery()
    return (select(reports.c.id, reports.c.held_from, reports.c.held_to.label("day"), reports.c.summary,
                   reports.c.item_id, PlanItem.title.label("title"), PlanItem.plan_id.label("plan_id"),
                   PlanSection.partner_institution_id.label("institution_id"), Network.slug.label("slug"),
                   Network.name.label("network_name"))
            .join(PlanItem, PlanItem.id == reports.c.item_id)
            .join(PlanSection, PlanSection.id == PlanItem.section_id)
            .join(Network, Network.id == reports.c.network_id))


def report_entries(rows) -> list[Entry]:
    kind = _("Мероприятие проведено")
    entries = []
    for row in rows:
        held = ru_date(row.held_from) if row.held_from == row.day else f"{ru_date(row.held_from)} — {ru_date(row.day)}"
        entries.append(Entry(
            when=row.day, kind_label=kind, title=row.title, url="", institution_id=row.institution_id, id=row.id,
            day=row.day, network_name=row.network_name,
            subtitle=" · ".join(part for part in (held, (row.summary or "").strip()) if part),
            link=("plans.edit_report", {"network": row.slug, "plan_id": row.plan_id, "item_id": row.item_id})))
    return entries


@cache
def _photos() -> Select:
    """(report id, file id) of the first ``THUMBNAILS`` photos of the reports ``report_ids``: built once."""
    numbered = (select(EventFile.report_id, EventFile.id,
                       func.row_number().over(partition_by=EventFile.report_id, order_by=EventFile.id).label("number"))
                .where(EventFile.report_id.in_(bindparam("report_ids", expanding=True)),
                       EventFile.content_type.like("image/%"))
                .subquery())
    return (select(numbered.c.report_id, numbered.c.id).where(numbered.c.number <= THUMBNAILS)
            .order_by(numbered.c.report_id, numbered.c.id))


def add_photos(entries: list[Entry]) -> None:
    """The first photos of each report shown: one statement. A photo's address is its report's plus
    ``/files/<id>`` (plans.download_report_file), so no url_for per photo."""
    by_id = {entry.id: entry for entry in entries}
    for report_id, file_id in db.session.execute(_photos(), {"report_ids": list(by_id)}):
        entry = by_id[report_id]
        entry.thumbnails.append(f"{entry.url}/files/{file_id}")


register_chronicle_query("reports", events_held, report_entries, position=10, complete=add_photos)
