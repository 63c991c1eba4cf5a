"""The operator's search of institutions understands Russian word forms, like the global search."""
from __future__ import annotations


def test_the_console_finds_an_institution_by_a_word_in_another_form(console, make):
    make.institution("Школа на Кузнецкой", slug="street")
    make.institution("Театральная студия «Ёлки»", kind="culture_house", slug="studio")
    make.institution("Гимназия № 2", slug="gymnasium")

    street = console.get("/operator/", query_string={"q": "кузнецкая"}).get_data(as_text=True)
    studio = console.get("/operator/", query_string={"q": "театральный ёлка"}).get_data(as_text=True)

    assert "Школа на Кузнецкой" in street and "Гимназия № 2" not in street
    assert "Театральная студия «Ёлки»" in studio and "Школа на Кузнецкой" not in studio
