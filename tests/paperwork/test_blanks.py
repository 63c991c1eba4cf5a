"""The parts of a document that are text rules, not data: the place of compiling, the typesetting of quotes and «№»."""
from __future__ import annotations

import pytest

from workspace.paperwork.blanks import place_of, sentence_start, typeset
from workspace.paperwork.regulation import list_items


@pytest.mark.parametrize("city, place", [("Энск", "г. Энск"), ("Гагарин", "г. Гагарин"), ("г. Майкоп", "г. Майкоп"),
                                         ("с. Натырбово", "с. Натырбово"), ("а. Кошехабль", "а. Кошехабль"),
                                         ("ст-ца Ханская", "ст-ца Ханская"), ("", "")])
def test_the_place_names_a_town_unless_the_settlement_says_its_kind(city, place):
    assert place_of(city) == place


def test_typesetting():
    assert typeset("ЦДО «Центр «Радуга»», школа № 8") == "ЦДО «Центр „Радуга“», школа №\u00a08"
    assert sentence_start("Создание пространства") == "создание пространства"
    assert sentence_start("МБОУ СОШ № 8 — база") == "МБОУ СОШ № 8 — база"


def test_a_typed_list_becomes_its_items():
    assert list_items("1. Расширить доступ;\n- Организовать встречи.\n\n") == ["Расширить доступ", "Организовать встречи"]
    assert list_items("Экскурсии; библиотечные уроки") == ["Экскурсии", "библиотечные уроки"]
    assert list_items("") == []
