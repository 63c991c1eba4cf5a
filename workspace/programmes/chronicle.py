"""Chronicle hook of the programmes area: programmes published in the networks."""
from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from tenants.models import Network
from workspace.chronicle.registry import register_chronicle_source
from workspace.extensions import db
from workspace.programmes.models import Programme


def entries(network_ids: list[int], before: datetime | None, limit: int,
            partner_id: int | None) -> list[tuple[datetime, str, str, str, int | None]]:
    """(when, kind label, title, url, provider institution id), newest first. ``partner_id`` keeps one
    provider's programmes."""
    if not network_ids or limit <= 0:
        return []
    statement = (select(Programme.id, Programme.title, Programme.published_at, Programme.provider_institution_id,
                        Network.slug)
                 .join(Network, Network.id == Programme.network_id)
                 .where(Programme.network_id.in_(network_ids), Programme.is_published.is_(True),
                        Programme.published_at.is_not(None))
                 .order_by(Programme.published_at.desc(), Programme.id.desc()).limit(limit))
    if before is not None:
        statement = statement.where(Programme.published_at < before)
    if partner_id is not None:
        statement = statement.where(Programme.provider_institution_id == partner_id)
    return [(row.published_at, _("Опубликована сетевая программа"), row.title,
             url_for("programmes.show_programme", network=row.slug, programme_id=row.id), row.provider_institution_id)
            for row in db.session.execute(statement)]


register_chronicle_source("programmes", entries, position=60)
