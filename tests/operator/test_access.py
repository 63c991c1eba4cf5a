"""The console exists only for the operator: others get 404, anonymous users the login page."""
from __future__ import annotations

import pytest

from tenants.models import Institution, Membership, Network
from tests.operator.helpers import count, log_in, text, token_from
from workspace.accounts.models import User


@pytest.fixture
def world(make):
    school = make.institution("Школа № 1", slug="school-1")
    library = make.institution("Библиотека", kind="library", slug="library")
    network = make.network(school, name="Сеть «Город»", slug="city")
    membership = make.member(network, library, "social_partner")
    return {"school": school, "library": library, "network": network, "membership": membership}


def _pages(world):
    school, network, membership = world["school"], world["network"], world["membership"]
    return [
        "/operator/", "/operator/?q=школа", "/operator/institutions/new",
        f"/operator/institutions/{school.id}", f"/operator/institutions/{school.id}/edit",
        "/operator/networks/new", f"/operator/networks/{network.id}", f"/operator/networks/{network.id}/edit",
        f"/operator/networks/{network.id}/members/{membership.id}/remove",
    ]


def _posts(world):
    school, library, network, membership = world["school"], world["library"], world["network"], world["membership"]
    return [
        ("/operator/institutions/new", {"short_name": "Захват", "full_name": "Захват", "slug": "grab",
                                        "kind": "school"}),
        (f"/operator/institutions/{school.id}/edit", {"short_name": "Захват", "full_name": "Захват",
                                                     "slug": "school-1", "kind": "school"}),
        (f"/operator/institutions/{school.id}", {"full_name": "Захватчик", "email": "grab@evil.test"}),
        ("/operator/networks/new", {"name": "Захват", "slug": "grab", "base_institution_id": school.id,
                                    "starts_on": "2025-09-01", "ends_on": "2026-08-31"}),
        (f"/operator/networks/{network.id}/edit", {"name": "Захват", "slug": "city",
                                                   "base_institution_id": library.id,
                                                   "starts_on": "2025-09-01", "ends_on": "2026-08-31"}),
        (f"/operator/networks/{network.id}", {"institution_id": library.id, "role": "network_partner"}),
        (f"/operator/networks/{network.id}/members/{membership.id}/remove", {}),
    ]


def _snapshot(read):
    return (count(read, Institution), count(read, Network), count(read, Membership), count(read, User))


@pytest.mark.parametrize("who", ["admin", "coordinator", "teacher", "staff", "external", "nobody"])
def test_others_do_not_see_the_console(client, make, read, outbox, world, who):
    if who == "external":
        user = make.user(None, None, email="parent@mail.test")
        make.seat(world["network"], user, "member")
    elif who == "nobody":
        user = make.user(None, None, email="nobody@mail.test")
    else:
        user = make.user(world["school"], who, email=f"{who}@school-1.test")
    home = log_in(client, user.email).location
    before = _snapshot(read)
    token = token_from(client, home)

    for url in _pages(world):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Страница не найдена" in text(response)
        assert "Консоль оператора" not in text(response)
    for url, data in _posts(world):
        response = client.post(url, data={**data, "csrf_token": token})
        assert response.status_code == 404, url

    assert _snapshot(read) == before
    assert outbox == []


def test_anonymous_is_sent_to_login(client, read, world):
    before = _snapshot(read)
    for url in _pages(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.location.startswith("/login?next=")
    for url, data in _posts(world):
        response = client.post(url, data=data)
        assert response.status_code in (302, 400), url  # no session, no CSRF token: never through
    assert _snapshot(read) == before


def test_anonymous_comes_back_to_the_console_after_login(client, make):
    make.user(None, None, operator=True, email="operator@city.test")

    first = client.get("/operator/networks/new")
    page = client.get(first.location)
    from tests.conftest import csrf_token_from
    response = client.post(first.location, data={"email": "operator@city.test", "password": "test-password-1",
                                                  "csrf_token": csrf_token_from(text(page))})

    assert response.status_code == 302
    assert response.location == "/operator/networks/new"


def test_operator_sees_the_console(console, world):
    response = console.get("/operator/")

    assert response.status_code == 200
    body = text(response)
    assert "Консоль оператора" in body
    assert "Сеть «Город»" in body
    assert "Школа № 1" in body and "Библиотека" in body
    assert "Новое учреждение" in body and "Новая сеть" in body


def test_unknown_objects_are_not_found(console, world):
    network = world["network"]
    for url in ("/operator/institutions/999999", "/operator/institutions/999999/edit",
                "/operator/networks/999999", "/operator/networks/999999/edit",
                f"/operator/networks/{network.id}/members/999999/remove"):
        assert console.get(url).status_code == 404, url


def test_membership_of_another_network_is_not_found(console, make, read, world):
    other = make.network(world["library"], name="Другая сеть", slug="other")
    foreign = world["membership"]

    page = console.get(f"/operator/networks/{other.id}/members/{foreign.id}/remove")
    response = console.post(f"/operator/networks/{other.id}/members/{foreign.id}/remove",
                            data={"csrf_token": token_from(console, "/operator/")})

    assert page.status_code == 404
    assert response.status_code == 404
    assert count(read, Membership, Membership.id == foreign.id) == 1
