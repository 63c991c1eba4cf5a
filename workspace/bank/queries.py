"""Scoped loads of the bank and the register; who of the network may write what."""
from __future__ import annotations

from dataclasses import dataclass

from flask import g
from flask_login import current_user
from sqlalchemy import func, select

from tenants.models import Institution, Membership
from tenants.permissions import MANAGERS, has_role, is_base_manager
from workspace.accounts.models import StaffRole
from workspace.bank.models import (
    Direction,
    DocumentVersion,
    Material,
    MaterialFile,
    MaterialTag,
    NormativeDocument,
    fold,
)
from workspace.core.pagination import Page, paginate
from workspace.core.text import matches_search_text
from workspace.extensions import db

TAG_CLOUD = 30


def get_material_or_404(material_id: int) -> Material:
    return db.first_or_404(select(Material).where(Material.id == material_id))


def get_material_file_or_404(material: Material, file_id: int) -> MaterialFile:
    return db.first_or_404(select(MaterialFile).where(MaterialFile.id == file_id,
                                                      MaterialFile.material_id == material.id))


def get_document_or_404(document_id: int) -> NormativeDocument:
    return db.first_or_404(select(NormativeDocument).where(NormativeDocument.id == document_id))


def get_version_or_404(document: NormativeDocument, version_id: int) -> DocumentVersion:
    return db.first_or_404(select(DocumentVersion).where(DocumentVersion.id == version_id,
                                                         DocumentVersion.document_id == document.id))


# who may write

def can_add_material() -> bool:
    """Teachers, coordinators and admins of a member institution share their materials (a council seat alone,
    or read-only staff, reads)."""
    return g.get("membership") is not None and has_role(*MANAGERS, StaffRole.TEACHER)


def can_edit_material(material: Material) -> bool:
    """The author institution's managers, and a teacher the material he added himself."""
    if current_user.institution_id != material.author_institution_id:
        return False
    return has_role(*MANAGERS) or (has_role(StaffRole.TEACHER) and material.author_id == current_user.id)


def can_edit_documents() -> bool:
    return is_base_manager(g.network)


# the list

@dataclass(frozen=True)
class Filters:
    query: str = ""
    direction: Direction | None = None
    institution_id: int | None = None
    tag: str = ""

    @property
    def active(self) -> bool:
        return bool(self.query or self.direction or self.institution_id or self.tag)

    def args(self) -> dict:
        """The filters as URL arguments (for the pager and the links of tags)."""
        values = {"q": self.query, "direction": self.direction.value if self.direction else "",
                  "institution": self.institution_id or "", "tag": self.tag}
        return {key: value for key, value in values.items() if value}


def read_filters(args) -> Filters:
    direction = args.get("direction") or ""
    try:
        chosen = Direction(direction) if direction else None
    except ValueError:
        chosen = None
    return Filters(query=(args.get("q") or "").strip()[:200], direction=chosen,
                   institution_id=args.get("institution", type=int) or None, tag=fold(args.get("tag") or "")[:60])


def materials_page(filters: Filters) -> Page:
    """A page of materials as column tuples with the author's name: two statements."""
    statement = (select(Material.id, Material.title, Material.description, Material.direction, Material.audience,
                        Material.tags, Material.created_at, Institution.short_name.label("author"))
                 .join(Institution, Institution.id == Material.author_institution_id)
                 .order_by(Material.created_at.desc(), Material.id.desc()))
    if filters.query:
        statement = statement.where(matches_search_text(Material, filters.query))
    if filters.direction:
        statement = statement.where(Material.direction == filters.direction)
    if filters.institution_id:
        statement = statement.where(Material.author_institution_id == filters.institution_id)
    if filters.tag:
        statement = statement.where(Material.id.in_(select(MaterialTag.material_id)
                                                    .where(MaterialTag.tag == filters.tag)))
    return paginate(statement, scalars=False)


def author_choices() -> list[tuple[int, str]]:
    """Member institutions of the network (the author filter)."""
    return [(row.id, row.short_name) for row in db.session.execute(
        select(Institution.id, Institution.short_name).join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == g.network.id).order_by(Institution.short_name))]


def tag_cloud() -> list[tuple[str, int]]:
    count = func.count(MaterialTag.id)
    return [(row.tag, row.n) for row in db.session.execute(
        select(MaterialTag.tag, count.label("n")).group_by(MaterialTag.tag).order_by(count.desc(), MaterialTag.tag)
        .limit(TAG_CLOUD))]


def files_of(material: Material) -> list:
    return list(db.session.execute(
        select(MaterialFile.id, MaterialFile.filename, MaterialFile.content_type, MaterialFile.size,
               MaterialFile.created_at).where(MaterialFile.material_id == material.id).order_by(MaterialFile.id)))


def institution_name(institution_id: int) -> str:
    return db.session.scalar(select(Institution.short_name).where(Institution.id == institution_id)) or ""


# the register

def documents_with_current() -> list:
    """Every document with its current version's id, date and file name (one statement)."""
    return list(db.session.execute(
        select(NormativeDocument.id, NormativeDocument.kind, NormativeDocument.number, NormativeDocument.title,
               NormativeDocument.approved_on, DocumentVersion.id.label("version_id"),
               DocumentVersion.approved_on.label("version_on"), DocumentVersion.filename)
        .outerjoin(DocumentVersion, (DocumentVersion.document_id == NormativeDocument.id)
                   & DocumentVersion.is_current.is_(True))
        .order_by(NormativeDocument.kind, NormativeDocument.approved_on.desc(), NormativeDocument.id)))


def versions_of(document: NormativeDocument) -> list:
    return list(db.session.execute(
        select(DocumentVersion.id, DocumentVersion.approved_on, DocumentVersion.note, DocumentVersion.is_current,
               DocumentVersion.filename, DocumentVersion.size)
        .where(DocumentVersion.document_id == document.id)
        .order_by(DocumentVersion.approved_on.desc(), DocumentVersion.id.desc())))
