"""Global search kind: agreements the current user may see, by title and number (subject too, for those
who see the agreement in full). The request's scope is an institution context (``g.institution``,
``g.network_ids``). Every word of the query is found in any form (the stored ``Agreement.search_text``; its Python twin ``text_matches`` for the title alone, see ``workspace.core.text``).
One part of the search statement (``workspace.search.registry``): whether the user's institution is a party and
whether the user holds a seat of the agreement's network come with each row."""
from __future__ import annotations

from sqlalchemy import exists, select

from tenants.models import Network, Seat
from workspace.agreements.models import Agreement, AgreementParty, effective_status
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.core.templating import id_url
from workspace.core.text import SearchShape, text_matches
from workspace.search.registry import (
    Part,
    network_ids,
    register_search_kind,
    relevance,
    search_kind,
    user_id,
    user_institution_id,
)

CANDIDATES = 4  # rows read per result asked: those the user sees in full or by title only are chosen among them


def agreements_statement(shape: SearchShape) -> Part:
    is_party = exists().where(AgreementParty.agreement_id == Agreement.id,
                              AgreementParty.institution_id == user_institution_id)
    has_seat = exists().where(Seat.network_id == Agreement.network_id, Seat.user_id == user_id)
    return Part(select(Agreement.id, Agreement.title, Agreement.number, Agreement.status, Agreement.ends_on,
                       Agreement.is_published, Network.slug, is_party.label("is_party"), has_seat.label("has_seat"))
                .join(Network, Network.id == Agreement.network_id)
                .where(Agreement.network_id.in_(network_ids), shape.matches(Agreement.search_text)),
                (Agreement.signed_on.desc(), Agreement.id.desc()), CANDIDATES,
                relevance(shape, Agreement.search_text, Agreement.title))


def present_agreements(rows, query: str, limit: int) -> list[tuple[str, str, str]]:
    results = []
    for row in rows:
        url = id_url("agreements.show_agreement", "agreement_id", row.id, network=row.slug)
        if row.is_party or row.has_seat:
            results.append((row.title, _("Договор № %(number)s", number=row.number) + " · "
                            + label(effective_status(row.status, row.ends_on)), url))
        elif row.is_published and text_matches(row.title, query):
            results.append((row.title, _("Договор"), url))
        if len(results) >= limit:
            break
    return results


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of the agreements found, at most ``limit``."""
    return search_kind("agreements", query, limit)


register_search_kind("agreements", _l("Договоры"), agreements_statement, present_agreements, position=70)
