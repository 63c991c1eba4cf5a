"""Chronicle hook: «Новый материал в банке» entries of the given networks, newest first."""
from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from tenants.models import Network
from workspace.bank.models import Material
from workspace.chronicle.registry import register_chronicle_source
from workspace.extensions import db


def entries(network_ids: list[int], before: datetime | None, limit: int,
            partner_id: int | None) -> list[tuple[datetime, str, str, str, int | None]]:
    """(when, kind label, title, url, author institution id) of materials added to the networks."""
    if not network_ids:
        return []
    statement = (select(Material.id, Material.title, Material.created_at, Material.author_institution_id,
                        Network.slug)
                 .join(Network, Network.id == Material.network_id)
                 .where(Material.network_id.in_(network_ids))
                 .order_by(Material.created_at.desc(), Material.id.desc()).limit(limit))
    if before is not None:
        statement = statement.where(Material.created_at < before)
    if partner_id is not None:
        statement = statement.where(Material.author_institution_id == partner_id)
    kind = _("Новый материал в банке")  # translated in the reader's locale (it was a bare Russian constant)
    return [(row.created_at, kind, row.title, url_for("bank.show_material", network=row.slug, material_id=row.id),
             row.author_institution_id) for row in db.session.execute(statement)]


register_chronicle_source("materials", entries, position=70)
