"""Diagnostics entered by the home school (входная, промежуточная, итоговая диагностика) for an indicator of the
«diagnostic» method, and the per-school totals the network reads.

``DiagnosticEntry`` — the school's own row (institution-owned, row-level security on PostgreSQL): either a class
(«7А»: pupils assessed, at high / middle / low level, a mean score) or one pupil of its registry (a level and/or a
score, a note). Per-pupil rows are pupils' data: only the home school reads them (and the pupil's portfolio).

``DiagnosticTotal`` — the school's sum at one measurement point (network-owned, no names): kept by the school's
writes (``workspace.monitoring.diagnostics.refresh_total``), read by the network's dashboard, which never reads
the entries. A pupil row counts as one assessed pupil at its level.
"""
from __future__ import annotations

from sqlalchemy import Float, ForeignKey, ForeignKeyConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import InstitutionOwned, NetworkOwned
from workspace.core.models import CreatedAtMixin
from workspace.extensions import db

KIND_CLASS, KIND_PUPIL = "class", "pupil"
LEVELS = ("high", "middle", "low")


class DiagnosticEntry(InstitutionOwned, CreatedAtMixin, db.Model):
    __tablename__ = "diagnostic_entries"
    __table_args__ = (
        ForeignKeyConstraint(["indicator_id", "network_id"],
                             ["monitoring_indicators.id", "monitoring_indicators.network_id"], ondelete="CASCADE"),
        ForeignKeyConstraint(["pupil_id", "institution_id"], ["pupils.id", "pupils.institution_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("indicator_id", "institution_id", "start_year", "point", "class_label", "pupil_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(Integer, index=True)
    start_year: Mapped[int] = mapped_column(Integer)
    point: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10), default=KIND_CLASS)
    class_label: Mapped[str] = mapped_column(String(20), default="")
    pupil_id: Mapped[int | None] = mapped_column(Integer, index=True)
    assessed: Mapped[int] = mapped_column(Integer, default=0)
    high: Mapped[int] = mapped_column(Integer, default=0)
    middle: Mapped[int] = mapped_column(Integer, default=0)
    low: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[float | None] = mapped_column(Float)  # a class's mean score or a pupil's score
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    @property
    def level(self) -> str | None:
        """A pupil row's level."""
        for level in LEVELS:
            if getattr(self, level):
                return level
        return None

    def audit_pupil_owners(self, _session) -> tuple[int, int | None]:
        """A pupil's row names the pupil in the history: the home school alone reads it."""
        return self.institution_id, None

    def audit_label(self) -> str:
        if self.kind == KIND_PUPIL:
            return f"Диагностика обучающегося ({self.start_year}/{self.start_year + 1})"
        return f"Диагностика класса {self.class_label} ({self.start_year}/{self.start_year + 1})"


class DiagnosticTotal(NetworkOwned, db.Model):
    __tablename__ = "diagnostic_totals"
    __table_args__ = (
        ForeignKeyConstraint(["indicator_id", "network_id"],
                             ["monitoring_indicators.id", "monitoring_indicators.network_id"], ondelete="CASCADE"),
        UniqueConstraint("indicator_id", "institution_id", "start_year", "point"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(Integer, index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    start_year: Mapped[int] = mapped_column(Integer)
    point: Mapped[str] = mapped_column(String(20))
    assessed: Mapped[int] = mapped_column(Integer, default=0)
    high: Mapped[int] = mapped_column(Integer, default=0)
    middle: Mapped[int] = mapped_column(Integer, default=0)
    low: Mapped[int] = mapped_column(Integer, default=0)
    scored: Mapped[int] = mapped_column(Integer, default=0)  # pupils behind ``score_sum``
    score_sum: Mapped[float] = mapped_column(Float, default=0.0)
