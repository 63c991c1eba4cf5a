"""Log-in rate limit kept in the database, so that every worker shares it."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, select

from workspace.accounts.models import LoginAttempt
from workspace.core.models import utcnow
from workspace.extensions import db


def _window_start():
    return utcnow() - timedelta(minutes=current_app.config["LOGIN_WINDOW_MINUTES"])


def is_limited(email: str, address: str) -> bool:
    since = _window_start()
    by_account, by_address = db.session.execute(
        select(
            func.count().filter(LoginAttempt.email == email),
            func.count().filter(LoginAttempt.address == address),
        ).where(LoginAttempt.attempted_at >= since,
                or_(LoginAttempt.email == email, LoginAttempt.address == address))
    ).one()
    config = current_app.config
    return (by_account >= config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
            or by_address >= config["LOGIN_MAX_FAILURES_PER_ADDRESS"])


def record_failure(email: str, address: str) -> None:
    db.session.add(LoginAttempt(email=email, address=address))


def forget_failures(email: str) -> None:
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
