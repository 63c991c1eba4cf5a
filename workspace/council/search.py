"""Global search kind of the council: meetings and e-votes of the networks of the user's institution, found by a
question of their agenda or by their place (one part of the search statement, see ``workspace.search.registry``)."""
from __future__ import annotations

from sqlalchemy import select

from tenants.models import Network
from workspace.core.dates import ru_date
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.templating import id_url
from workspace.core.text import SearchShape
from workspace.council.models import AgendaItem, Meeting, MeetingKind
from workspace.search.registry import Part, network_ids, register_search_kind, relevance


def meetings_statement(shape: SearchShape) -> Part:
    return Part(select(Meeting.id, Meeting.kind, Meeting.number, Meeting.held_on, Meeting.cancelled_at,
                       AgendaItem.title, Network.slug, Network.name)
                .join(AgendaItem, AgendaItem.meeting_id == Meeting.id).join(Network, Network.id == Meeting.network_id)
                .where(Meeting.network_id.in_(network_ids), shape.matches(AgendaItem.search_text, Meeting.search_text)),
                (Meeting.held_on.desc(), Meeting.id.desc(), AgendaItem.position, AgendaItem.id),
                relevance=relevance(shape, AgendaItem.search_text, AgendaItem.title))


def present_meetings(rows, _query: str, _limit: int) -> list[tuple[str, str, str]]:
    results = []
    for row in rows:
        heading = (_("Заочное голосование № %(number)s", number=row.number) if row.kind == MeetingKind.E_VOTE
                   else _("Заседание совета № %(number)s", number=row.number))
        if row.cancelled_at is not None:
            heading = _("%(meeting)s (отменено)", meeting=heading)
        results.append((row.title, f"{heading}, {ru_date(row.held_on)} · {row.name}",
                        id_url("council.show_meeting", "meeting_id", row.id, network=row.slug)))
    return results


register_search_kind("meetings", _l("Заседания совета"), meetings_statement, present_meetings, position=30)
