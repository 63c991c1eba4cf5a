"""Global search through the test client: what it finds, in any letter case, and never anything foreign."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.tenancy.world import MARK_B, ROLES, build_world
from workspace.extensions import db
from workspace.search.matching import contains, fold


def _network(make):
    school = make.institution("Школа № 5", slug="school")
    museum = make.institution("Музей «Ёлка»", kind="museum", slug="museum", city="Майкоп")
    outsider = make.institution("Лицей Ёлкино", slug="outsider")
    network = make.network(school, name="Сеть", slug="net")
    make.member(network, museum, "social_partner")
    coordinator = make.user(school, "coordinator", full_name="Анна Коврова", email="anna@school.test")
    guide = make.user(museum, "coordinator", full_name="Ёлкина Мария", email="maria@museum.test")
    make.user(outsider, "coordinator", full_name="Ёлкин Пётр", email="petr@outsider.test")
    plan = make.plan(network, 2026, title="Сетевой план на 2026/2027")
    section = make.section(plan, "Раздел музея", museum)
    make.item(section, "Новогодняя ЁЛКА в музее", "декабрь", responsible="Ёлкина М. И.")
    make.item(section, "Экскурсия «Осенний лес»", "октябрь", responsible="Коврова А.")
    meeting = make.meeting(network, 3, place="Актовый зал")
    make.agenda_item(meeting, "О ёлке в актовом зале")
    return coordinator, guide


def test_cyrillic_case_and_yo_are_folded_in_sql(app, make, read):
    school = make.institution("ЁЛКА и Елочка", slug="yo")
    from tenants.models import Institution
    with read():
        for query in ("ёлка", "ЕЛКА", "елочка", "ЁЛОЧКА", "и ел"):
            found = db.session.scalars(select(Institution.id).where(contains(Institution.short_name, query))).all()
            assert found == [school.id], query
        assert not db.session.scalars(select(Institution.id).where(contains(Institution.short_name, "%"))).all()
        assert not db.session.scalars(select(Institution.id).where(contains(Institution.short_name, "_"))).all()
    assert fold("Ёлка") == fold("ЕЛКА") == "елка"


def test_the_page_groups_results_by_kind(client, make, login_as):
    coordinator, _guide = _network(make)
    login_as(coordinator)
    page = client.get("/i/school/search?q=ёлк").get_data(as_text=True)
    for heading in ("Мероприятия планов", "Заседания совета", "Учреждения", "Люди"):
        assert heading in page
    assert "Новогодняя ЁЛКА в музее" in page      # «ёлк» finds «ЁЛКА» (title) …
    assert "О ёлке в актовом зале" in page             # … an agenda question
    assert "Музей «Ёлка»" in page                 # … a partner institution
    assert "Ёлкина Мария" in page                 # … a colleague of a partner, by name
    assert "maria@museum.test" not in page        # never another institution's e-mail
    assert "Ёлкин Пётр" not in page and "Лицей Ёлкино" not in page  # not of my networks
    # A plan item links to its own address, which opens the plan where it is seen (a long plan: its section).
    link = re.search(r'href="(/n/net/plans/\d+/items/\d+)"', page).group(1)
    assert client.get(link).headers["Location"].endswith("#item-" + link.rsplit("/", 1)[1])


def test_yo_and_e_are_one_letter(client, make, login_as):
    coordinator, _guide = _network(make)
    login_as(coordinator)
    page = client.get("/i/school/search?q=ЕЛКИНА").get_data(as_text=True)
    assert "Ёлкина Мария" in page and "Новогодняя ЁЛКА в музее" in page  # responsible «Ёлкина М. И.»


def test_own_colleagues_show_their_e_mail(client, make, login_as):
    coordinator, _guide = _network(make)
    login_as(coordinator)
    page = client.get("/i/school/search?q=коврова").get_data(as_text=True)
    assert "Анна Коврова" in page and "anna@school.test" in page
    assert "Экскурсия «Осенний лес»" in page  # found by its responsible


def test_short_empty_and_unmatched_queries(client, make, login_as):
    coordinator, _guide = _network(make)
    login_as(coordinator)
    assert "Введите, что искать" in client.get("/i/school/search").get_data(as_text=True)
    assert "Введите хотя бы 2 буквы" in client.get("/i/school/search?q=ё").get_data(as_text=True)
    assert "Ничего не найдено по запросу «жираф»" in client.get("/i/school/search?q=жираф").get_data(as_text=True)
    assert "Ничего не найдено" in client.get("/i/school/search?q=%25%25").get_data(as_text=True)


def test_active_search_answers_the_dropdown_fragment(client, make, login_as):
    coordinator, _guide = _network(make)
    login_as(coordinator)
    response = client.get("/i/school/search?q=ёлк", headers={"HX-Request": "true", "HX-Target": "search-results"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert body.lstrip().startswith('<div id="search-results"') and "<html" not in body
    assert "Новогодняя ЁЛКА в музее" in body and "Все результаты" in body


def test_one_kind_shows_more(client, make, login_as):
    coordinator, _guide = _network(make)
    login_as(coordinator)
    page = client.get("/i/school/search?q=ёлк&kind=people").get_data(as_text=True)
    assert "Ёлкина Мария" in page and "Новогодняя ЁЛКА" not in page


def test_the_header_has_the_box_for_staff_not_for_external_members(client, make, login_as):
    coordinator, _guide = _network(make)
    login_as(coordinator)
    assert 'id="site-search"' in client.get("/i/school/").get_data(as_text=True)


def test_external_council_member_has_no_search(client, make, login_as, csrf_off):
    school = make.institution("Школа", slug="school")
    network = make.network(school, slug="net")
    parent = make.user(None, None, full_name="Родитель", email="parent@test.example")
    make.seat(network, parent, "member")
    login_as(parent)
    page = client.get("/n/net/").get_data(as_text=True)
    assert page and 'id="site-search"' not in page
    assert client.get("/i/school/search?q=школа").status_code == 404


@pytest.mark.parametrize("actor", [*ROLES, "partner"])
def test_side_a_never_finds_side_b(client, make, login_as, actor):
    world = build_world(make)
    user = world.a.partner_coordinator if actor == "partner" else world.a.users[actor]
    slug = world.a.partner.slug if actor == "partner" else world.a.school.slug
    login_as(user)
    for query in (MARK_B, MARK_B.lower(), "чужое", "-Б", "Родители", "Отчёт"):
        for headers in ({}, {"HX-Request": "true", "HX-Target": "search-results"}):
            body = client.get(f"/i/{slug}/search", query_string={"q": query}, headers=headers).get_data(as_text=True)
            assert "Ничего не найдено" in body, (actor, query)
            shown = body.replace(f"«{query}»", "").replace(f'value="{query}"', "")
            assert MARK_B not in shown and "@school-b" not in shown, (actor, query)
    own = client.get(f"/i/{slug}/search", query_string={"q": "Своё-А"}).get_data(as_text=True)
    assert "Мероприятие Своё-А" in own and "План Своё-А" in own


def test_the_bridge_sees_both_networks_but_no_private_data(client, make, login_as):
    world = build_world(make)
    login_as(world.bridge_coordinator)
    body = client.get("/i/bridge/search", query_string={"q": "Мероприятие"}).get_data(as_text=True)
    assert "Мероприятие Своё-А" in body and f"Мероприятие {MARK_B}" in body
    people = client.get("/i/bridge/search", query_string={"q": "admin"}).get_data(as_text=True)
    assert f"admin {MARK_B}" in people and "admin@school-b.test" not in people and "admin@school-a.test" not in people
    for private in (world.a.note.body, world.b.note.body, "Заметка", "Родитель"):
        # Notes are the schools' private data; parents on the councils are no institution's staff.
        assert "Ничего не найдено" in client.get("/i/bridge/search", query_string={"q": private}).get_data(as_text=True)


def test_an_emptied_box_closes_the_dropdown(client, make, login_as):
    coordinator, _guide = _network(make)
    login_as(coordinator)
    for query in ("", "ё"):
        body = client.get("/i/school/search", query_string={"q": query},
                          headers={"HX-Request": "true", "HX-Target": "search-results"}).get_data(as_text=True)
        assert body.strip() == '<div id="search-results" class="search-dropdown" aria-live="polite"></div>'


def test_the_results_page_box_swaps_only_its_results(client, make, login_as):
    coordinator, _guide = _network(make)
    login_as(coordinator)
    body = client.get("/i/school/search", query_string={"q": "ёлк"},
                      headers={"HX-Request": "true", "HX-Target": "search-page-results"}).get_data(as_text=True)
    assert body.lstrip().startswith('<div id="search-page-results"') and "<html" not in body
    assert "Мероприятия планов" in body and "Новогодняя ЁЛКА в музее" in body


def _rename_guide(guide):
    from workspace.accounts.models import User
    user = db.session.get(User, guide.id)
    user.full_name, user.position = "Сёмина Мария", "Хранитель фондов"


def _rename_museum(_guide):
    from tenants.models import Institution
    museum = db.session.scalar(select(Institution).where(Institution.slug == "museum"))
    museum.short_name, museum.full_name = "Музей «Берёзка»", "Краеведческий музей города Майкопа"


@pytest.mark.parametrize("kind, rename, shown, queries, old_query, old_shown", [
    ("people", _rename_guide, "Сёмина Мария", ("СЕМИНА", "сёмина", "хранитель ФОНДОВ"), "ёлкина", "Ёлкина Мария"),
    ("institutions", _rename_museum, "Музей «Берёзка»", ("БЕРЕЗКА", "берёзк", "КРАЕВЕДЧЕСКИЙ МУЗЕЙ"), "ёлка",
     "Музей «Ёлка»"),
])
def test_a_row_renamed_through_the_orm_is_found_by_its_new_name_only(client, make, login_as, read, kind, rename,
                                                                     shown, queries, old_query, old_shown):
    """People and institutions are matched on a stored folded search text, which follows every change."""
    coordinator, guide = _network(make)
    with read():
        rename(guide)
        db.session.commit()
    login_as(coordinator)
    for query in queries:
        page = client.get("/i/school/search", query_string={"q": query, "kind": kind}).get_data(as_text=True)
        assert shown in page, query
    page = client.get("/i/school/search", query_string={"q": old_query, "kind": kind}).get_data(as_text=True)
    assert "Ничего не найдено" in page and old_shown not in page
