"""Global search hook: materials and normative documents of the current user's networks."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from tenants.models import Network

from workspace.bank.models import Material, NormativeDocument, fold
from workspace.bank.queries import like_pattern
from workspace.core.labels import label
from workspace.extensions import db


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of materials and documents whose text holds every word of ``query``.

    The scope of the request (``g.network_ids`` in an institution context) limits the rows; the
    comparison is on a folded copy kept in Python terms (case- and ё-insensitive on SQLite and PostgreSQL)."""
    words = fold(query).split()[:8]
    if not words or not g.get("network_ids"):
        return []
    statement = (select(Material.id, Material.title, Material.direction, Network.slug)
                 .join(Network, Network.id == Material.network_id).where(Material.network_id.in_(g.network_ids)))
    for word in words:
        statement = statement.where(Material.search_text.like(like_pattern(word), escape="\\"))
    results = [(row.title, _("Банк лучших практик · %(direction)s", direction=label(row.direction)),
                url_for("bank.show_material", network=row.slug, material_id=row.id))
               for row in db.session.execute(statement.order_by(Material.id.desc()).limit(limit))]
    if len(results) < limit:
        documents = db.session.execute(select(NormativeDocument.id, NormativeDocument.title, NormativeDocument.kind,
                                              NormativeDocument.number, Network.slug)
                                       .join(Network, Network.id == NormativeDocument.network_id)
                                       .where(NormativeDocument.network_id.in_(g.network_ids))
                                       .order_by(NormativeDocument.id.desc()))
        for row in documents:
            text = fold(f"{row.title} {row.number}")
            if all(word in text for word in words):
                results.append((row.title, _("Нормативный документ · %(kind)s", kind=label(row.kind)),
                                url_for("bank.show_document", network=row.slug, document_id=row.id)))
                if len(results) >= limit:
                    break
    return results
