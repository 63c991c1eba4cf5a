"""Access to the bank's materials and the register of normative documents, one helper per kind: each loads
the object through its parent (404 for a foreign one) and, for a change, checks the right (403 for a member
who lacks it). Reading needs no helper beyond the scoped loads of ``queries.py``."""
from __future__ import annotations

from workspace.bank.models import DocumentVersion, Material, MaterialFile, NormativeDocument
from workspace.bank.queries import (
    can_edit_documents,
    can_edit_material,
    get_document_or_404,
    get_material_file_or_404,
    get_material_or_404,
    get_version_or_404,
)
from workspace.core.access import require


def editable_material_or_404(material_id: int) -> Material:
    material = get_material_or_404(material_id)
    require(can_edit_material(material))
    return material


def editable_material_file_or_404(material_id: int, material_file_id: int) -> tuple[Material, MaterialFile]:
    material = get_material_or_404(material_id)
    stored = get_material_file_or_404(material, material_file_id)
    require(can_edit_material(material))
    return material, stored


def document_or_404(document_id: int, *, for_edit: bool = False) -> NormativeDocument:
    """A document of the register: read by the network, changed (``for_edit``) by the base's managers."""
    document = get_document_or_404(document_id)
    if for_edit:
        require(can_edit_documents())
    return document


def editable_version_or_404(document_id: int, version_id: int) -> tuple[NormativeDocument, DocumentVersion]:
    document = get_document_or_404(document_id)
    version = get_version_or_404(document, version_id)
    require(can_edit_documents())
    return document, version
