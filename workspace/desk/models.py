"""Internal notes of an institution: private to it, shown on its desk."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants.scoping import InstitutionOwned
from workspace.core.models import CreatedAtMixin
from workspace.extensions import db


class Note(InstitutionOwned, CreatedAtMixin, db.Model):
    __tablename__ = "notes"
    # The desk shows an institution's newest notes: read from the index, never sorted in full.
    __table_args__ = (Index("ix_notes_institution_id_created_at", "institution_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)

    author: Mapped[User | None] = relationship(lazy="raise")  # noqa: F821

    def audit_label(self) -> str:
        return self.body[:60]


from workspace.accounts.models import User  # noqa: E402,F401
