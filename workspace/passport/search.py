"""Global search kind: the passports of the networks of the user's institution, by the programme's name and goal
(one part of the search statement over the request's networks, see ``workspace.search.registry``)."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from tenants.models import Network
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.core.text import SearchShape
from workspace.passport.models import ProgrammePassport
from workspace.search.registry import Part, network_ids, register_search_kind, relevance


def passports_statement(shape: SearchShape) -> Part:
    return Part(select(ProgrammePassport.name, ProgrammePassport.status, Network.slug,
                       Network.name.label("network_name"))
                .join(Network, Network.id == ProgrammePassport.network_id)
                .where(ProgrammePassport.network_id.in_(network_ids), shape.matches(ProgrammePassport.search_text)),
                (ProgrammePassport.id,),
                relevance=relevance(shape, ProgrammePassport.search_text, ProgrammePassport.name))


def present_passports(rows, _query: str, _limit: int) -> list[tuple[str, str, str]]:
    return [(row.name, _("Паспорт программы · %(status)s · %(network)s", status=label(row.status),
                         network=row.network_name),
             url_for("passport.show_passport", network=row.slug)) for row in rows]


register_search_kind("passports", _l("Паспорта программ"), passports_statement, present_passports, position=25)
