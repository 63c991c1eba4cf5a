"""Pupils' growth (рост обучающихся): achievements, the home school's flags on a pupil; the portfolio and the
individual educational route are read from these and from the enrollments (``growth.route``).

Who reads and writes (DESIGN.md, «Who sees what»):

``Achievement`` — one pupil's result in a contest, olympiad, project or competition. It is recorded by the home
school for its pupils, or by a provider (the institution running a network group) for the pupils of its group.
Every achievement belongs to one network (the programme, the plan event or the network it is linked to) and names
two institutions: ``home_institution_id`` (the pupil's school, which owns the pupil) and
``recorded_by_institution_id`` (who entered it). Only these two read it: the application's queries always filter
by one of them, and on PostgreSQL the row-level policy of the table (migration 0036) requires the request's
institution to be one of the two, inside the request's networks — another member of the same network reads
nothing, even with a query that forgot the filter. The history of an achievement is written to the home school's
own history (``audit_owner``), never to the network's.

``AchievementScan`` — the scan of a diploma or certificate of one achievement (a stored file), with the same two
institutions copied and the same policy.

``PupilFlag`` — «одарённый», «ОВЗ (особые образовательные потребности)»: owned by the home school
(institution-owned), read and changed only inside it; never shown to a provider, in an export, a letter or search.
"""
from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Date, ForeignKey, ForeignKeyConstraint, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import InstitutionOwned, NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register, stored_label
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.core.stored_files import StoredFile
from workspace.extensions import db


class AchievementKind(enum.Enum):
    CONTEST = "contest"
    OLYMPIAD = "olympiad"
    PROJECT = "project"
    COMPETITION = "competition"
    OTHER = "other"


class AchievementLevel(enum.Enum):
    SCHOOL = "school"
    MUNICIPAL = "municipal"
    REGIONAL = "regional"
    FEDERAL = "federal"
    INTERNATIONAL = "international"


class AchievementResult(enum.Enum):
    PARTICIPANT = "participant"
    PRIZE_WINNER = "prize_winner"
    WINNER = "winner"


class FlagKind(enum.Enum):
    GIFTED = "gifted"
    SPECIAL_NEEDS = "special_needs"


class Achievement(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "achievements"
    __table_args__ = (
        UniqueConstraint("id", "network_id"),
        Index("ix_achievements_home_institution_id_pupil_id", "home_institution_id", "pupil_id"),
        Index("ix_achievements_recorded_by_institution_id_group_id", "recorded_by_institution_id", "group_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    home_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    recorded_by_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # What it is linked to: a programme (and its group), a plan event, or only the network.
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id", ondelete="SET NULL"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("network_groups.id", ondelete="SET NULL"))
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id", ondelete="SET NULL"))
    plan_item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_items.id", ondelete="SET NULL"))
    kind: Mapped[AchievementKind] = mapped_column(db_enum(AchievementKind, "achievement_kind"))
    level: Mapped[AchievementLevel] = mapped_column(db_enum(AchievementLevel, "achievement_level"))
    result: Mapped[AchievementResult] = mapped_column(db_enum(AchievementResult, "achievement_result"))
    title: Mapped[str] = mapped_column(String(300))
    achieved_on: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title[:120]

    def audit_owner(self) -> tuple[str, int]:
        """The history of a pupil's achievement is the home school's, wherever it was recorded."""
        return "institution", self.home_institution_id


class AchievementScan(NetworkOwned, StoredFile, db.Model):
    __tablename__ = "achievement_scans"
    __table_args__ = (
        ForeignKeyConstraint(["achievement_id", "network_id"], ["achievements.id", "achievements.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("achievement_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    achievement_id: Mapped[int] = mapped_column(Integer)
    home_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    recorded_by_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))

    def audit_owner(self) -> tuple[str, int]:
        return "institution", self.home_institution_id


class PupilFlag(InstitutionOwned, CreatedAtMixin, db.Model):
    __tablename__ = "pupil_flags"
    __table_args__ = (
        ForeignKeyConstraint(["pupil_id", "institution_id"], ["pupils.id", "pupils.institution_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("pupil_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[FlagKind] = mapped_column(db_enum(FlagKind, "pupil_flag_kind"))
    note: Mapped[str] = mapped_column(String(300), default="")

    def audit_label(self) -> str:
        return self.kind.value

    @staticmethod
    def audit_label_shown(stored: str) -> str:
        """The history keeps the kind («special_needs»); its page names it in the reader's language."""
        return stored_label(FlagKind, stored)


register({
    AchievementKind.CONTEST: _l("конкурс"),
    AchievementKind.OLYMPIAD: _l("олимпиада"),
    AchievementKind.PROJECT: _l("проект"),
    AchievementKind.COMPETITION: _l("соревнование"),
    AchievementKind.OTHER: _l("другое"),
    AchievementLevel.SCHOOL: _l("школьный"),
    AchievementLevel.MUNICIPAL: _l("муниципальный"),
    AchievementLevel.REGIONAL: _l("региональный"),
    AchievementLevel.FEDERAL: _l("федеральный"),
    AchievementLevel.INTERNATIONAL: _l("международный"),
    AchievementResult.PARTICIPANT: _l("участник"),
    AchievementResult.PRIZE_WINNER: _l("призёр"),
    AchievementResult.WINNER: _l("победитель"),
    FlagKind.GIFTED: _l("одарённый"),
    FlagKind.SPECIAL_NEEDS: _l("ОВЗ (особые образовательные потребности)"),
})
