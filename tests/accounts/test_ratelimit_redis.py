"""The log-in rate limit in Redis (RATELIMIT_REDIS_URL), shared by every worker. The behaviour itself is
tested on both backends in test_ratelimit.py, with the fixture below; without Redis these tests skip,
and under CI=true a skip fails the run (tests/conftest.py)."""
from __future__ import annotations

import os
import uuid

import pytest

from tests.conftest import post_form

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _url_of_worker(worker_id: str) -> str:
    """Each pytest-xdist worker its own Redis database (15, 14, …): their keys and clean-ups never meet."""
    if not worker_id.startswith("gw"):
        return REDIS_URL
    server, _slash, number = REDIS_URL.rpartition("/")
    return f"{server}/{int(number) - int(worker_id.removeprefix('gw'))}"


@pytest.fixture
def redis_app(app, worker_id):
    import redis
    url = _url_of_worker(worker_id)
    client = redis.Redis.from_url(url, socket_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {url} (the default rate limit lives in the database)")
    for key in client.scan_iter("workspace:login:*"):
        client.delete(key)
    app.config["RATELIMIT_REDIS_URL"] = url
    yield app
    for key in client.scan_iter("workspace:login:*"):
        client.delete(key)
    app.extensions.pop("ratelimit_redis", None)


def test_failures_are_counted_in_redis_and_slow_the_account_down(redis_app, client, make, read):
    school = make.institution(slug=f"redis-{uuid.uuid4().hex[:8]}")
    user = make.user(school, "staff")
    for _attempt in range(5):
        response = post_form(client, "/login", {"email": user.email, "password": "wrong-password"})
        assert response.status_code == 422
    slowed = post_form(client, "/login", {"email": user.email, "password": "test-password-1"})
    assert slowed.status_code == 429
    assert "Подождите 2 с" in slowed.get_data(as_text=True)
    from sqlalchemy import func, select

    from workspace.accounts.models import LoginAttempt
    from workspace.extensions import db
    with read():
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0  # nothing in the database
