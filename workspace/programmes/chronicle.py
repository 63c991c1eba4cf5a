"""Chronicle hook of the programmes area: programmes published in the networks (a part of the chronicle's one
statement, ``register_chronicle_query``)."""
from __future__ import annotations

from functools import partial

from sqlalchemy import Select, select

from tenants.models import Network
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
from workspace.programmes.models import Programme


def published(with_before: bool, with_partner: bool) -> Select:
    """Published programmes, newest first; ``partner_id`` keeps one provider's programmes."""
    statement = (select(Programme.id.label("id"), Programme.title.label("title"), Programme.published_at.label("at"),
                        Programme.provider_institution_id.label("institution_id"), Network.slug.label("slug"))
                 .join(Network, Network.id == Programme.network_id)
                 .where(Programme.network_id.in_(NETWORK_IDS), Programme.is_published.is_(True),
                        Programme.published_at.is_not(None)))
    if with_before:
        statement = statement.where(Programme.published_at < BEFORE)
    if with_partner:
        statement = statement.where(Programme.provider_institution_id == PARTNER_ID)
    return statement.order_by(Programme.published_at.desc(), Programme.id.desc()).limit(LIMIT)


def published_entries(rows) -> list[Entry]:
    kind = _("Опубликована сетевая программа")
    return [Entry(row.at, kind, row.title, "", row.institution_id, id=row.id,
                  link=("programmes.show_programme", {"network": row.slug, "programme_id": row.id})) for row in rows]


register_chronicle_query("programmes", published, published_entries, position=60)
# the source on its own, as (when, kind label, title, url, institution id) tuples (the plain hook's form)
entries = partial(entries_of, "programmes")
