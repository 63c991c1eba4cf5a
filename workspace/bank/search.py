"""Global search hook: materials and normative documents of the current user's networks."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _
from sqlalchemy import String, and_, cast, literal_column, or_, select, union_all

from tenants.models import Network

from workspace.bank.models import Direction, DocumentKind, Material, NormativeDocument, fold
from workspace.bank.queries import like_pattern
from workspace.core.labels import label
from workspace.extensions import db
from workspace.search.matching import contains


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of materials, then documents, whose text holds every word of ``query``: one
    statement (a UNION ALL of both, newest first within each, limited as a whole).

    The scope of the request (``g.network_ids`` in an institution context) limits the rows; materials are
    compared on their folded copy, documents on the folded title and number (case- and ё-insensitive on
    SQLite and PostgreSQL)."""
    words = fold(query).split()[:8]
    if not words or not g.get("network_ids") or limit <= 0:
        return []
    materials = (select(literal_column("0").label("part"), Material.id, Material.title,
                        cast(Material.direction, String).label("tag"), Network.slug)
                 .join(Network, Network.id == Material.network_id)
                 .where(Material.network_id.in_(g.network_ids),
                        *[Material.search_text.like(like_pattern(word), escape="\\") for word in words]))
    documents = (select(literal_column("1"), NormativeDocument.id, NormativeDocument.title,
                        cast(NormativeDocument.kind, String), Network.slug)
                 .join(Network, Network.id == NormativeDocument.network_id)
                 .where(NormativeDocument.network_id.in_(g.network_ids),
                        and_(*[or_(contains(NormativeDocument.title, word), contains(NormativeDocument.number, word))
                               for word in words])))
    both = union_all(materials, documents).subquery()
    rows = db.session.execute(select(both).order_by(both.c.part, both.c.id.desc()).limit(limit))
    results = []
    for row in rows:
        if row.part == 0:
            results.append((row.title, _("Банк лучших практик · %(direction)s", direction=label(Direction(row.tag))),
                            url_for("bank.show_material", network=row.slug, material_id=row.id)))
        else:
            results.append((row.title, _("Нормативный документ · %(kind)s", kind=label(DocumentKind(row.tag))),
                            url_for("bank.show_document", network=row.slug, document_id=row.id)))
    return results
