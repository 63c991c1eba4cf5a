"""The log-in rate limit in Redis (RATELIMIT_REDIS_URL), shared by every worker."""
from __future__ import annotations

import os
import uuid

import pytest

from tests.conftest import post_form

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_app(app):
    import redis
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL} (the default rate limit lives in the database)")
    app.config["RATELIMIT_REDIS_URL"] = REDIS_URL
    yield app
    for key in client.scan_iter("workspace:login:*"):
        client.delete(key)
    app.extensions.pop("ratelimit_redis", None)


def test_failures_are_counted_in_redis_and_block_the_account(redis_app, client, make, read):
    school = make.institution(slug=f"redis-{uuid.uuid4().hex[:8]}")
    user = make.user(school, "staff")
    for _attempt in range(5):
        response = post_form(client, "/login", {"email": user.email, "password": "wrong-password"})
        assert response.status_code == 422
    blocked = post_form(client, "/login", {"email": user.email, "password": "test-password-1"})
    assert blocked.status_code == 429
    assert "Слишком много неудачных попыток входа" in blocked.get_data(as_text=True)
    from sqlalchemy import func, select

    from workspace.accounts.models import LoginAttempt
    from workspace.extensions import db
    with read():
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0  # nothing in the database
