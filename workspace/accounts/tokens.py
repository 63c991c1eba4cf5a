"""One-time account links: bound to one person and institution, expiring, usable once."""
from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from workspace.accounts.models import AccountToken, TokenPurpose, User, hash_token
from workspace.core.models import utcnow
from workspace.extensions import db


def issue_token(user: User, purpose: TokenPurpose, lifetime: timedelta, *, invited_by: User | None = None) -> str:
    """Create a link token; earlier unused tokens of the same purpose stop working. An invitation remembers who
    sent it (``invited_by``): that person is told when it is accepted."""
    db.session.execute(
        update(AccountToken)
        .where(AccountToken.user_id == user.id, AccountToken.purpose == purpose,
               AccountToken.used_at.is_(None))
        .values(used_at=utcnow())
    )
    raw = secrets.token_urlsafe(32)
    db.session.add(AccountToken(
        purpose=purpose, user_id=user.id, institution_id=user.institution_id,
        token_hash=hash_token(raw), expires_at=utcnow() + lifetime,
        invited_by_id=getattr(invited_by, "id", None),
    ))
    return raw


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def find_token(raw: str, purpose: TokenPurpose) -> AccountToken | None:
    """The live token for this link, or None (unknown, used, expired or moved elsewhere)."""
    token = db.session.scalar(select(AccountToken).where(
        AccountToken.token_hash == hash_token(raw), AccountToken.purpose == purpose))
    if token is None or token.used_at is not None or _aware(token.expires_at) < utcnow():
        return None
    user = db.session.scalar(select(User).where(User.id == token.user_id))
    if user is None or not user.is_enabled or user.institution_id != token.institution_id:
        return None
    return token


def consume(token: AccountToken) -> None:
    token.used_at = utcnow()


def resets_exhausted(user: User, per_hour: int = 3) -> bool:
    """A mailbox gets at most a few reset letters an hour, however often the form is sent."""
    since = utcnow() - timedelta(hours=1)
    sent = db.session.scalar(select(func.count()).select_from(AccountToken).where(
        AccountToken.user_id == user.id, AccountToken.purpose == TokenPurpose.PASSWORD_RESET,
        AccountToken.created_at >= since))
    return (sent or 0) >= per_hour
