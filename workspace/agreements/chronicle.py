"""Chronicle hook: agreements that came into force («Договор подписан»), newest first.

Only what the current user may see: agreements of their institution, all of a network where they hold
a council seat, and published ones. ``institution_id`` of an entry is the partner it concerns: the
asked ``partner_id``, else the first party that is not the network's base institution. A part of the
chronicle's one statement (``register_chronicle_query``): the seats and the concerned party are subqueries."""
from __future__ import annotations

from functools import partial

from sqlalchemy import Integer, Select, cast, exists, or_, select

from tenants.models import Network, Seat
from workspace.agreements.models import Agreement, AgreementParty
from workspace.chronicle.registry import (
    BEFORE,
    LIMIT,
    NETWORK_IDS,
    PARTNER_ID,
    USER_ID,
    USER_INSTITUTION_ID,
    Entry,
    entries_of,
    register_chronicle_query,
)
from workspace.core.i18n import gettext as _


def _first_other_party():
    """The first party (by position) that is not the network's base institution."""
    return (select(AgreementParty.institution_id)
            .where(AgreementParty.agreement_id == Agreement.id,
                   AgreementParty.institution_id != Network.base_institution_id)
            .order_by(AgreementParty.position, AgreementParty.id).limit(1).scalar_subquery())


def signed(with_before: bool, with_partner: bool) -> Select:
    # the user's seats: read under the page's scope, which holds every network of the page
    seats = select(Seat.network_id).where(Seat.user_id == USER_ID)
    mine = exists().where(AgreementParty.agreement_id == Agreement.id,
                          AgreementParty.institution_id == USER_INSTITUTION_ID)
    concerned = cast(PARTNER_ID, Integer) if with_partner else _first_other_party()
    statement = (select(Agreement.id.label("id"), Agreement.activated_at.label("at"), Agreement.title.label("title"),
                        concerned.label("institution_id"), Network.slug.label("slug"))
                 .join(Network, Network.id == Agreement.network_id)
                 .where(Agreement.network_id.in_(NETWORK_IDS), Agreement.activated_at.is_not(None),
                        or_(Agreement.is_published, mine, Agreement.network_id.in_(seats))))
    if with_before:
        statement = statement.where(Agreement.activated_at < BEFORE)
    if with_partner:
        statement = statement.where(exists().where(AgreementParty.agreement_id == Agreement.id,
                                                   AgreementParty.institution_id == PARTNER_ID))
    return statement.order_by(Agreement.activated_at.desc(), Agreement.id.desc()).limit(LIMIT)


def signed_entries(rows) -> list[Entry]:
    kind = _("Договор подписан")
    return [Entry(row.at, kind, row.title, "", row.institution_id, id=row.id,
                  link=("agreements.show_agreement", {"network": row.slug, "agreement_id": row.id})) for row in rows]


register_chronicle_query("agreements", signed, signed_entries, position=40)
# the source on its own, as (when, kind label, title, url, institution id) tuples (the plain hook's form)
entries = partial(entries_of, "agreements")
