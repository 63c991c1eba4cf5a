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


# No RETURNING on insert: on PostgreSQL an appended entry need not be readable by its writer.
class InstitutionAuditEntry(_AuditColumns, InstitutionOwned, db.Model):
    __tablename__ = "institution_audit_entries"
    # A history page reads one owner's newest entries: (owner, id) serves it at any size of the log.
    __table_args__ = (Index("ix_institution_audit_entries_owner_id", "institution_id", "id"),
                      {"implicit_returning": False})


class NetworkAuditEntry(_AuditColumns, NetworkOwned, db.Model):
    __tablename__ = "network_audit_entries"
    __table_args__ = (Index("ix_network_audit_entries_owner_id", "network_id", "id"),
                      {"implicit_returning": False})


AUDIT_MODELS = (InstitutionAuditEntry, NetworkAuditEntry)
