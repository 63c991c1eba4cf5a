"""User accounts, one-time account links (invitations, password resets), login attempts."""
from __future__ import annotations

import enum
import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants.models import Institution  # noqa: F401  (the relationship target, registered with the mapper)
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum, utcnow
from workspace.core.text import keep_search_text
from workspace.extensions import db


class StaffRole(enum.Enum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    TEACHER = "teacher"
    STAFF = "staff"


class TokenPurpose(enum.Enum):
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"


class User(UserMixin, CreatedAtMixin, db.Model):
    """Identity table: read by the login loader before any tenant is known."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[StaffRole | None] = mapped_column(db_enum(StaffRole, "staff_role"))
    is_operator: Mapped[bool] = mapped_column(Boolean, default=False)
    is_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    session_generation: Mapped[int] = mapped_column(Integer, default=1)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # the language chosen in the header ("ru", "en"): pages and letters speak it; None until chosen (Russian)
    language: Mapped[str | None] = mapped_column(String(5))
    # the search words of the full name and the position, kept by keep_search_text() below: what the global search matches
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    institution: Mapped[Institution | None] = relationship(lazy="raise")  # noqa: F821

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.is_enabled and self.password_hash is not None

    def get_id(self) -> str:
        # The generation changes on logout and password change: old sessions and
        # remember-cookies stop matching.
        return f"{self.id}:{self.session_generation}"

    @property
    def is_external(self) -> bool:
        return self.institution_id is None and not self.is_operator

    def audit_owner(self):
        return ("institution", self.institution_id) if self.institution_id is not None else None

    def audit_label(self) -> str:
        return self.full_name


keep_search_text(User, "full_name", "position")


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class AccountToken(CreatedAtMixin, db.Model):
    """A one-time link bound to one person (and their institution), with an expiry."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[TokenPurpose] = mapped_column(db_enum(TokenPurpose, "token_purpose"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # who sent the invitation (told when it is accepted); None for resets and for links issued before 0032
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(lazy="raise", foreign_keys=[user_id])


class LoginAttempt(db.Model):
    """Refused log-ins, shared by all workers through the database (the rate limit's memory). ``kind`` is
    "password" (a wrong password or an unknown address), "limited" (refused by the limit before the password
    was checked) or "forgiven" (a wrong password of an account whose owner has logged in since): every kind
    counts against the address, only "password" against the account (workspace/accounts/ratelimit.py)."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="password", server_default="password")
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


register({
    StaffRole.ADMIN: _l("Руководитель"),
    StaffRole.COORDINATOR: _l("Координатор сетевого взаимодействия"),
    StaffRole.TEACHER: _l("Педагог"),
    StaffRole.STAFF: _l("Сотрудник (только просмотр)"),
})
