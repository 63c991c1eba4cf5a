"""Audiences («классы») read into grade ranges, also off the end of a title."""
import pytest

from workspace.reading.audience import Audience, read_audience, split_audience_from_title

pytestmark = pytest.mark.filterwarnings("error")


@pytest.mark.parametrize("text, grades", [
    ("5-11 классы", (5, 11)),
    ("1-6", (1, 6)),
    ("3-4 классы", (3, 4)),
    ("7 класс", (7, 7)),
    ("5–9 кл.", (5, 9)),
    ("5 - 9 кл", (5, 9)),
    ("1-11 классы", (1, 11)),
    ("1—11 КЛАССЫ", (1, 11)),
    ("7", (7, 7)),
    (7, (7, 7)),
    ("обучающиеся 5-11 классов, родители", (5, 11)),
    ("учащиеся 7-х классов", (7, 7)),
    ("7-е классы", (7, 7)),
    ("7а, 7б классы", (7, 7)),
    ("с 5 по 9 класс", (5, 9)),
    ("5, 7, 9 классы", (5, 9)),
    ("5-7 классы, 10-11 классы", (5, 11)),
    ("начальная школа", (1, 4)),
    ("начальные классы", (1, 4)),
    ("основная школа", (5, 9)),
    ("старшеклассники", (10, 11)),
    ("все классы", (1, 11)),
])
def test_grades(text, grades):
    audience = read_audience(text)
    assert (audience.grade_from, audience.grade_to) == grades
    assert audience.text == str(text) and audience.is_read


@pytest.mark.parametrize("text", ["родители", "педагоги, родители", "", None, "1-12 классы", "0 класс",
                                  "11-5", "12", "дошкольники"])
def test_no_grades(text):
    audience = read_audience(text)
    assert audience.grade_from is None and audience.grade_to is None and not audience.is_read
    assert audience.text == (text or "")


def test_membership():
    assert 7 in read_audience("5-9 кл.") and 10 not in read_audience("5-9 кл.")
    assert 5 not in read_audience("родители")


@pytest.mark.parametrize("title, rest, text, grades", [
    ("Праздничные мероприятия, посвященные Дню знаний 3-4 классы",
     "Праздничные мероприятия, посвященные Дню знаний", "3-4 классы", (3, 4)),
    ("Праздник белых журавлей. День памяти погибших в военных конфликтах.1-11 классы",
     "Праздник белых журавлей. День памяти погибших в военных конфликтах.", "1-11 классы", (1, 11)),
    ("«Однажды в январе» Новогодний калейдоскоп  2-5 классы",
     "«Однажды в январе» Новогодний калейдоскоп", "2-5 классы", (2, 5)),
    ("Библиосумерки. 5-9 классы", "Библиосумерки.", "5-9 классы", (5, 9)),
    ("Конкурс чтецов (5-7 кл.)", "Конкурс чтецов", "5-7 кл.", (5, 7)),
    ("Конкурс чтецов – 5–7 кл.", "Конкурс чтецов", "5–7 кл.", (5, 7)),
    ("Викторина для обучающихся 5-7 классов", "Викторина", "для обучающихся 5-7 классов", (5, 7)),
    ("Урок мужества, 7 класс", "Урок мужества", "7 класс", (7, 7)),
])
def test_split_audience_from_title(title, rest, text, grades):
    remaining, audience = split_audience_from_title(title)
    assert remaining == rest
    assert audience == Audience(text, *grades)


@pytest.mark.parametrize("title", [
    "Час мужества. «Место подвига. Чернобыль»",
    "Участие в конкурсах, проектах, мероприятиях различной направленности",
    "5-11 классы",                       # nothing would be left of the title
    "Встреча 5-11 классов с ветеранами",  # not at the end
    "Турнир 1-12 классы",                # no such grades
    "",
])
def test_title_without_audience_is_unchanged(title):
    assert split_audience_from_title(title) == (title, None)
