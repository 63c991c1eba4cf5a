"""Log-in rate limit shared by every worker: in the database by default, in Redis when
RATELIMIT_REDIS_URL is set. Failures are counted per account and per client address."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, select

from workspace.accounts.models import LoginAttempt
from workspace.core.models import utcnow
from workspace.extensions import db


def _window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_WINDOW_MINUTES"])


def _limits() -> tuple[int, int]:
    config = current_app.config
    return config["LOGIN_MAX_FAILURES_PER_ACCOUNT"], config["LOGIN_MAX_FAILURES_PER_ADDRESS"]


def _redis():
    url = current_app.config.get("RATELIMIT_REDIS_URL")
    if not url:
        return None
    client = current_app.extensions.get("ratelimit_redis")
    if client is None:
        import redis
        client = redis.Redis.from_url(url, socket_timeout=2)
        current_app.extensions["ratelimit_redis"] = client
    return client


def _keys(email: str, address: str) -> tuple[str, str]:
    return f"workspace:login:account:{email}", f"workspace:login:address:{address}"


def is_limited(email: str, address: str) -> bool:
    per_account, per_address = _limits()
    redis = _redis()
    if redis is not None:
        by_account, by_address = (int(value or 0) for value in redis.mget(_keys(email, address)))
    else:
        by_account, by_address = db.session.execute(
            select(
                func.count().filter(LoginAttempt.email == email),
                func.count().filter(LoginAttempt.address == address),
            ).where(LoginAttempt.attempted_at >= utcnow() - _window(),
                    or_(LoginAttempt.email == email, LoginAttempt.address == address))
        ).one()
    return by_account >= per_account or by_address >= per_address


def record_failure(email: str, address: str) -> None:
    redis = _redis()
    if redis is not None:
        seconds = int(_window().total_seconds())
        pipeline = redis.pipeline()
        for key in _keys(email, address):
            pipeline.incr(key)
            pipeline.expire(key, seconds, nx=True)
        pipeline.execute()
        return
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at < utcnow() - _window()))
    db.session.add(LoginAttempt(email=email, address=address))


def forget_failures(email: str) -> None:
    redis = _redis()
    if redis is not None:
        redis.delete(_keys(email, "")[0])
        return
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
