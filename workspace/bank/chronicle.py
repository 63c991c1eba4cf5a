"""Chronicle hook: «Новый материал в банке» entries of the given networks, newest first (a part of the
chronicle's one statement, ``register_chronicle_query``)."""
from __future__ import annotations

from functools import partial

from sqlalchemy import Select, select

from tenants.models import Network
from workspace.bank.models import Material
from workspace.chronicle.registry import (
    BEFORE,
    LIMIT,
    NETWORK_IDS,
    PARTNER_ID,
    Entry,
    entries_of,
    register_chronicle_query,
)
from workspace.core.i18n import gettext as _


def added(with_before: bool, with_partner: bool) -> Select:
    """Materials added to the networks; ``partner_id`` keeps one author institution's."""
    statement = (select(Material.id.label("id"), Material.title.label("title"), Material.created_at.label("at"),
                        Material.author_institution_id.label("institution_id"), Network.slug.label("slug"))
                 .join(Network, Network.id == Material.network_id)
                 .where(Material.network_id.in_(NETWORK_IDS)))
    if with_before:
        statement = statement.where(Material.created_at < BEFORE)
    if with_partner:
        statement = statement.where(Material.author_institution_id == PARTNER_ID)
    return statement.order_by(Material.created_at.desc(), Material.id.desc()).limit(LIMIT)


def added_entries(rows) -> list[Entry]:
    kind = _("Новый материал в банке")  # translated in the reader's locale
    return [Entry(row.at, kind, row.title, "", row.institution_id, id=row.id,
                  link=("bank.show_material", {"network": row.slug, "material_id": row.id})) for row in rows]


register_chronicle_query("materials", added, added_entries, position=70)
# the source on its own, as (when, kind label, title, url, institution id) tuples (the plain hook's form)
entries = partial(entries_of, "materials")
