"""Search understands Russian word forms: a word typed in one form finds the text in another, in every kind,
and still only what the user may see."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import select

from workspace.core.text import matches_search_text, search_forms, search_text, text_matches
from workspace.extensions import db


@pytest.mark.parametrize("query, text", [
    ("сценарии", "Сценарий квеста"),
    ("кузнецкая", "Школа на Кузнецкой"),
    ("театральный", "Театральная студия"),
    ("ёлка", "Елки"),
    ("ЕЛКИ", "Новогодняя ёлка"),
    ("сцен", "Сценарий квеста"),                  # a word still being typed
    ("Смирнову", "Смирнов Иван"),                 # a stem longer than the stored word's own stem
    ("сценарий квеста", "Квест: сценарии для 5-9 классов"),  # every word, in any order
    ("5-9", "для 5-9 классов"),
])
def test_a_word_finds_its_other_forms(query, text):
    assert text_matches(text, query), (query, text)


@pytest.mark.parametrize("query, text", [
    ("сценарии жирафа", "Сценарий квеста"),      # every word must be found
    ("квест", "Сценарий классного часа"),
    ("ватель", "Преподаватель"),                  # a word start, not any part of a word
    ("%", "100 %"),                               # no word: nothing
    ("", "Сценарий"),
])
def test_what_is_not_found(query, text):
    assert not text_matches(text, query), (query, text)


def test_the_stored_and_the_query_forms():
    assert search_text("Сценарий квеста «Ёлки»", None, "5-9 классы") == "сценарий квеста елки 5 9 классы"
    assert search_forms("Сценарии  КВЕСТОВ, ёлки") == ["сценар", "квест", "елк"]
    assert search_forms("ёлка ёлки елки") == ["елк"]
    assert search_text("Школа №5") == "школа № 5" and search_forms("№ 5") == ["№", "5"]


def test_the_refill_migration_applies_the_same_rule():
    path = Path(__file__).parents[2] / "migrations" / "versions" / "0025_search_word_forms.py"
    spec = importlib.util.spec_from_file_location("refill_0025", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    for parts in (("Сценарий квеста «Ёлки»", None, "5-9 классы"), ("МБОУ «СОШ № 5»", "Щёлково_2"), ("",)):
        assert migration._words(*parts) == search_text(*parts), parts


def test_sql_matches_word_starts_in_any_form_and_escapes_wildcards(app, make, read):
    from tenants.models import Institution
    street = make.institution("Школа на Кузнецкой", slug="street")
    make.institution("Лицей «Прокузнецкий»", slug="infix")
    with read():
        def found(query):
            return db.session.scalars(select(Institution.id).where(matches_search_text(Institution, query))).all()
        assert found("кузнецкая") == found("школы на КУЗНЕЦКОЙ") == [street.id]
        assert found("кузнецкая улица") == []
        assert found("%") == found("_") == found("") == []


def _world(make):
    school = make.institution("Школа на Кузнецкой", slug="school")
    studio = make.institution("Театральная студия «Ёлки»", kind="culture_house", slug="studio")
    neighbour = make.institution("Гимназия № 2", slug="neighbour")
    outsider = make.institution("Театральный лицей", slug="outsider")
    network = make.network(school, name="Сеть", slug="net")
    make.member(network, studio, "social_partner")
    make.member(network, neighbour, "network_partner")
    elsewhere = make.network(outsider, name="Чужая сеть", slug="other")
    coordinator = make.user(school, "coordinator", full_name="Анна Коврова", email="anna@school.test")
    make.user(studio, "coordinator", full_name="Смирнов Иван Петрович", position="педагог-организатор",
              email="smirnov@studio.test")
    make.user(outsider, "coordinator", full_name="Смирнов Пётр", email="smirnov@outsider.test")
    plan = make.plan(network, 2026, title="План сетевых мероприятий")
    section = make.section(plan, "Раздел студии", studio)
    make.item(section, "Сценарий квеста «Новогодние ёлки»", "декабрь", responsible="Кузнецова О. В.")
    foreign_plan = make.plan(elsewhere, 2026, title="План сетевых мероприятий чужой сети")
    make.item(make.section(foreign_plan, "Раздел", outsider), "Сценарий квеста в лицее", "май")
    meeting = make.meeting(network, 3, place="Актовый зал студии")
    make.agenda_item(meeting, "О проведении праздников")
    make.project(network, school, title="Театральные постановки", participants=(studio,))
    make.agreement(network, [school, studio], title="Договор о совместных экскурсиях")
    make.agreement(network, [studio, neighbour], title="Договор о зимних экскурсиях")  # not published, not ours
    make.programme(network, studio, title="Юные программисты")
    make.pupil(school, "Ёлкина", "Дарья", class_label="6Б")
    make.pupil(neighbour, "Ёлкина", "Анна", class_label="6В")   # another school's pupil: never found
    make.material(network, studio, title="Сценарии праздников", tags="театр")
    make.normative_document(network, title="Положение о библиотеках", number="12/2026")
    make.request(network, studio, "Нужен актовый зал для спектаклей")
    return coordinator


@pytest.mark.parametrize("query, heading, found", [
    ("сценарии", "Мероприятия планов", "Сценарий квеста «Новогодние ёлки»"),
    ("ёлка", "Мероприятия планов", "Сценарий квеста «Новогодние ёлки»"),
    ("кузнецовой", "Мероприятия планов", "Сценарий квеста «Новогодние ёлки»"),   # by the responsible
    ("мероприятие", "Планы", "План сетевых мероприятий"),
    ("праздник", "Заседания совета", "О проведении праздников"),
    ("актовом зале", "Заседания совета", "О проведении праздников"),            # by the place
    ("кузнецкая", "Учреждения", "Школа на Кузнецкой"),
    ("театральный", "Учреждения", "Театральная студия «Ёлки»"),
    ("Смирнову", "Люди", "Смирнов Иван Петрович"),
    ("педагогов-организаторов", "Люди", "Смирнов Иван Петрович"),
    ("театральная постановка", "Проекты", "Театральные постановки"),
    ("экскурсия", "Договоры", "Договор о совместных экскурсиях"),
    ("юный программист", "Программы и обучающиеся", "Юные программисты"),
    ("ёлкину", "Программы и обучающиеся", "Ёлкина Дарья"),
    ("сценарий праздника", "Банк практик и документы", "Сценарии праздников"),
    ("положения о библиотеке", "Банк практик и документы", "Положение о библиотеках"),
    ("12/2026", "Банк практик и документы", "Положение о библиотеках"),
    ("актовые залы", "Таблица запросов", "Нужен актовый зал для спектаклей"),
])
def test_each_kind_finds_a_word_in_another_form(client, make, login_as, query, heading, found):
    login_as(_world(make))
    page = client.get("/i/school/search", query_string={"q": query}).get_data(as_text=True)
    assert heading in page and found in page, (query, heading, found)


def test_word_forms_find_nothing_the_user_may_not_see(client, make, login_as):
    login_as(_world(make))
    for query in ("сценарии квестов", "театральный", "смирнову", "ёлкиной", "экскурсии", "лицея"):
        for headers in ({}, {"HX-Request": "true", "HX-Target": "search-results"}):
            page = client.get("/i/school/search", query_string={"q": query}, headers=headers).get_data(as_text=True)
            assert "в лицее" not in page and "Театральный лицей" not in page, query   # another network
            assert "Смирнов Пётр" not in page and "@outsider" not in page, query
            assert "Ёлкина Анна" not in page and "6В" not in page, query               # another school's pupil
            assert "зимних" not in page, query                                          # not a party, unpublished
            assert "smirnov@studio.test" not in page, query                            # a partner's e-mail


def test_the_dropdown_finds_a_word_while_it_is_typed(client, make, login_as):
    login_as(_world(make))
    body = client.get("/i/school/search", query_string={"q": "сцен"},
                      headers={"HX-Request": "true", "HX-Target": "search-results"}).get_data(as_text=True)
    assert "Сценарий квеста «Новогодние ёлки»" in body and "Сценарии праздников" in body


def test_lists_with_their_own_search_understand_word_forms(client, make, login_as):
    login_as(_world(make))
    pupils = client.get("/i/school/pupils/", query_string={"q": "ёлкиной дарье"}).get_data(as_text=True)
    assert "Ёлкина" in pupils and "Дарья" in pupils and "6В" not in pupils
    bank = client.get("/n/net/bank/", query_string={"q": "сценарий праздника"}).get_data(as_text=True)
    assert "Сценарии праздников" in bank
    assert "Сценарии праздников" not in client.get("/n/net/bank/", query_string={"q": "сценарий жирафа"}
                                                   ).get_data(as_text=True)
