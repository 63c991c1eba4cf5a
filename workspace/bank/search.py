"""Global search hook: materials and normative documents of the current user's networks."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, cast, literal_column, select, union_all

from tenants.models import Network
from workspace.bank.models import Direction, DocumentKind, Material, NormativeDocument
from workspace.core.labels import label
from workspace.core.text import matches_search_text, search_forms
from workspace.extensions import db
from workspace.search.registry import register_search_kind


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of materials, then documents, whose text holds every word of ``query`` in any
    form: one statement (a UNION ALL of both, newest first within each, limited as a whole).

    The scope of the request (``g.network_ids`` in an institution context) limits the rows; materials are
    matched on their stored ``search_text`` (materials: title, description, audience, tags; documents: number and
    title)."""
    if not search_forms(query) or not g.get("network_ids") or limit <= 0:
        return []
    materials = (select(literal_column("0").label("part"), Material.id, Material.title,
                        cast(Material.direction, String).label("tag"), Network.slug)
                 .join(Network, Network.id == Material.network_id)
                 .where(Material.network_id.in_(g.network_ids),
                        matches_search_text(Material, query)))
    documents = (select(literal_column("1"), NormativeDocument.id, NormativeDocument.title,
                        cast(NormativeDocument.kind, String), Network.slug)
                 .join(Network, Network.id == NormativeDocument.network_id)
                 .where(NormativeDocument.network_id.in_(g.network_ids),
                        matches_search_text(NormativeDocument, query)))
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


register_search_kind("materials", _l("Банк практик и документы"), search, position=90)
