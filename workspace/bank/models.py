"""Materials of the bank with their files and tags; normative documents with their versions.

Children carry their network and reach their parent through a composite foreign key
(parent_id, network_id), as plan items do: a tampered id cannot hang a row under another network.
"""
from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.core.stored_files import StoredFile
from workspace.core.text import keep_search_text
from workspace.extensions import db


class Direction(enum.Enum):
    """The six directions of supplementary education."""
    TECHNICAL = "technical"
    NATURAL_SCIENCE = "natural_science"
    SPORTS = "sports"
    ARTS = "arts"
    TOURISM = "tourism"
    SOCIAL = "social"


class DocumentKind(enum.Enum):
    REGULATION = "regulation"
    ORDER = "order"
    PROTOCOL = "protocol"
    AGREEMENT = "agreement"
    PLAN = "plan"
    OTHER = "other"


def fold(text: str) -> str:
    """The search form of a text: case- and ё-insensitive, computed in Python (SQLite's lower() folds ASCII only)."""
    return " ".join((text or "").casefold().replace("ё", "е").split())


class Material(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "materials"
    __table_args__ = (UniqueConstraint("id", "network_id"),
                      # the chronicle reads a network's newest first and stops at a page
                      Index("ix_materials_network_id_created_at", "network_id", "created_at", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(400))
    description: Mapped[str] = mapped_column(Text, default="")
    direction: Mapped[Direction] = mapped_column(db_enum(Direction, "material_direction"))
    audience: Mapped[str] = mapped_column(String(200), default="")
    grade_from: Mapped[int | None] = mapped_column(SmallInteger)
    grade_to: Mapped[int | None] = mapped_column(SmallInteger)
    author_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    tags: Mapped[str] = mapped_column(String(400), default="")  # as typed, comma-separated; rows in material_tags
    # Where the material came from: a generic (kind, id) link — "plan_item" today, "project" later.
    source_kind: Mapped[str | None] = mapped_column(String(32))
    source_id: Mapped[int | None] = mapped_column(Integer)
    search_text: Mapped[str] = mapped_column(Text, default="")  # kept by keep_search_text() below
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title[:120]


keep_search_text(Material, "title", "description", "audience", "tags")


class MaterialTag(NetworkOwned, db.Model):
    __tablename__ = "material_tags"
    __table_args__ = (
        ForeignKeyConstraint(["material_id", "network_id"], ["materials.id", "materials.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("material_id", "tag"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(Integer, index=True)
    tag: Mapped[str] = mapped_column(String(60), index=True)  # folded


class MaterialFile(NetworkOwned, StoredFile, db.Model):
    """A file of a material, kept in the database like an event report's photos."""

    __tablename__ = "material_files"
    __table_args__ = (
        ForeignKeyConstraint(["material_id", "network_id"], ["materials.id", "materials.network_id"],
                             ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(Integer, index=True)

    def audit_subject(self):
        return Material, self.material_id


class NormativeDocument(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "normative_documents"
    __table_args__ = (UniqueConstraint("id", "network_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[DocumentKind] = mapped_column(db_enum(DocumentKind, "document_kind"))
    number: Mapped[str] = mapped_column(String(60), default="")
    title: Mapped[str] = mapped_column(String(400))
    approved_on: Mapped[date | None] = mapped_column(Date)
    # the search words of the number and the title, kept by keep_search_text() below: what the global search matches
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title[:120]


keep_search_text(NormativeDocument, "number", "title")


class DocumentVersion(NetworkOwned, StoredFile, db.Model):
    __tablename__ = "document_versions"
    __table_args__ = (
        ForeignKeyConstraint(["document_id", "network_id"], ["normative_documents.id", "normative_documents.network_id"],
                             ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer, index=True)
    approved_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(400), default="")
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)

    def audit_label(self) -> str:
        return f"{self.filename} ({self.approved_on:%d.%m.%Y})"

    def audit_subject(self):
        return NormativeDocument, self.document_id


register({
    Direction.TECHNICAL: _l("Техническая"),
    Direction.NATURAL_SCIENCE: _l("Естественнонаучная"),
    Direction.SPORTS: _l("Физкультурно-спортивная"),
    Direction.ARTS: _l("Художественная"),
    Direction.TOURISM: _l("Туристско-краеведческая"),
    Direction.SOCIAL: _l("Социально-гуманитарная"),
    DocumentKind.REGULATION: _l("Положение"),
    DocumentKind.ORDER: _l("Приказ"),
    DocumentKind.PROTOCOL: _l("Протокол"),
    DocumentKind.AGREEMENT: _l("Соглашение"),
    DocumentKind.PLAN: _l("План, программа"),
    DocumentKind.OTHER: _l("Другой документ"),
})
