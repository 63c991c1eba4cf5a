from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import InstitutionOwned, NetworkOwned
from workspace.core.models import utcnow
from workspace.extensions import db


class _AuditColumns:
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column("created_at", DateTime(timezone=True), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(16))  # created, changed, deleted
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[int] = mapped_column(Integer)
    object_label: Mapped[str] = mapped_column(String(400), default="")
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    # The shared object whose page shows this entry in its own history: the object itself, or the parent
    # a child belongs to (an obligation's agreement, a task's project); see ``recorder.subject_of``.
    subject_type: Mapped[str | None] = mapped_column(String(64))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    subject_label: Mapped[str] = mapped_column(String(400), default="")
    # An entry about a pupil-bearing object (enrollment, request list, certificate) names a pupil: it is
    # shown in full only to the pupil's home school and the provider of the programme (``audit.privacy``).
    pupil_home_institution_id: Mapped[int | None] = mapped_column(Integer)
    pupil_provider_institution_id: Mapped[int | None] = mapped_column(Integer)


# No RETURNING on insert: on PostgreSQL an appended entry need not be readable by its writer.
class InstitutionAuditEntry(_AuditColumns, InstitutionOwned, db.Model):
    __tablename__ = "institution_audit_entries"
    # A history page reads one owner's newest entries: (owner, id) serves it at any size of the log.
    __table_args__ = (Index("ix_institution_audit_entries_owner_id", "institution_id", "id"),
                      Index("ix_institution_audit_entries_subject", "institution_id", "subject_type", "subject_id", "id"),
                      {"implicit_returning": False})


class NetworkAuditEntry(_AuditColumns, NetworkOwned, db.Model):
    __tablename__ = "network_audit_entries"
    __table_args__ = (Index("ix_network_audit_entries_owner_id", "network_id", "id"),
                      Index("ix_network_audit_entries_subject", "network_id", "subject_type", "subject_id", "id"),
                      {"implicit_returning": False})


AUDIT_MODELS = (InstitutionAuditEntry, NetworkAuditEntry)
