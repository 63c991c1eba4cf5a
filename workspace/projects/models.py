"""Joint projects of a network and everything on a project's page.

Every child row carries its network and reaches its project through a composite foreign key
(project_id, network_id), as plan sections and items do: a tampered id cannot hang a row of one
network under another's project. Resources are five texts on the project (one line per resource).
"""
from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, ForeignKeyConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.import_preview import ImportDraft
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.core.stored_files import StoredFile
from workspace.core.text import keep_search_text
from workspace.extensions import db


class Direction(enum.Enum):
    TECHNICAL = "technical"
    NATURAL_SCIENCE = "natural_science"
    SPORTS = "sports"
    ARTS = "arts"
    TOURISM = "tourism"
    SOCIAL = "social"


class ProjectStatus(enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"


class TaskStatus(enum.Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


RESOURCE_KINDS = ("staff", "information", "material", "methodical", "social")
RESOURCE_LABELS = {
    "staff": _l("Кадровые"),
    "information": _l("Информационные"),
    "material": _l("Материально-технические"),
    "methodical": _l("Учебно-методические"),
    "social": _l("Социальные"),
}
# Stage titles are the project's data (renamed freely), written in the language of the programmes.
DEFAULT_STAGES = ("Подготовительный", "Организационный", "Практический", "Обобщающий")


def _child_of_project(table: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["project_id", "network_id"], ["projects.id", "projects.network_id"],
                                ondelete="CASCADE")


class Project(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("id", "network_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(400))
    goal: Mapped[str] = mapped_column(Text, default="")
    tasks: Mapped[str] = mapped_column(Text, default="")
    direction: Mapped[Direction] = mapped_column(db_enum(Direction, "project_direction"), index=True)
    lead_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="RESTRICT"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ProjectStatus] = mapped_column(db_enum(ProjectStatus, "project_status"), default=ProjectStatus.DRAFT)
    resources_staff: Mapped[str] = mapped_column(Text, default="")
    resources_information: Mapped[str] = mapped_column(Text, default="")
    resources_material: Mapped[str] = mapped_column(Text, default="")
    resources_methodical: Mapped[str] = mapped_column(Text, default="")
    resources_social: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")  # the title and goal, kept by keep_search_text()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title

    def resources(self, kind: str) -> list[str]:
        return [line.strip() for line in (getattr(self, f"resources_{kind}") or "").splitlines() if line.strip()]


keep_search_text(Project, "title", "goal")


class ProjectParticipant(NetworkOwned, db.Model):
    """A member institution taking part in a project (the lead institution is one of them)."""

    __tablename__ = "project_participants"
    __table_args__ = (_child_of_project("project_participants"), UniqueConstraint("project_id", "institution_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(Integer, index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)


class ProjectStage(NetworkOwned, db.Model):
    __tablename__ = "project_stages"
    __table_args__ = (_child_of_project("project_stages"), UniqueConstraint("id", "network_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title

    def audit_subject(self):
        return Project, self.project_id


class ProjectTask(NetworkOwned, CreatedAtMixin, db.Model):
    """A task of the roadmap (дорожная карта): задача, мероприятие, срок, результат, отчётность, ответственный."""

    __tablename__ = "project_tasks"
    __table_args__ = (_child_of_project("project_tasks"), UniqueConstraint("id", "network_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(Integer, index=True)
    # A plain key (a composite one would null network_id too when the stage goes): views check the project.
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("project_stages.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(20), default="")
    task: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text)
    timing: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date, index=True)
    # each period when the timing names several, as a plan item keeps them (workspace.plans.periods)
    periods: Mapped[str] = mapped_column(Text, default="", server_default="")
    timing_is_read: Mapped[bool] = mapped_column(Boolean, default=True)
    expected_result: Mapped[str] = mapped_column(Text, default="")
    report_form: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[TaskStatus] = mapped_column(db_enum(TaskStatus, "project_task_status"), default=TaskStatus.PLANNED)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title[:120]

    def audit_subject(self):
        return Project, self.project_id


class ProjectTaskInstitution(NetworkOwned, db.Model):
    """A member institution named among a task's responsible (its coordinators mark the task's progress)."""

    __tablename__ = "project_task_institutions"
    __table_args__ = (
        ForeignKeyConstraint(["task_id", "network_id"], ["project_tasks.id", "project_tasks.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("task_id", "institution_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(Integer, index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))


class ProjectIndicator(NetworkOwned, db.Model):
    __tablename__ = "project_indicators"
    __table_args__ = (_child_of_project("project_indicators"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(400))
    unit: Mapped[str] = mapped_column(String(50), default="")
    target_value: Mapped[float] = mapped_column(Float)
    actual_value: Mapped[float | None] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.name

    def audit_subject(self):
        return Project, self.project_id

    @property
    def percent(self) -> int:
        if not self.target_value or self.actual_value is None:
            return 0
        return max(0, round(100 * self.actual_value / self.target_value))


class ProjectDocument(NetworkOwned, StoredFile, db.Model):
    __tablename__ = "project_documents"
    __table_args__ = (_child_of_project("project_documents"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(Integer, index=True)

    def audit_subject(self):
        return Project, self.project_id


class ProjectComment(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "project_comments"
    __table_args__ = (_child_of_project("project_comments"), UniqueConstraint("id", "network_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(Integer, index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)

    def audit_label(self) -> str:
        return self.body[:120]

    def audit_subject(self):
        return Project, self.project_id


class ProjectMention(NetworkOwned, CreatedAtMixin, db.Model):
    """A colleague named with @ in a comment: it reaches their desk."""

    __tablename__ = "project_mentions"
    __table_args__ = (
        ForeignKeyConstraint(["comment_id", "network_id"], ["project_comments.id", "project_comments.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("comment_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(Integer, index=True)
    project_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class RoadmapImport(NetworkOwned, ImportDraft, db.Model):
    """An uploaded roadmap waiting in preview (core/import_preview.py): nothing reaches the project until the
    user confirms."""

    __tablename__ = "roadmap_imports"
    __table_args__ = (_child_of_project("roadmap_imports"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(Integer, index=True)


register({
    Direction.TECHNICAL: _l("Техническая"),
    Direction.NATURAL_SCIENCE: _l("Естественнонаучная"),
    Direction.SPORTS: _l("Физкультурно-спортивная"),
    Direction.ARTS: _l("Художественная"),
    Direction.TOURISM: _l("Туристско-краеведческая"),
    Direction.SOCIAL: _l("Социально-гуманитарная"),
    ProjectStatus.DRAFT: _l("Черновик"),
    ProjectStatus.SUBMITTED: _l("На согласовании"),
    ProjectStatus.APPROVED: _l("Утверждён"),
    ProjectStatus.RETURNED: _l("Возвращён на доработку"),
    ProjectStatus.REJECTED: _l("Отклонён"),
    TaskStatus.PLANNED: _l("Запланировано"),
    TaskStatus.IN_PROGRESS: _l("Выполняется"),
    TaskStatus.DONE: _l("Выполнено"),
    TaskStatus.CANCELLED: _l("Отменено"),
})
