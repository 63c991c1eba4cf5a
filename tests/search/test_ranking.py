"""Search answers best first: within each group, a row whose title holds the query's words comes before a row that
only mentions them elsewhere, and a word stored as it was typed before another form of it; rows of equal
relevance keep the group's own order. The same on SQLite and PostgreSQL, on the page and in the dropdown."""
from __future__ import annotations

import pytest

from workspace.core.text import search_parameters

DROPDOWN = {"HX-Request": "true", "HX-Target": "search-results"}


def _order(page: str, *titles: str) -> list[str]:
    """``titles`` in the order they stand on ``page`` (each must be there)."""
    for title in titles:
        assert title in page, title
    return sorted(titles, key=page.index)


def _world(make):
    school = make.institution("Школа на Кузнецкой", slug="school")
    library = make.institution("Библиотека семейного чтения", kind="library", slug="library")
    network = make.network(school, name="Сеть", slug="net")
    make.member(network, library, "social_partner")
    coordinator = make.user(school, "coordinator", full_name="Анна Коврова", email="anna@school.test")
    section = make.section(make.plan(network, 2026, title="План сетевых мероприятий"), "Раздел библиотеки", library)
    make.item(section, "Концерт для родителей", "декабрь", responsible="Ёлкина М. С.")   # a mention
    make.item(section, "Украшение новогодней ёлки", "декабрь")                          # another form in the title
    make.item(section, "Ёлка в библиотеке", "декабрь")                                  # the word itself, first
    make.item(section, "Праздник зимы в школе", "январь")
    make.item(section, "Праздник зимы в библиотеке", "январь")
    make.material(network, library, title="Сценарии праздников", tags="ёлка, зима")     # a material's tag
    make.normative_document(network, title="Положение о новогодней ёлке", number="7/2026")
    return coordinator


@pytest.mark.parametrize("headers", [{}, DROPDOWN], ids=["page", "dropdown"])
def test_a_title_with_the_word_itself_comes_first(client, make, login_as, headers):
    login_as(_world(make))
    page = client.get("/i/school/search", query_string={"q": "ёлка"}, headers=headers).get_data(as_text=True)
    assert _order(page, "Концерт для родителей", "Украшение новогодней ёлки", "Ёлка в библиотеке") == [
        "Ёлка в библиотеке", "Украшение новогодней ёлки", "Концерт для родителей"]


def test_a_document_named_by_the_query_comes_before_a_material_that_only_has_it_as_a_tag(client, make, login_as):
    login_as(_world(make))
    page = client.get("/i/school/search", query_string={"q": "ёлки"}).get_data(as_text=True)
    assert _order(page, "Сценарии праздников", "Положение о новогодней ёлке") == [
        "Положение о новогодней ёлке", "Сценарии праздников"]


def test_rows_of_equal_relevance_keep_the_groups_own_order(client, make, login_as):
    coordinator = _world(make)
    login_as(coordinator)
    page = client.get("/i/school/search", query_string={"q": "праздник зимы"}).get_data(as_text=True)
    assert _order(page, "Праздник зимы в библиотеке", "Праздник зимы в школе") == [
        "Праздник зимы в школе", "Праздник зимы в библиотеке"]   # the plan's order: by position


def test_the_whole_word_is_bound_with_its_wildcards_escaped():
    values = search_parameters("Ёлки 50% ёлка")
    assert values["search_form_0"] == "елк" and values["search_exact_0"] == "% елки %"   # the first word of a form
    assert values["search_exact_1"] == "% 50 %"
    assert "search_exact_2" not in values                                                 # «ёлка»: the form of «ёлки»
