"""Every state-changing route rejects a request without a CSRF token, and changes nothing."""
from __future__ import annotations

from tests.conftest import login
from tests.fixtures.factories import PASSWORD
from tests.fixtures.row_counts import row_counts
from tests.tenancy.test_isolation_walk import SKIPPED_ENDPOINTS, _url, _values_for
from tests.tenancy.world import build_world

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Routes whose proof is a signed token in the URL, not the session: RFC 8058 one-click unsubscribe, posted by the
# mail client without a session or a form. Without a valid token they answer 404 and change nothing.
TOKEN_PROVEN = {"letters.unsubscribe"}



def test_every_state_changing_route_needs_the_token(app, client, make, read):
    world = build_world(make)
    login(client, world.a.users["admin"].email, PASSWORD)
    _user, own, _foreign = _values_for(world, "admin")
    before = row_counts(read)
    tried = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        for method in sorted(rule.methods & STATE_CHANGING):
            for headers in ({}, {"HX-Request": "true"}):
                response = client.open(_url(rule, own), method=method, data={"body": "x"}, headers=headers)
                if rule.endpoint in TOKEN_PROVEN:
                    assert response.status_code == 404, f"{method} {rule.rule} → {response.status_code}"
                    continue
                assert response.status_code == 400, f"{method} {rule.rule} → {response.status_code}"
                assert "Форма устарела" in response.get_data(as_text=True)
                tried += 1
    assert tried >= 30
    assert row_counts(read) == before
    # the session is still alive: the rejected posts did not log the user out
    assert client.get(f"/i/{world.a.school.slug}/").status_code == 200
