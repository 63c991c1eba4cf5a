"""The passport of a network's programme (паспорт программы): one per network, the programme as a document —
its name, grounds, developer, executors, goal and tasks, period and stages, expected results, resources and the
system of control — approved by the council like a plan (the approvable kind "passport").

Stages and grounds carry their network too and reach their passport through a composite foreign key
(passport_id, network_id), as plan sections and project stages do: a tampered id cannot hang a row of one
network under another's passport. A ground from the register reaches its normative document the same way."""
from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Date, ForeignKeyConstraint, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, object_session

from tenants.scoping import NetworkOwned
from workspace.bank.models import NormativeDocument
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.core.text import keep_search_text
from workspace.extensions import db


class PassportStatus(enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"


# The kinds of resources a passport names (ресурсное обеспечение), each a text of one line per resource.
RESOURCE_KINDS = ("staff", "material", "information", "methodical", "financial")
RESOURCE_LABELS = {
    "staff": _l("Кадровые"),
    "material": _l("Материально-технические"),
    "information": _l("Информационные"),
    "methodical": _l("Научно-методические"),
    "financial": _l("Финансовые"),
}
# Whom the expected results are for (ожидаемые результаты), each a text of one line per result.
RESULT_KINDS = ("pupils", "teachers", "parents")
RESULT_LABELS = {
    "pupils": _l("Для обучающихся"),
    "teachers": _l("Для педагогов"),
    "parents": _l("Для родителей"),
}
# Stage names the form offers (any other name is allowed); written in the language of the programmes.
OFFERED_STAGES = ("Подготовительный", "Организационный", "Практический (основной)", "Обобщающий")


def _child_of_passport() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["passport_id", "network_id"],
                                ["programme_passports.id", "programme_passports.network_id"], ondelete="CASCADE")


class ProgrammePassport(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "programme_passports"
    __table_args__ = (UniqueConstraint("network_id"), UniqueConstraint("id", "network_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(400))
    grounds: Mapped[str] = mapped_column(Text, default="")          # free lines beside the register's documents
    developer: Mapped[str] = mapped_column(Text, default="")
    executors: Mapped[str] = mapped_column(Text, default="")
    goal: Mapped[str] = mapped_column(Text, default="")
    tasks: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    results_pupils: Mapped[str] = mapped_column(Text, default="")
    results_teachers: Mapped[str] = mapped_column(Text, default="")
    results_parents: Mapped[str] = mapped_column(Text, default="")
    resources_staff: Mapped[str] = mapped_column(Text, default="")
    resources_material: Mapped[str] = mapped_column(Text, default="")
    resources_information: Mapped[str] = mapped_column(Text, default="")
    resources_methodical: Mapped[str] = mapped_column(Text, default="")
    resources_financial: Mapped[str] = mapped_column(Text, default="")
    control: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PassportStatus] = mapped_column(db_enum(PassportStatus, "passport_status"),
                                                   default=PassportStatus.DRAFT)
    search_text: Mapped[str] = mapped_column(Text, default="")      # the name and goal, kept by keep_search_text()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.name

    def lines(self, field: str) -> list[str]:
        """A text of one item per line, as a list («Каждая задача с новой строки»)."""
        return [line.strip() for line in (getattr(self, field) or "").splitlines() if line.strip()]


keep_search_text(ProgrammePassport, "name", "goal")


class PassportStage(NetworkOwned, db.Model):
    """A stage of the programme (этап реализации): its name, dates and content, in order."""

    __tablename__ = "passport_stages"
    __table_args__ = (_child_of_passport(), UniqueConstraint("id", "network_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    passport_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    content: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title

    def audit_subject(self):
        return ProgrammePassport, self.passport_id


class PassportGround(NetworkOwned, db.Model):
    """A normative document of the network's register named among the passport's grounds (основания)."""

    __tablename__ = "passport_grounds"
    __table_args__ = (
        _child_of_passport(),
        ForeignKeyConstraint(["document_id", "network_id"], ["normative_documents.id", "normative_documents.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("passport_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    passport_id: Mapped[int] = mapped_column(Integer, index=True)
    document_id: Mapped[int] = mapped_column(Integer, index=True)

    def audit_label(self) -> str:
        title = object_session(self).scalar(select(NormativeDocument.title)
                                            .where(NormativeDocument.id == self.document_id))
        return (title or "")[:120]

    def audit_subject(self):
        return ProgrammePassport, self.passport_id


register({
    PassportStatus.DRAFT: _l("Черновик"),
    PassportStatus.SUBMITTED: _l("На согласовании"),
    PassportStatus.APPROVED: _l("Утверждён"),
    PassportStatus.RETURNED: _l("Возвращён на доработку"),
    PassportStatus.REJECTED: _l("Отклонён"),
})
