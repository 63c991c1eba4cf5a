"""Log-in rate limit shared by every worker: in the database by default, in Redis when
RATELIMIT_REDIS_URL is set.

Per client address every refusal counts — a wrong password, an unknown address, an attempt the limit
refused — and LOGIN_MAX_FAILURES_PER_ADDRESS of them within LOGIN_WINDOW_MINUTES refuse that address.
Per account there is no lock that a stranger could impose on the owner: after
LOGIN_FREE_FAILURES_PER_ACCOUNT wrong passwords the account takes one attempt per LOGIN_DELAY_SECONDS,
doubling with each further wrong password up to LOGIN_MAX_DELAY_SECONDS. A guesser's rate is capped;
the owner with the right password waits seconds, never the whole window."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import redis
from flask import current_app
from sqlalchemy import delete, func, or_, select, update

from workspace.accounts.models import LoginAttempt
from workspace.core.i18n import gettext as _
from workspace.core.models import utcnow
from workspace.extensions import db

WRONG_PASSWORD = "password"  # a wrong password or an unknown address: counts against the account and the address
LIMITED = "limited"          # refused by a limit before the password was checked: counts against the address
FORGIVEN = "forgiven"        # a wrong password of an account whose owner has since logged in: the address's still


@dataclass(frozen=True)
class Refusal:
    message: str
    retry_after: int  # seconds


def _window() -> timedelta:
    return timedelta(minutes=current_app.config["LOGIN_WINDOW_MINUTES"])


def _redis():
    url = current_app.config.get("RATELIMIT_REDIS_URL")
    if not url:
        return None
    client = current_app.extensions.get("ratelimit_redis")
    if client is None:
        client = redis.Redis.from_url(url, socket_timeout=2)
        current_app.extensions["ratelimit_redis"] = client
    return client


def redis_keys(email: str, address: str) -> tuple[str, str]:
    """(the account's hash of failures and last failure time, the address's count of refusals)."""
    return f"workspace:login:account:{email}", f"workspace:login:address:{address}"


def _state(email: str, address: str) -> tuple[int, int, datetime | None]:
    """Refusals from the address, wrong passwords for the account, and the last of those, in the window."""
    redis = _redis()
    if redis is not None:
        account_key, address_key = redis_keys(email, address)
        pipeline = redis.pipeline()
        pipeline.get(address_key)
        pipeline.hmget(account_key, "failures", "last")
        by_address, (failures, last) = pipeline.execute()
        last_at = datetime.fromtimestamp(float(last), UTC) if last else None
        return int(by_address or 0), int(failures or 0), last_at
    is_failure = (LoginAttempt.email == email) & (LoginAttempt.kind == WRONG_PASSWORD)
    by_address, failures, last_at = db.session.execute(
        select(func.count().filter(LoginAttempt.address == address), func.count().filter(is_failure),
               func.max(LoginAttempt.attempted_at).filter(is_failure))
        .where(LoginAttempt.attempted_at >= utcnow() - _window(),
               or_(LoginAttempt.email == email, LoginAttempt.address == address))
    ).one()
    if last_at is not None and last_at.tzinfo is None:  # SQLite keeps no zone: stored in UTC
        last_at = last_at.replace(tzinfo=UTC)
    return by_address, failures, last_at


def account_delay(failures: int) -> float:
    """Seconds the account makes the next attempt wait after ``failures`` wrong passwords."""
    config = current_app.config
    beyond = failures - config["LOGIN_FREE_FAILURES_PER_ACCOUNT"]
    if beyond < 0:
        return 0
    return min(config["LOGIN_DELAY_SECONDS"] * 2 ** min(beyond, 30), config["LOGIN_MAX_DELAY_SECONDS"])


def refusal(email: str, address: str) -> Refusal | None:
    """Why this attempt is refused before its password is checked, or None; a refusal is counted too."""
    by_address, failures, last_at = _state(email, address)
    if by_address >= current_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]:
        _record(email, address, LIMITED)
        minutes = current_app.config["LOGIN_WINDOW_MINUTES"]
        return Refusal(_("Слишком много неудачных попыток входа с вашего адреса. Подождите %(minutes)d мин. "
                         "и попробуйте снова или восстановите пароль.", minutes=minutes), minutes * 60)
    if last_at is not None:
        remaining = (last_at + timedelta(seconds=account_delay(failures)) - utcnow()).total_seconds()
        if remaining > 0:
            _record(email, address, LIMITED)
            seconds = math.ceil(remaining)
            return Refusal(_("Слишком много неудачных попыток входа в эту учётную запись. Подождите %(seconds)d с "
                             "и попробуйте снова.", seconds=seconds), seconds)
    return None


def record_failure(email: str, address: str) -> None:
    """A wrong password (or an unknown address)."""
    _record(email, address, WRONG_PASSWORD)


def _record(email: str, address: str, kind: str) -> None:
    redis = _redis()
    if redis is not None:
        seconds = int(_window().total_seconds())
        account_key, address_key = redis_keys(email, address)
        pipeline = redis.pipeline()
        pipeline.incr(address_key)
        pipeline.expire(address_key, seconds)
        if kind == WRONG_PASSWORD:
            pipeline.hincrby(account_key, "failures", 1)
            pipeline.hset(account_key, "last", utcnow().timestamp())
            pipeline.expire(account_key, seconds)
        pipeline.execute()
        return
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at < utcnow() - _window()))
    db.session.add(LoginAttempt(email=email, address=address, kind=kind))


def forget_failures(email: str) -> None:
    """The owner got in: the account's wrong passwords no longer slow it down; they still count against the
    addresses they came from."""
    redis = _redis()
    if redis is not None:
        redis.delete(redis_keys(email, "")[0])
        return
    db.session.execute(update(LoginAttempt).where(LoginAttempt.email == email, LoginAttempt.kind == WRONG_PASSWORD)
                       .values(kind=FORGIVEN))
