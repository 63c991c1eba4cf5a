"""Personal calendar feed links: only a hash of the secret token is stored.

A feed belongs to one user and shows either one network or one institution (all its networks).
It is read before any tenant is known (the token is the credential), so, like ``account_tokens``,
it is an identity table outside the fail-closed scope: every query names the user or the token.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from workspace.core.models import CreatedAtMixin
from workspace.extensions import db


class CalendarFeed(CreatedAtMixin, db.Model):
    __tablename__ = "calendar_feeds"
    __table_args__ = (
        CheckConstraint("(network_id IS NULL) <> (institution_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    network_id: Mapped[int | None] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"))
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
