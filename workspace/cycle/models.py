"""The yearly analysis (аналитическая справка о реализации программы сетевого взаимодействия за учебный год): one
per network and academic year, with a line per partner — the written conclusion and the decision for next year
(продолжить, изменить форму, прекратить сотрудничество). Its figures are never stored: they are computed from the
plan, the reports, the agreements and the monitoring indicators (workspace/cycle/figures.py).

A line carries its network too and reaches its analysis through a composite foreign key (analysis_id, network_id),
as passport stages do: a tampered id cannot hang a line of one network under another's analysis."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.dates import AcademicYear
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.extensions import db


class AnalysisStatus(enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"


class PartnerDecision(enum.Enum):
    """What the analysis decides for the partner's next year."""

    CONTINUE = "continue"
    CHANGE_FORM = "change_form"
    END = "end"


@dataclass(frozen=True)
class AnalysisPeriod:
    """What an analysis covers: its dates, the academic years whose plans fall into them, and the year whose
    monitoring indicators it shows (the last one)."""
    starts_on: date
    ends_on: date
    plan_years: tuple[int, ...]
    is_stage: bool = False

    @property
    def indicator_year(self) -> AcademicYear:
        return AcademicYear(self.plan_years[-1])


class YearlyAnalysis(NetworkOwned, CreatedAtMixin, db.Model):
    """An analysis of an academic year (one per network and year: what next year's plan starts from), or of a stage
    of the programme's passport (этап «Практический»): then ``starts_on``/``ends_on`` are the stage's dates as they
    were when it was prepared, ``stage_title`` its name, and its figures count the events of the plans falling into
    the period. ``start_year`` is the academic year the period starts in."""

    __tablename__ = "yearly_analyses"
    __table_args__ = (
        Index("uq_yearly_analyses_network_id_start_year", "network_id", "start_year", unique=True,
              sqlite_where=text("starts_on IS NULL"), postgresql_where=text("starts_on IS NULL")),
        UniqueConstraint("network_id", "stage_id"),
        UniqueConstraint("id", "network_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    start_year: Mapped[int] = mapped_column(Integer)     # the academic year start_year/start_year+1
    # a stage's analysis: the passport's stage (workspace/passport/models.py) and its name and dates as prepared
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("passport_stages.id", ondelete="SET NULL"))
    stage_title: Mapped[str] = mapped_column(String(200), default="", server_default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    conclusion: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[AnalysisStatus] = mapped_column(db_enum(AnalysisStatus, "analysis_status"),
                                                   default=AnalysisStatus.DRAFT)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def year(self) -> AcademicYear:
        return AcademicYear(self.start_year)

    @property
    def is_stage(self) -> bool:
        return self.starts_on is not None

    @property
    def period(self) -> AnalysisPeriod:
        if not self.is_stage:
            year = self.year
            return AnalysisPeriod(year.starts_on, year.ends_on, (year.start_year,))
        first = AcademicYear.containing(self.starts_on).start_year
        last = AcademicYear.containing(self.ends_on).start_year
        return AnalysisPeriod(self.starts_on, self.ends_on, tuple(range(first, max(first, last) + 1)), True)

    def audit_label(self) -> str:
        if self.is_stage:
            return f"Аналитическая справка за этап «{self.stage_title}»"
        return f"Аналитическая справка за {self.start_year}/{self.start_year + 1} учебный год"


class AnalysisPartner(NetworkOwned, db.Model):
    """A partner's line: the member institution or the interaction model's row it is about (its name kept as it was
    when the line was made), the conclusion and the decision."""

    __tablename__ = "analysis_partners"
    __table_args__ = (
        ForeignKeyConstraint(["analysis_id", "network_id"], ["yearly_analyses.id", "yearly_analyses.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("analysis_id", "institution_id"),
        UniqueConstraint("analysis_id", "interaction_row_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(Integer, index=True)
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id", ondelete="SET NULL"))
    # the row of the interaction model it is about (workspace/networks/models.py): a member's row, or the only key of
    # a partner without an account (parents, ГИБДД…), whose events are the plan items that realise the row
    interaction_row_id: Mapped[int | None] = mapped_column(ForeignKey("interaction_rows.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(400))
    position: Mapped[int] = mapped_column(Integer, default=0)
    conclusion: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[PartnerDecision | None] = mapped_column(db_enum(PartnerDecision, "analysis_decision"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.name

    def audit_subject(self):
        return YearlyAnalysis, self.analysis_id


class AnalysisSnapshot(NetworkOwned, db.Model):
    """The analysis's figures as they were when the council approved it (JSON, figures.py ``snapshot``/``revived``):
    an approved analysis keeps the numbers the council voted on though a report of the year is corrected later;
    «Внести изменения» drops it and the figures are computed afresh. Not an object of the history: the approval's
    round is (its figures are what the analysis's page showed)."""

    __tablename__ = "analysis_snapshots"
    __table_args__ = (
        ForeignKeyConstraint(["analysis_id", "network_id"], ["yearly_analyses.id", "yearly_analyses.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("analysis_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(Integer)
    figures: Mapped[str] = mapped_column(Text)
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


register({
    AnalysisStatus.DRAFT: _l("Черновик"),
    AnalysisStatus.SUBMITTED: _l("На согласовании"),
    AnalysisStatus.APPROVED: _l("Утверждена"),
    AnalysisStatus.RETURNED: _l("Возвращена на доработку"),
    AnalysisStatus.REJECTED: _l("Отклонена"),
    PartnerDecision.CONTINUE: _l("Продолжить сотрудничество"),
    PartnerDecision.CHANGE_FORM: _l("Изменить форму взаимодействия"),
    PartnerDecision.END: _l("Прекратить сотрудничество"),
})
