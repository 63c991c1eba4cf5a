"""Global search kind: materials and normative documents of the current user's networks (one part of the search
statement, see ``workspace.search.registry``)."""
from __future__ import annotations

from sqlalchemy import Integer, String, cast, literal_column, select, union_all

from tenants.models import Network
from workspace.bank.models import Direction, DocumentKind, Material, NormativeDocument
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.core.templating import id_url
from workspace.core.text import SearchShape
from workspace.search.registry import Part, network_ids, register_search_kind, relevance, search_kind


def materials_statement(shape: SearchShape) -> Part:
    """Materials and documents whose text holds every word of ``query`` in any form: a UNION ALL of both, best
    first (their relevance), then materials before documents and newest first, limited as a whole.

    The request's networks limits the rows; materials are
    matched on their stored ``search_text`` (materials: title, description, audience, tags; documents: number and
    title)."""
    materials = (select(literal_column("0", Integer).label("part"), Material.id, Material.title,
                        cast(Material.direction, String).label("tag"), Network.slug,
                        relevance(shape, Material.search_text, Material.title).label("relevance"))
                 .join(Network, Network.id == Material.network_id)
                 .where(Material.network_id.in_(network_ids), shape.matches(Material.search_text)))
    documents = (select(literal_column("1", Integer), NormativeDocument.id, NormativeDocument.title,
                        cast(NormativeDocument.kind, String), Network.slug,
                        relevance(shape, NormativeDocument.search_text, NormativeDocument.title))
                 .join(Network, Network.id == NormativeDocument.network_id)
                 .where(NormativeDocument.network_id.in_(network_ids), shape.matches(NormativeDocument.search_text)))
    both = union_all(materials, documents).subquery()
    return Part(select(both), (both.c.part, both.c.id.desc()), relevance=both.c.relevance)


def present_materials(rows, _query: str, _limit: int) -> list[tuple[str, str, str]]:
    results = []
    for row in rows:
        if row.part == 0:
            results.append((row.title, _("Банк лучших практик · %(direction)s", direction=label(Direction(row.tag))),
                            id_url("bank.show_material", "material_id", row.id, network=row.slug)))
        else:
            results.append((row.title, _("Нормативный документ · %(kind)s", kind=label(DocumentKind(row.tag))),
                            id_url("bank.show_document", "document_id", row.id, network=row.slug)))
    return results


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of the materials and documents found, best first: at most ``limit``."""
    return search_kind("materials", query, limit)


register_search_kind("materials", _l("Банк практик и документы"), materials_statement, present_materials,
                     position=90)
