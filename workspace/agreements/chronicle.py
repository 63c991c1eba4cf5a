"""Chronicle hook: agreements that came into force («Договор подписан»), newest first.

Only what the current user may see: agreements of their institution, all of a network where they hold
a council seat, and published ones. ``institution_id`` of an entry is the partner it concerns: the
asked ``partner_id``, else the first party that is not the network's base institution."""
from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import exists, or_, select

from tenants.models import Network
from tenants.resolution import seat_network_ids
from workspace.agreements.models import Agreement, AgreementParty
from workspace.agreements.queries import parties_of
from workspace.chronicle.registry import register_chronicle_source
from workspace.extensions import db


def entries(network_ids: list[int], before: datetime | None, limit: int,
            partner_id: int | None) -> list[tuple[datetime, str, str, str, int | None]]:
    if not network_ids or limit <= 0:
        return []
    seats = [network_id for network_id in seat_network_ids(current_user.id) if network_id in network_ids]
    mine = exists().where(AgreementParty.agreement_id == Agreement.id,
                          AgreementParty.institution_id == current_user.institution_id)
    statement = (select(Agreement, Network.slug, Network.base_institution_id)
                 .join(Network, Network.id == Agreement.network_id)
                 .where(Agreement.network_id.in_(network_ids), Agreement.activated_at.is_not(None),
                        or_(Agreement.is_published, mine, Agreement.network_id.in_(seats)))
                 .order_by(Agreement.activated_at.desc(), Agreement.id.desc()).limit(limit))
    if before is not None:
        statement = statement.where(Agreement.activated_at < before)
    if partner_id is not None:
        statement = statement.where(exists().where(AgreementParty.agreement_id == Agreement.id,
                                                   AgreementParty.institution_id == partner_id))
    rows = db.session.execute(statement).all()
    parties = parties_of([agreement.id for agreement, _slug, _base in rows]) if rows else {}
    result = []
    for agreement, slug, base_id in rows:
        concerned = partner_id or next((party.institution_id for party in parties.get(agreement.id, [])
                                        if party.institution_id != base_id), None)
        result.append((agreement.activated_at, _("Договор подписан"), agreement.title,
                       url_for("agreements.show_agreement", network=slug, agreement_id=agreement.id), concerned))
    return result


register_chronicle_source("agreements", entries, position=40)
