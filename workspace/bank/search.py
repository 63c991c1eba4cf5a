"""Global search hook: materials and normative documents of the current user's networks."""
from __future__ import annotations

from flask import g, url_for
from sqlalchemy import select

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
    from tenants.models import Network
    names = dict(db.session.execute(select(Network.id, Network.slug).where(Network.id.in_(g.network_ids))).all())
    statement = select(Material.id, Material.title, Material.direction, Material.network_id)
    for word in words:
        statement = statement.where(Material.search_text.like(like_pattern(word), escape="\\"))
    results = [(row.title, f"Банк лучших практик · {label(row.direction)}",
                url_for("bank.show_material", network=names[row.network_id], material_id=row.id))
               for row in db.session.execute(statement.order_by(Material.id.desc()).limit(limit))
               if row.network_id in names]
    if len(results) < limit:
        documents = db.session.execute(select(NormativeDocument.id, NormativeDocument.title, NormativeDocument.kind,
                                              NormativeDocument.number, NormativeDocument.network_id)
                                       .order_by(NormativeDocument.id.desc()))
        for row in documents:
            text = fold(f"{row.title} {row.number}")
            if row.network_id in names and all(word in text for word in words):
                results.append((row.title, f"Нормативный документ · {label(row.kind)}",
                                url_for("bank.show_document", network=names[row.network_id], document_id=row.id)))
                if len(results) >= limit:
                    break
    return results
