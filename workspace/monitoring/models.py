"""The network's own criteria and indicators (критерии и показатели) and the values entered by hand.

An indicator has a unit, a target and a source: the key of a named figure provider that computes its
fact from the data (see ``workspace.monitoring.registry``), or ``manual`` — then its fact is the value
a manager entered for the academic year. Values carry the network too and reach their indicator through
a composite foreign key, as plan items do.
"""
from __future__ import annotations

from sqlalchemy import Float, ForeignKey, ForeignKeyConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.models import CreatedAtMixin
from workspace.extensions import db

MANUAL = "manual"
# Hand-entered methods (the value is typed by a manager; the key names how it was obtained). Any other
# ``source`` is the key of a computed source of the registry.
DIAGNOSTIC = "diagnostic"  # a diagnostic held in the classes; the network enters the aggregate (share, level)
EXPERT = "expert"          # an expert rating by the council
HAND_ENTERED = (MANUAL, DIAGNOSTIC, EXPERT)

# Measurement points of an academic year (точки замера), in their order.
POINT_START, POINT_MIDDLE, POINT_FINAL = "start", "middle", "final"
POINTS = (POINT_START, POINT_MIDDLE, POINT_FINAL)


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
    # level thresholds: a value at or above ``level_high`` is «высокий», at or above ``level_middle``
    # «средний», below it «низкий» (no thresholds: no level)
    level_high: Mapped[float | None] = mapped_column(Float)
    level_middle: Mapped[float | None] = mapped_column(Float)
    # the row of the interaction model (workspace.networks) whose social effect it measures; the form offers
    # the network's own rows only
    interaction_row_id: Mapped[int | None] = mapped_column(
        ForeignKey("interaction_rows.id", ondelete="SET NULL"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_manual(self) -> bool:
        """Its facts are entered by hand (typed, a diagnostic's aggregate or the council's rating)."""
        return self.source in HAND_ENTERED

    def level_of(self, value: float | None) -> str | None:
        """«high», «middle» or «low» for a value, None without a value or thresholds."""
        if value is None or self.level_middle is None:
            return None
        if self.level_high is not None and value >= self.level_high:
            return "high"
        return "middle" if value >= self.level_middle else "low"

    def audit_label(self) -> str:
        return self.title


class MonitoringValue(NetworkOwned, CreatedAtMixin, db.Model):
    """A fact entered by hand for one measurement point (входная, промежуточная, итоговая) of an academic
    year: a snapshot of the indicator at that point. A year's fact is its latest point's value."""

    __tablename__ = "monitoring_values"
    __table_args__ = (
        ForeignKeyConstraint(["indicator_id", "network_id"],
                             ["monitoring_indicators.id", "monitoring_indicators.network_id"], ondelete="CASCADE"),
        UniqueConstraint("indicator_id", "start_year", "point"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(Integer, index=True)
    start_year: Mapped[int] = mapped_column(Integer)
    point: Mapped[str] = mapped_column(String(20), default=POINT_FINAL)
    value: Mapped[float] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        names = {POINT_START: "входная диагностика", POINT_MIDDLE: "промежуточный замер", POINT_FINAL: "итоговый замер"}
        return f"Значение за {self.start_year}/{self.start_year + 1} учебный год ({names.get(self.point, self.point)})"

    def audit_subject(self):
        return MonitoringIndicator, self.indicator_id
