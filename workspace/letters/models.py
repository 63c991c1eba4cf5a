"""The outbox (one row per letter, with its attachments) and each user's choice per kind of letter.

Deployment-level tables, like ``users`` and ``login_attempts``: no tenant owns a letter (its recipient does), so
they stay outside the fail-closed tenant scope and row-level security. Only the worker, the recipient's own
settings page and the operator console read them, each through explicit queries.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workspace.core.models import CreatedAtMixin, utcnow
from workspace.extensions import db

PENDING, SENT, FAILED, BOUNCED = "pending", "sent", "failed", "bounced"
HELD, DIGESTED = "held", "digested"  # waiting for the user's digest; gathered into one
STATUSES = (PENDING, SENT, FAILED, BOUNCED, HELD, DIGESTED)


class Letter(CreatedAtMixin, db.Model):
    __tablename__ = "letters"
    __table_args__ = (Index("ix_letters_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    address: Mapped[str] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    headers: Mapped[str] = mapped_column(Text, default="{}")  # JSON: List-Unsubscribe and the like
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    delivery: Mapped[str] = mapped_column(String(8), default="now")  # now, daily, weekly
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)

    attachments: Mapped[list[LetterAttachment]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="LetterAttachment.id")


class LetterAttachment(db.Model):
    __tablename__ = "letter_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    mime_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class LetterPreference(db.Model):
    __tablename__ = "letter_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64), primary_key=True)
    choice: Mapped[str] = mapped_column(String(8))
