"""Needs and offers of member institutions; conversations about a suggested match and their messages."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, ForeignKeyConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.core.text import keep_search_text
from workspace.extensions import db


class RequestKind(enum.Enum):
    NEED = "need"
    OFFER = "offer"


class RequestCategory(enum.Enum):
    # needs
    VENUE = "venue"
    SPECIALIST = "specialist"
    EQUIPMENT = "equipment"
    AUDIENCE = "audience"
    # offers
    ROOM = "room"
    EXHIBIT = "exhibit"
    PROGRAMME = "programme"
    CLASSES = "classes"
    OTHER = "other"


NEED_CATEGORIES = (RequestCategory.VENUE, RequestCategory.SPECIALIST, RequestCategory.EQUIPMENT,
                   RequestCategory.AUDIENCE, RequestCategory.OTHER)
OFFER_CATEGORIES = (RequestCategory.ROOM, RequestCategory.EQUIPMENT, RequestCategory.SPECIALIST,
                    RequestCategory.EXHIBIT, RequestCategory.PROGRAMME, RequestCategory.CLASSES, RequestCategory.OTHER)

# The family of a category: a need and an offer of one family can answer each other.
FAMILY = {
    RequestCategory.VENUE: "place", RequestCategory.ROOM: "place",
    RequestCategory.SPECIALIST: "people", RequestCategory.PROGRAMME: "people",
    RequestCategory.EQUIPMENT: "things", RequestCategory.EXHIBIT: "things",
    RequestCategory.AUDIENCE: "audience", RequestCategory.CLASSES: "audience",
    RequestCategory.OTHER: "other",
}


class RequestStatus(enum.Enum):
    OPEN = "open"
    DISCUSSION = "discussion"
    AGREED = "agreed"
    CLOSED = "closed"


class ResourceRequest(NetworkOwned, CreatedAtMixin, db.Model):
    """One row of the table: a need or an offer of a member institution."""

    __tablename__ = "resource_requests"
    __table_args__ = (UniqueConstraint("id", "network_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RequestKind] = mapped_column(db_enum(RequestKind, "request_kind"))
    category: Mapped[RequestCategory] = mapped_column(db_enum(RequestCategory, "request_category"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[RequestStatus] = mapped_column(db_enum(RequestStatus, "request_status"), default=RequestStatus.OPEN)
    search_text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title[:120]


keep_search_text(ResourceRequest, "title", "description")


class Conversation(NetworkOwned, CreatedAtMixin, db.Model):
    """A suggested match taken up: the two institutions talk, agree, and a plan item is created."""

    __tablename__ = "request_conversations"
    __table_args__ = (
        ForeignKeyConstraint(["need_id", "network_id"], ["resource_requests.id", "resource_requests.network_id"],
                             ondelete="CASCADE"),
        ForeignKeyConstraint(["offer_id", "network_id"], ["resource_requests.id", "resource_requests.network_id"],
                             ondelete="CASCADE"),
        UniqueConstraint("need_id", "offer_id"),
        UniqueConstraint("id", "network_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(Integer, index=True)
    offer_id: Mapped[int] = mapped_column(Integer, index=True)
    need_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    offer_institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    need_agreed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    offer_agreed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # set by the server when both sides agreed (never from a form); the item may be deleted later
    plan_item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_items.id", ondelete="SET NULL"))
    project_task_id: Mapped[int | None] = mapped_column(ForeignKey("project_tasks.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_agreed(self) -> bool:
        return self.need_agreed_at is not None and self.offer_agreed_at is not None

    def audit_label(self) -> str:
        return "Обсуждение запроса и ресурса"

    def audit_subject(self):
        return ResourceRequest, self.need_id


class ConversationMessage(NetworkOwned, CreatedAtMixin, db.Model):
    __tablename__ = "request_messages"
    __table_args__ = (
        ForeignKeyConstraint(["conversation_id", "network_id"],
                             ["request_conversations.id", "request_conversations.network_id"], ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(Integer, index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)


register({
    RequestKind.NEED: _l("Запрос"),
    RequestKind.OFFER: _l("Ресурс"),
    RequestCategory.VENUE: _l("Площадка"),
    RequestCategory.SPECIALIST: _l("Специалист"),
    RequestCategory.EQUIPMENT: _l("Оборудование"),
    RequestCategory.AUDIENCE: _l("Аудитория для мероприятия"),
    RequestCategory.ROOM: _l("Помещение"),
    RequestCategory.EXHIBIT: _l("Экспонаты, выставка"),
    RequestCategory.PROGRAMME: _l("Программа, занятие"),
    RequestCategory.CLASSES: _l("Классы, группы обучающихся"),
    RequestCategory.OTHER: _l("Другое"),
    RequestStatus.OPEN: _l("Открыт"),
    RequestStatus.DISCUSSION: _l("Обсуждается"),
    RequestStatus.AGREED: _l("Договорились"),
    RequestStatus.CLOSED: _l("Закрыт"),
})
