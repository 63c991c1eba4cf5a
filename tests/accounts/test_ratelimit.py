"""The log-in limit cannot lock out the rightful owner: every refusal counts against the client address,
and an account only slows down (one attempt per few seconds, doubling up to a minute) — the same in the
database and in Redis. Time is moved by ageing the stored attempts, never by sleeping."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.accounts.helpers import log_in, text
from tests.accounts.test_ratelimit_redis import redis_app  # noqa: F401  (the Redis backend's fixture)
from tests.fixtures.factories import PASSWORD
from workspace.accounts.models import LoginAttempt
from workspace.accounts.ratelimit import redis_keys
from workspace.extensions import db

ATTACKER = "203.0.113.7"
WRONG = "wrong-password-x"
BY_ADDRESS = "Слишком много неудачных попыток входа с вашего адреса. Подождите 15 мин."
BY_ACCOUNT = "Слишком много неудачных попыток входа в эту учётную запись. Подождите"


class Limits:
    """What the limit remembers, read (and aged) in the backend under test."""

    def __init__(self, backend: str, app, read):
        self.backend, self.read = backend, read
        if backend == "redis":
            import redis
            self.redis = redis.Redis.from_url(app.config["RATELIMIT_REDIS_URL"], decode_responses=True)

    def address_refusals(self, address: str) -> int:
        if self.backend == "redis":
            return int(self.redis.get(redis_keys("", address)[1]) or 0)
        with self.read():
            return db.session.scalar(select(func.count()).select_from(LoginAttempt)
                                     .where(LoginAttempt.address == address))

    def account_failures(self, email: str) -> int:
        if self.backend == "redis":
            return int(self.redis.hget(redis_keys(email, "")[0], "failures") or 0)
        with self.read():
            return db.session.scalar(select(func.count()).select_from(LoginAttempt).where(
                LoginAttempt.email == email, LoginAttempt.kind == "password"))

    def age(self, seconds: float) -> None:
        """Everything remembered happened ``seconds`` earlier."""
        if self.backend == "redis":
            for key in self.redis.scan_iter("workspace:login:account:*"):
                self.redis.hset(key, "last", float(self.redis.hget(key, "last")) - seconds)
            return
        with self.read():
            for attempt in db.session.scalars(select(LoginAttempt)):  # row by row: SQLite keeps dates as text
                attempt.attempted_at -= timedelta(seconds=seconds)
            db.session.commit()


@pytest.fixture(params=["database", "redis"])
def limits(request, app, read):
    if request.param == "redis":
        request.getfixturevalue("redis_app")
    return Limits(request.param, app, read)


def from_address(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_an_attacker_address_is_stopped_and_the_owners_still_get_in(app, make, limits):
    school = make.institution(slug="limit1")
    users = [make.user(school, email=f"user{n}@limit1.test") for n in range(10)]
    attacker = from_address(app, ATTACKER)

    answers = [log_in(attacker, user.email, WRONG) for _round in range(3) for user in users]

    assert [answer.status_code for answer in answers] == [422] * 20 + [429] * 10
    assert BY_ADDRESS in text(answers[20]) and answers[20].headers["Retry-After"] == "900"
    # Even the right password is refused from that address — and that refusal is counted too.
    assert log_in(attacker, users[0].email, PASSWORD).status_code == 429
    assert limits.address_refusals(ATTACKER) == 31
    assert sum(limits.account_failures(user.email) for user in users) == 20  # refusals by the limit are not
    for number, user in enumerate(users):
        owner = from_address(app, f"198.51.100.{number + 1}")
        assert log_in(owner, user.email).status_code == 302, user.email


def test_the_owner_gets_in_after_the_accounts_short_delay(app, make, limits):
    make.user(make.institution(slug="limit2"), email="victim@limit2.test")
    attacker = from_address(app, ATTACKER)
    for _attempt in range(5):
        assert log_in(attacker, "victim@limit2.test", WRONG).status_code == 422
    assert log_in(attacker, "victim@limit2.test", WRONG).status_code == 429  # 2 s to wait after five
    limits.age(3)
    assert log_in(attacker, "victim@limit2.test", WRONG).status_code == 422  # the 6th: now 4 s
    limits.age(5)
    assert log_in(attacker, "victim@limit2.test", WRONG).status_code == 422  # the 7th: now 8 s
    owner = from_address(app, "198.51.100.1")

    refused = log_in(owner, "victim@limit2.test", PASSWORD)

    assert refused.status_code == 429
    assert f"{BY_ACCOUNT} 8 с и попробуйте снова." in text(refused)
    assert refused.headers["Retry-After"] == "8"
    assert limits.address_refusals("198.51.100.1") == 1 and limits.account_failures("victim@limit2.test") == 7
    limits.age(9)
    assert log_in(owner, "victim@limit2.test", PASSWORD).status_code == 302
    assert limits.account_failures("victim@limit2.test") == 0
    assert limits.address_refusals(ATTACKER) == 8  # seven wrong passwords and one refused attempt


def test_the_delay_doubles_up_to_a_minute(app, make, limits):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 1000
    make.user(make.institution(slug="limit3"), email="target@limit3.test")
    attacker = from_address(app, ATTACKER)
    waits = []
    for _attempt in range(9):
        assert log_in(attacker, "target@limit3.test", WRONG).status_code == 422
        refused = log_in(attacker, "target@limit3.test", WRONG)
        if refused.status_code == 429:
            waits.append(int(re.search(r"Подождите (\d+) с", text(refused)).group(1)))
            limits.age(waits[-1] + 1)
        else:
            assert refused.status_code == 422
            limits.age(61)

    assert waits == [2, 4, 8, 16, 32, 60, 60]
