"""Global search hook: agreements the current user may see, by title and number (subject too, for those
who see the agreement in full). The request's scope is an institution context (``g.institution``,
``g.network_ids``). Every word of the query is found in any form (``matches_search_text`` on the stored
``Agreement.search_text``; its Python twin ``text_matches`` for the title alone, see ``workspace.core.text``)."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from tenants.models import Network
from tenants.resolution import seat_network_ids
from workspace.agreements.models import Agreement, AgreementParty
from workspace.core.labels import label
from workspace.core.text import matches_search_text, search_forms, text_matches
from workspace.extensions import db
from workspace.search.registry import register_search_kind


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    network_ids = list(g.get("network_ids") or [])
    if not search_forms(query) or not network_ids or limit <= 0:
        return []
    rows = db.session.execute(
        select(Agreement, Network.slug)
        .join(Network, Network.id == Agreement.network_id)
        .where(Agreement.network_id.in_(network_ids), matches_search_text(Agreement, query))
        .order_by(Agreement.signed_on.desc(), Agreement.id.desc()).limit(limit * 4)).all()
    if not rows:
        return []
    seats = set(seat_network_ids(current_user.id))
    mine = set(db.session.scalars(select(AgreementParty.agreement_id).where(
        AgreementParty.agreement_id.in_([agreement.id for agreement, _slug in rows]),
        AgreementParty.institution_id == current_user.institution_id)))
    results = []
    for agreement, slug in rows:
        url = url_for("agreements.show_agreement", network=slug, agreement_id=agreement.id)
        if agreement.id in mine or agreement.network_id in seats:
            results.append((agreement.title, _("Договор № %(number)s", number=agreement.number) + " · "
                            + label(agreement.effective_status()), url))
        elif agreement.is_published and text_matches(agreement.title, query):
            results.append((agreement.title, _("Договор"), url))
        if len(results) >= limit:
            break
    return results


register_search_kind("agreements", _l("Договоры"), search, position=70)
