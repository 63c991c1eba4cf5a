"""Global search hook: the passports of the networks of the user's institution, by the programme's name and goal
(one statement, limited, over ``g.network_ids``)."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tenants.models import Network
from workspace.core.labels import label
from workspace.core.text import matches_search_text, search_forms
from workspace.extensions import db
from workspace.passport.models import ProgrammePassport
from workspace.search.registry import register_search_kind


def search_passports(query: str, limit: int) -> list[tuple[str, str, str]]:
    if not search_forms(query) or not g.get("network_ids") or limit <= 0:
        return []
    rows = db.session.execute(
        select(ProgrammePassport.name, ProgrammePassport.status, Network.slug, Network.name.label("network_name"))
        .join(Network, Network.id == ProgrammePassport.network_id)
        .where(ProgrammePassport.network_id.in_(g.network_ids), matches_search_text(ProgrammePassport, query))
        .order_by(ProgrammePassport.id).limit(limit))
    return [(row.name, _("Паспорт программы · %(status)s · %(network)s", status=label(row.status),
                         network=row.network_name),
             url_for("passport.show_passport", network=row.slug)) for row in rows]


register_search_kind("passports", _l("Паспорта программ"), search_passports, position=25)
