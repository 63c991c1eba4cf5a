"""The operator creates and edits networks, adds and removes their members."""
from __future__ import annotations

from datetime import date

import pytest

from tenants.models import MemberRole, Membership, Network
from tests.conftest import post_form
from tests.operator.helpers import count, memberships, network_by_slug, text, token_from

SLUG_RULE = "Только латинские строчные буквы, цифры и дефис, от 2 до 63 символов."


@pytest.fixture
def institutions(make):
    return {
        "school": make.institution("Школа № 31", slug="sosh31"),
        "library": make.institution("Библиотека им. Пушкина", kind="library", slug="pushkin"),
        "theatre": make.institution("Театр юного зрителя", kind="theatre", slug="tyuz"),
        "museum": make.institution("Краеведческий музей", kind="museum", slug="museum"),
    }


def _network_form(institutions, **changes):
    return {"name": "Программа сетевого взаимодействия «Культурный город»", "slug": "culture-city",
            "base_institution_id": institutions["school"].id, "goal": "Создание единого пространства",
            "tasks": "1. Интеграция\n2. Проекты", "starts_on": "2025-09-01", "ends_on": "2027-08-31", **changes}


# --- create ----------------------------------------------------------------------------------

def test_new_network_form(console, institutions):
    response = console.get("/operator/networks/new")
    assert response.status_code == 200
    body = text(response)
    assert "Новая сеть" in body and "Базовая организация" in body
    for institution in institutions.values():
        assert f'value="{institution.id}"' in body


def test_create_network_with_base_institution(console, institutions, read):
    response = post_form(console, "/operator/networks/new", _network_form(institutions))

    assert response.status_code == 302
    network = network_by_slug(read, "culture-city")
    assert network is not None
    assert response.location == f"/operator/networks/{network.id}"
    assert network.name == "Программа сетевого взаимодействия «Культурный город»"
    assert network.base_institution_id == institutions["school"].id
    assert (network.starts_on, network.ends_on) == (date(2025, 9, 1), date(2027, 8, 31))
    assert network.goal == "Создание единого пространства"
    assert memberships(read, network.id) == {institutions["school"].id: "base"}
    page = text(console.get(response.location)).replace("&#34;", '"')
    assert "Добавьте участников." in page
    assert "Школа № 31" in page and "Базовая организация" in page
    assert "01.09.2025" in page and "31.08.2027" in page
    # The base school sees its network at once.
    assert "Культурный город" in text(console.get("/operator/"))


def test_ends_before_it_starts(console, institutions, read):
    before = count(read, Network), count(read, Membership)

    response = post_form(console, "/operator/networks/new",
                         _network_form(institutions, starts_on="2026-09-01", ends_on="2026-05-31"))

    assert response.status_code == 422
    assert "Окончание не может быть раньше начала." in text(response)
    assert (count(read, Network), count(read, Membership)) == before


def test_one_day_network_is_fine(console, institutions, read):
    response = post_form(console, "/operator/networks/new",
                         _network_form(institutions, starts_on="2026-03-01", ends_on="2026-03-01"))
    assert response.status_code == 302


@pytest.mark.parametrize("changes, message", [
    ({"slug": "Культура"}, SLUG_RULE),
    ({"slug": "x"}, SLUG_RULE),
    ({"name": ""}, "Заполните это поле."),
    ({"starts_on": ""}, "Заполните это поле."),
    ({"starts_on": "01.09.2025"}, "Неверное значение даты."),
    ({"ends_on": "2027-02-30"}, "Неверное значение даты."),
    ({"base_institution_id": "999999"}, None),
    ({"base_institution_id": "школа"}, None),
])
def test_invalid_network_is_refused(console, institutions, read, changes, message):
    before = count(read, Network), count(read, Membership)

    response = post_form(console, "/operator/networks/new", _network_form(institutions, **changes))

    assert response.status_code == 422
    if message:
        assert message in text(response)
    assert "Проверьте поля, отмеченные ниже." in text(response)
    assert (count(read, Network), count(read, Membership)) == before


def test_duplicate_network_slug(console, make, institutions, read):
    make.network(institutions["library"], name="Другая", slug="culture-city")
    before = count(read, Network)

    response = post_form(console, "/operator/networks/new", _network_form(institutions))

    assert response.status_code == 422
    assert "Этот адрес уже занят другой сетью." in text(response)
    assert count(read, Network) == before


# --- edit ------------------------------------------------------------------------------------

@pytest.fixture
def network(make, institutions):
    network = make.network(institutions["school"], name="Культурный город", slug="culture-city",
                           starts_on=date(2025, 9, 1), ends_on=date(2027, 8, 31))
    make.member(network, institutions["library"], "social_partner")
    return network


def test_edit_form_is_filled_in(console, network):
    body = text(console.get(f"/operator/networks/{network.id}/edit"))
    assert 'value="Культурный город"' in body
    assert 'value="2025-09-01"' in body and 'value="2027-08-31"' in body


def test_edit_network(console, network, institutions, read):
    response = post_form(console, f"/operator/networks/{network.id}/edit", _network_form(
        institutions, name="Культурный город 2.0", slug="culture-city-2", goal="", ends_on="2028-08-31"))

    assert response.status_code == 302
    edited = network_by_slug(read, "culture-city-2")
    assert edited.id == network.id
    assert edited.name == "Культурный город 2.0"
    assert edited.goal == ""
    assert edited.ends_on == date(2028, 8, 31)
    assert memberships(read, network.id) == {institutions["school"].id: "base",
                                             institutions["library"].id: "social_partner"}
    assert "Изменения сохранены." in text(console.get(response.location))


def test_edit_with_ends_before_start_changes_nothing(console, network, institutions, read):
    response = post_form(console, f"/operator/networks/{network.id}/edit",
                         _network_form(institutions, starts_on="2027-09-01", ends_on="2027-08-31"))

    assert response.status_code == 422
    assert "Окончание не может быть раньше начала." in text(response)
    assert network_by_slug(read, "culture-city").starts_on == date(2025, 9, 1)


def test_edit_cannot_take_another_networks_slug(console, make, network, institutions, read):
    make.network(institutions["museum"], name="Музейная", slug="museum-net")

    response = post_form(console, f"/operator/networks/{network.id}/edit",
                         _network_form(institutions, slug="museum-net"))

    assert response.status_code == 422
    assert "Этот адрес уже занят другой сетью." in text(response)
    assert network_by_slug(read, "culture-city") is not None


def test_moving_the_base_to_a_member(console, network, institutions, read):
    response = post_form(console, f"/operator/networks/{network.id}/edit",
                         _network_form(institutions, base_institution_id=institutions["library"].id))

    assert response.status_code == 302
    assert network_by_slug(read, "culture-city").base_institution_id == institutions["library"].id
    assert memberships(read, network.id) == {institutions["school"].id: "network_partner",
                                             institutions["library"].id: "base"}


def test_moving_the_base_to_an_outsider(console, network, institutions, read):
    response = post_form(console, f"/operator/networks/{network.id}/edit",
                         _network_form(institutions, base_institution_id=institutions["theatre"].id))

    assert response.status_code == 302
    assert memberships(read, network.id) == {institutions["school"].id: "network_partner",
                                             institutions["library"].id: "social_partner",
                                             institutions["theatre"].id: "base"}


# --- members ---------------------------------------------------------------------------------

@pytest.mark.parametrize("role, shown", [("network_partner", "Сетевой партнёр"),
                                         ("social_partner", "Социальный партнёр")])
def test_add_member(console, network, institutions, read, role, shown):
    url = f"/operator/networks/{network.id}"
    form = text(console.get(url))
    assert "Добавить участника" in form
    assert f'value="{institutions["theatre"].id}"' in form
    assert 'value="base"' not in form  # nobody is added as a second base

    response = post_form(console, url, {"institution_id": institutions["theatre"].id, "role": role})

    assert response.status_code == 302
    assert response.location == url
    assert memberships(read, network.id)[institutions["theatre"].id] == role
    page = text(console.get(url))
    assert "Участник добавлен в сеть." in page
    row = page[page.index("Театр юного зрителя"):]
    assert shown in row[:400]


@pytest.mark.parametrize("data", [
    {"role": "base"},
    {"role": "sponsor"},
    {"institution_id": "library"},
    {"institution_id": "999999"},
])
def test_add_member_refuses_bad_input(console, network, institutions, read, data):
    before = memberships(read, network.id)
    payload = {"institution_id": institutions["theatre"].id, "role": "network_partner", **data}
    if data.get("institution_id") == "library":
        payload["institution_id"] = institutions["library"].id  # already a member

    response = post_form(console, f"/operator/networks/{network.id}", payload)

    assert response.status_code == 422
    assert "Проверьте поля, отмеченные ниже." in text(response)
    assert memberships(read, network.id) == before


def test_when_everyone_is_in_there_is_nothing_to_add(console, make):
    only = make.institution("Единственная школа", slug="only")
    network = make.network(only, name="Одна школа", slug="one")

    body = text(console.get(f"/operator/networks/{network.id}"))

    assert "Все учреждения уже в сети." in body


def test_remove_member_asks_then_removes(console, network, institutions, read):
    library_membership = next(m for m in _memberships(read, network.id) if m.role == MemberRole.SOCIAL_PARTNER)
    url = f"/operator/networks/{network.id}/members/{library_membership.id}/remove"

    question = console.get(url)

    assert question.status_code == 200
    body = text(question)
    assert "Исключить учреждение из сети?" in body
    assert "«Библиотека им. Пушкина» перестанет видеть материалы сети." in body.replace("&#34;", '"')
    assert f'action="{url}"' in body
    assert institutions["library"].id in memberships(read, network.id)  # asking changes nothing

    response = console.post(url, data={"csrf_token": token_from(console, url)})

    assert response.status_code == 302
    assert response.location == f"/operator/networks/{network.id}"
    assert "Учреждение исключено из сети." in text(console.get(response.location))
    assert memberships(read, network.id) == {institutions["school"].id: "base"}


def test_remove_needs_post_with_token(console, network, read):
    library_membership = next(m for m in _memberships(read, network.id) if m.role == MemberRole.SOCIAL_PARTNER)
    url = f"/operator/networks/{network.id}/members/{library_membership.id}/remove"

    response = console.post(url)

    assert response.status_code == 400
    assert len(memberships(read, network.id)) == 2


def test_the_base_member_cannot_be_removed(console, network, institutions, read):
    base = next(m for m in _memberships(read, network.id) if m.role == MemberRole.BASE)
    url = f"/operator/networks/{network.id}/members/{base.id}/remove"
    network_page = text(console.get(f"/operator/networks/{network.id}"))
    assert url not in network_page  # no link to remove it

    question = console.get(url)
    response = console.post(url, data={"csrf_token": token_from(console, f"/operator/networks/{network.id}")})

    assert question.status_code in (302, 409)
    assert response.status_code in (302, 409)
    shown = text(console.get(response.location)) if response.status_code == 302 else text(response)
    assert "Базовую организацию нельзя исключить из сети" in shown
    assert memberships(read, network.id)[institutions["school"].id] == "base"


def _memberships(read, network_id):
    from sqlalchemy import select

    from workspace.extensions import db
    with read():
        return list(db.session.scalars(select(Membership).where(Membership.network_id == network_id)))
