"""Chronicle pages: a network's, and an institution's across all its networks (same template)."""
from __future__ import annotations

from flask import current_app, g, request, url_for
from flask_login import login_required

from tenants.queries import member_institutions
from workspace.chronicle import bp
from workspace.chronicle.registry import Cursor, page_of_entries
from workspace.core.rendering import render

PAGE_SIZE = 20
PARTIALS = {"chronicle-more": "chronicle/_entries.html"}


def _chronicle(endpoint: str, network_ids: list[int], *, owner_name: str, across_networks: bool):
    partners = member_institutions(network_ids)
    partner = request.args.get("partner", "")
    partner_id = int(partner) if partner.isdigit() and int(partner) in {pid for pid, _name in partners} else None
    cursor = Cursor.parse(request.args.get("before"))
    size = current_app.config.get("CHRONICLE_PAGE_SIZE", PAGE_SIZE)
    entries, next_cursor = page_of_entries(network_ids, cursor, size, partner_id)
    filters = {"partner": partner_id} if partner_id else {}
    next_url = url_for(endpoint, before=str(next_cursor), **filters) if next_cursor else None
    return render("chronicle/page.html", partials=PARTIALS, entries=entries, next_url=next_url,
                  partners=partners, partner_id=partner_id, is_continuation=cursor is not None,
                  endpoint=endpoint, owner_name=owner_name, across_networks=across_networks)


@bp.get("/n/<network>/chronicle")
@login_required
def network_chronicle():
    return _chronicle("chronicle.network_chronicle", [g.network.id], owner_name=g.network.name,
                      across_networks=False)


@bp.get("/i/<institution>/chronicle")
@login_required
def institution_chronicle():
    return _chronicle("chronicle.institution_chronicle", g.network_ids, owner_name=g.institution.short_name,
                      across_networks=True)
