"""Every file the application answers — Excel, Word, iCalendar, uploaded scans and photos — is
``Cache-Control: private, no-store``: found by walking every GET route of app.url_map as several roles
with their own objects (tests/tenancy/world.py), not by a hand-kept list."""
from __future__ import annotations

from tests.conftest import login
from tests.fixtures.factories import PASSWORD
from tests.tenancy.test_isolation_walk import _rules, _url, _values_for, _values_of_rule
from tests.tenancy.world import build_world

# Between them these open every file: the school's staff, the provider, a council member, the operator.
ACTORS = ("admin", "coordinator", "teacher", "partner", "external", "operator")
FILE_ROUTES: list[str] = []  # endpoints found answering a file: printed at the end of the run


def _own(world, actor: str):
    if actor == "operator":
        _user, own, _foreign = _values_for(world, "admin")
        return world.operator, own
    user, own, _foreign = _values_for(world, actor)
    return user, own


def test_every_file_answer_is_private_no_store(app, make, capsys):
    world = build_world(make)
    files: dict[str, str] = {}
    for actor in ACTORS:
        client = app.test_client()
        user, own = _own(world, actor)
        login(client, user.email, PASSWORD)
        for rule in _rules(app):
            if "GET" not in rule.methods or ("institution" in rule.arguments and own["institution"] is None):
                continue
            response = client.get(_url(rule, _values_of_rule(world, rule, own, {})[0]))
            if response.status_code != 200 or response.mimetype == "text/html":
                continue
            assert response.headers.get("Cache-Control") == "private, no-store", \
                f"{actor} {rule.rule} ({response.mimetype}): {response.headers.get('Cache-Control')}"
            files.setdefault(rule.endpoint, response.mimetype)
    kinds = sorted(set(files.values()))
    with capsys.disabled():
        print(f"\nno-store walk: {len(files)} file routes ({', '.join(kinds)})")
    FILE_ROUTES[:] = sorted(files)
    # The walk cannot pass by opening nothing: every route that looks like a file was opened as one.
    assert set(_file_like(app)) <= set(files), set(_file_like(app)) - set(files)
    assert len(files) >= 17 and len(kinds) >= 4, (sorted(files), kinds)


def _file_like(app) -> list[str]:
    return [rule.endpoint for rule in _rules(app) if "GET" in rule.methods and (
        rule.rule.endswith((".xlsx", ".docx", ".ics", ".csv", ".pdf")) or ".download_" in rule.endpoint)]

