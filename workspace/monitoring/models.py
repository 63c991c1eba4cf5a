"""The network's own criteria and indicators (критерии и показатели) and the values entered by hand.

An indicator has a unit, a target and a source: the key of a named figure provider that computes its
fact from the data (see ``workspace.monitoring.registry``), or ``manual`` — then its fact is the value
a manager entered for the academic year. Values carry the network too and reach their indicator through
a composite foreign key, as plan items do.
"""
from __future__ import annotations

from sqlalchemy import Float, ForeignKeyConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.models import CreatedAtMixin
from workspace.extensions import db

MANUAL = "manual"


class MonitoringIndicator(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "monitoring_indicators"
    __table_args__ = (UniqueConstraint("id", "network_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(400))
    criterion: Mapped[str] = mapped_column(String(400), default="")  # the criterion it measures (критерий)
    unit: Mapped[str] = mapped_column(String(40), default="")
    target: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(60), default=MANUAL)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_manual(self) -> bool:
        return self.source == MANUAL

    def audit_label(self) -> str:
        return self.title


class MonitoringValue(NetworkOwned, CreatedAtMixin, db.Model):
    """A fact entered by hand for one academic year."""

    __tablename__ = "monitoring_values"
    __table_args__ = (
        ForeignKeyConstraint(["indicator_id", "network_id"],
                             ["monitoring_indicators.id", "monitoring_indicators.network_id"], ondelete="CASCADE"),
        UniqueConstraint("indicator_id", "start_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(Integer, index=True)
    start_year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return f"Значение за {self.start_year}/{self.start_year + 1} учебный год"

    def audit_subject(self):
        return MonitoringIndicator, self.indicator_id
