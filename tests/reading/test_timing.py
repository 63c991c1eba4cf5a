"""Timing phrases («сроки») read into dates of the plan's academic year."""
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workspace.core.dates import AcademicYear
from workspace.reading.timing import KINDS, Timing, read_timing

pytestmark = pytest.mark.filterwarnings("error")

Y2019 = AcademicYear(2019)
Y2023 = AcademicYear(2023)
D = date


def read(text, year=Y2019):
    return read_timing(text, year)


def assert_read(timing: Timing, kind, start, end):
    assert timing.is_read, timing.warning
    assert (timing.kind, timing.starts_on, timing.ends_on) == (kind, start, end)
    assert timing.kind in KINDS


# --- months in any case and capitalisation -------------------------------------------------

@pytest.mark.parametrize("text, start, end", [
    ("сентябрь", D(2019, 9, 1), D(2019, 9, 30)),
    ("сентября", D(2019, 9, 1), D(2019, 9, 30)),
    ("в сентябре", D(2019, 9, 1), D(2019, 9, 30)),
    ("Сентябрь", D(2019, 9, 1), D(2019, 9, 30)),
    ("СЕНТЯБРЬ", D(2019, 9, 1), D(2019, 9, 30)),
    ("  сентябрь. ", D(2019, 9, 1), D(2019, 9, 30)),
    ("сент.", D(2019, 9, 1), D(2019, 9, 30)),
    ("в течение сентября", D(2019, 9, 1), D(2019, 9, 30)),
    ("октябрь", D(2019, 10, 1), D(2019, 10, 31)),
    ("в ноябре", D(2019, 11, 1), D(2019, 11, 30)),
    ("декабрь", D(2019, 12, 1), D(2019, 12, 31)),
    ("январь", D(2020, 1, 1), D(2020, 1, 31)),
    ("в январе", D(2020, 1, 1), D(2020, 1, 31)),
    ("февраль", D(2020, 2, 1), D(2020, 2, 29)),
    ("в марте", D(2020, 3, 1), D(2020, 3, 31)),
    ("апрель", D(2020, 4, 1), D(2020, 4, 30)),
    ("май", D(2020, 5, 1), D(2020, 5, 31)),
    ("мая", D(2020, 5, 1), D(2020, 5, 31)),
    ("в мае", D(2020, 5, 1), D(2020, 5, 31)),
    ("июнь", D(2020, 6, 1), D(2020, 6, 30)),
    ("в июле", D(2020, 7, 1), D(2020, 7, 31)),
    ("август", D(2020, 8, 1), D(2020, 8, 31)),
    ("Сентябрь 2019", D(2019, 9, 1), D(2019, 9, 30)),
    ("май 2020 г.", D(2020, 5, 1), D(2020, 5, 31)),
    ("в мае 2020 года", D(2020, 5, 1), D(2020, 5, 31)),
    ("Май 2020г.", D(2020, 5, 1), D(2020, 5, 31)),
    ("март, 2020", D(2020, 3, 1), D(2020, 3, 31)),
])
def test_month(text, start, end):
    timing = read(text)
    assert_read(timing, "month", start, end)
    assert timing.text == text and timing.dates == ((start, end),) and timing.warning is None


def test_month_and_year_of_the_roadmap():
    assert_read(read("Сентябрь 2023", Y2023), "month", D(2023, 9, 1), D(2023, 9, 30))
    assert_read(read("Май 2024", Y2023), "month", D(2024, 5, 1), D(2024, 5, 31))


def test_february_of_a_common_year():
    assert_read(read("февраль", Y2023), "month", D(2024, 2, 1), D(2024, 2, 29))
    assert_read(read("февраль", AcademicYear(2022)), "month", D(2023, 2, 1), D(2023, 2, 28))


# --- ranges ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, start, end", [
    ("сентябрь - октябрь", D(2019, 9, 1), D(2019, 10, 31)),
    ("сентябрь-октябрь", D(2019, 9, 1), D(2019, 10, 31)),
    ("Сентябрь-октябрь", D(2019, 9, 1), D(2019, 10, 31)),
    ("март – май", D(2020, 3, 1), D(2020, 5, 31)),
    ("март — май", D(2020, 3, 1), D(2020, 5, 31)),
    ("март‑май", D(2020, 3, 1), D(2020, 5, 31)),
    ("ноябрь – февраль", D(2019, 11, 1), D(2020, 2, 29)),
    ("декабрь-январь", D(2019, 12, 1), D(2020, 1, 31)),
    ("сентябрь – май", D(2019, 9, 1), D(2020, 5, 31)),
    ("с сентября по май", D(2019, 9, 1), D(2020, 5, 31)),
    ("с октября по апрель", D(2019, 10, 1), D(2020, 4, 30)),
    ("с октября до мая", D(2019, 10, 1), D(2020, 5, 31)),
    ("в сентябре-октябре", D(2019, 9, 1), D(2019, 10, 31)),
    ("сентябрь-октябрь 2019", D(2019, 9, 1), D(2019, 10, 31)),
    ("ноябрь – январь 2020 г.", D(2019, 11, 1), D(2020, 1, 31)),
    ("сентябрь 2019 – май 2020", D(2019, 9, 1), D(2020, 5, 31)),
    ("сентябрь 2019 г. – май 2020 г.", D(2019, 9, 1), D(2020, 5, 31)),
    ("с октября", D(2019, 10, 1), D(2020, 8, 31)),
    ("начиная с февраля", D(2020, 2, 1), D(2020, 8, 31)),
    ("сентябрь - 15 октября", D(2019, 9, 1), D(2019, 10, 15)),
    ("Сентябрь –\nоктябрь", D(2019, 9, 1), D(2019, 10, 31)),      # wrapped in its cell
    ("c сентября пo май", D(2019, 9, 1), D(2020, 5, 31)),            # Latin c and o
])
def test_month_range(text, start, end):
    assert_read(read(text), "range", start, end)


def test_range_of_the_roadmap():
    assert_read(read("Сентябрь-октябрь", Y2023), "range", D(2023, 9, 1), D(2023, 10, 31))


# --- days and dates --------------------------------------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("22.11.2019", D(2019, 11, 22)),
    ("22.11.2019г.", D(2019, 11, 22)),
    ("22.11.19", D(2019, 11, 22)),
    ("22.11", D(2019, 11, 22)),
    ("22.11.", D(2019, 11, 22)),
    ("05.03", D(2020, 3, 5)),
    ("5.3", D(2020, 3, 5)),
    ("22 ноября", D(2019, 11, 22)),
    ("22 ноября 2019 г.", D(2019, 11, 22)),
    ("1 сентября", D(2019, 9, 1)),
    ("15 мая", D(2020, 5, 15)),
    ("29.02", D(2020, 2, 29)),
])
def test_date(text, day):
    assert_read(read(text), "date", day, day)


@pytest.mark.parametrize("text, start, end", [
    ("22-24.11.", D(2019, 11, 22), D(2019, 11, 24)),
    ("22-24.11", D(2019, 11, 22), D(2019, 11, 24)),
    ("22-24.11.2019", D(2019, 11, 22), D(2019, 11, 24)),
    ("22 – 24.11.2019", D(2019, 11, 22), D(2019, 11, 24)),
    ("22.11-24.11", D(2019, 11, 22), D(2019, 11, 24)),
    ("22.11.2019 – 24.11.2019", D(2019, 11, 22), D(2019, 11, 24)),
    ("22-24 ноября", D(2019, 11, 22), D(2019, 11, 24)),
    ("с 22 по 24 ноября", D(2019, 11, 22), D(2019, 11, 24)),
    ("с 22.11 по 24.11", D(2019, 11, 22), D(2019, 11, 24)),
    ("с 1 по 15 сентября 2019 года", D(2019, 9, 1), D(2019, 9, 15)),
    ("28.02-03.03", D(2020, 2, 28), D(2020, 3, 3)),
    ("28-03.03", D(2020, 2, 28), D(2020, 3, 3)),
    ("28 февраля – 3 марта", D(2020, 2, 28), D(2020, 3, 3)),
    ("25.12-10.01", D(2019, 12, 25), D(2020, 1, 10)),
    ("30.12.2019-10.01.2020", D(2019, 12, 30), D(2020, 1, 10)),
    ("30-2.01.2020", D(2019, 12, 30), D(2020, 1, 2)),
    ("в начале сентября", D(2019, 9, 1), D(2019, 9, 10)),
    ("середина октября", D(2019, 10, 11), D(2019, 10, 20)),
    ("в конце мая", D(2020, 5, 21), D(2020, 5, 31)),
    ("конец февраля", D(2020, 2, 21), D(2020, 2, 29)),
    ("2 декада октября", D(2019, 10, 11), D(2019, 10, 20)),
    ("первая неделя мая", D(2020, 5, 1), D(2020, 5, 7)),
    ("последняя неделя декабря", D(2019, 12, 25), D(2019, 12, 31)),
])
def test_days(text, start, end):
    assert_read(read(text), "days", start, end)


# --- lists -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, periods", [
    ("октябрь, март", [(D(2019, 10, 1), D(2019, 10, 31)), (D(2020, 3, 1), D(2020, 3, 31))]),
    ("апрель, май", [(D(2020, 4, 1), D(2020, 4, 30)), (D(2020, 5, 1), D(2020, 5, 31))]),
    ("октябрь; март", [(D(2019, 10, 1), D(2019, 10, 31)), (D(2020, 3, 1), D(2020, 3, 31))]),
    ("октябрь\nмарт", [(D(2019, 10, 1), D(2019, 10, 31)), (D(2020, 3, 1), D(2020, 3, 31))]),
    ("Октябрь\r\nМарт\r\n", [(D(2019, 10, 1), D(2019, 10, 31)), (D(2020, 3, 1), D(2020, 3, 31))]),
    ("октябрь и март", [(D(2019, 10, 1), D(2019, 10, 31)), (D(2020, 3, 1), D(2020, 3, 31))]),
    ("сентябрь, декабрь, март, май", [(D(2019, 9, 1), D(2019, 9, 30)), (D(2019, 12, 1), D(2019, 12, 31)),
                                      (D(2020, 3, 1), D(2020, 3, 31)), (D(2020, 5, 1), D(2020, 5, 31))]),
    ("сентябрь-октябрь, март", [(D(2019, 9, 1), D(2019, 10, 31)), (D(2020, 3, 1), D(2020, 3, 31))]),
    ("22.11, 15.12", [(D(2019, 11, 22), D(2019, 11, 22)), (D(2019, 12, 15), D(2019, 12, 15))]),
    ("5, 12, 19 октября", [(D(2019, 10, 5), D(2019, 10, 5)), (D(2019, 10, 12), D(2019, 10, 12)),
                           (D(2019, 10, 19), D(2019, 10, 19))]),
    ("22 ноября, 15 декабря 2019", [(D(2019, 11, 22), D(2019, 11, 22)), (D(2019, 12, 15), D(2019, 12, 15))]),
    ("ноябрь, январь 2020", [(D(2019, 11, 1), D(2019, 11, 30)), (D(2020, 1, 1), D(2020, 1, 31))]),
    ("в I и II четвертях", [(D(2019, 9, 1), D(2019, 10, 31)), (D(2019, 11, 1), D(2019, 12, 31))]),
])
def test_list(text, periods):
    timing = read(text)
    assert_read(timing, "list", periods[0][0], max(end for _, end in periods))
    assert list(timing.dates) == periods


# --- deadlines -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, year, end", [
    ("К маю 2024", Y2023, D(2024, 5, 31)),
    ("к маю", Y2023, D(2024, 5, 31)),
    ("до 15 мая", Y2023, D(2024, 5, 15)),
    ("до 15.05.2024", Y2023, D(2024, 5, 15)),
    ("в срок до 1 октября", Y2023, D(2023, 10, 1)),
    ("не позднее 20 декабря", Y2023, D(2023, 12, 20)),
    ("до конца мая", Y2023, D(2024, 5, 31)),
    ("до конца учебного года", Y2023, D(2024, 8, 31)),
    ("к концу года", Y2023, D(2024, 8, 31)),
    ("до конца 2023 года", Y2023, D(2023, 12, 31)),
])
def test_deadline_starts_with_the_academic_year(text, year, end):
    timing = read(text, year)
    assert_read(timing, "deadline", year.starts_on, end)
    assert timing.warning is None


# --- the whole year --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "в течение года", "В течение года", "в течении года", "в течение учебного года",
    "в течение всего учебного года", "весь год", "весь учебный год", "весь период",
    "в течение года (по плану)", "в течение года по отдельному графику", "учебный год",
    "2019-2020 учебный год", "2019–2020 уч. год", "2019/2020 уч.г.", "2019-20 уч. г.",
    "в течение 2019-2020 учебного года", "на 2019-2020 учебный год", "2019-2020 гг.", "2019 - 2020",
    "ежемесячно", "Ежемесячно", "еженедельно", "ежеквартально", "постоянно", "систематически",
    "1 раз в месяц", "2 раза в четверть", "ежемесячно, в течение года", "круглогодично",
])
def test_whole_year(text):
    timing = read(text)
    assert_read(timing, "whole_year", D(2019, 9, 1), D(2020, 8, 31))
    assert timing.warning is None


def test_whole_year_of_the_roadmap():
    assert_read(read("В течение года", Y2023), "whole_year", D(2023, 9, 1), D(2024, 8, 31))
    assert_read(read("2024-2025 учебный год", AcademicYear(2024)), "whole_year", D(2024, 9, 1), D(2025, 8, 31))


def test_a_periodic_word_beside_months_reads_the_months():
    assert_read(read("ежемесячно (сентябрь - май)"), "range", D(2019, 9, 1), D(2020, 5, 31))


# --- terms -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, start, end", [
    ("I четверть", D(2019, 9, 1), D(2019, 10, 31)),
    ("1 четверть", D(2019, 9, 1), D(2019, 10, 31)),
    ("в 1-й четверти", D(2019, 9, 1), D(2019, 10, 31)),
    ("II четверть", D(2019, 11, 1), D(2019, 12, 31)),
    ("3-я четверть", D(2020, 1, 1), D(2020, 3, 31)),
    ("IV четверть", D(2020, 4, 1), D(2020, 5, 31)),
    ("1 полугодие", D(2019, 9, 1), D(2019, 12, 31)),
    ("первое полугодие", D(2019, 9, 1), D(2019, 12, 31)),
    ("II полугодие", D(2020, 1, 1), D(2020, 5, 31)),
    ("2 полугодие 2020", D(2020, 1, 1), D(2020, 5, 31)),
    ("во 2-м полугодии", D(2020, 1, 1), D(2020, 5, 31)),
    ("2 триместр", D(2019, 12, 1), D(2020, 2, 29)),
    ("IV квартал", D(2019, 10, 1), D(2019, 12, 31)),
    ("I квартал 2020", D(2020, 1, 1), D(2020, 3, 31)),
    ("осень", D(2019, 9, 1), D(2019, 11, 30)),
    ("зимой", D(2019, 12, 1), D(2020, 2, 29)),
    ("весна", D(2020, 3, 1), D(2020, 5, 31)),
    ("летом", D(2020, 6, 1), D(2020, 8, 31)),
    ("летние каникулы", D(2020, 6, 1), D(2020, 8, 31)),
    ("в летний период", D(2020, 6, 1), D(2020, 8, 31)),
    ("I-II четверть", D(2019, 9, 1), D(2019, 12, 31)),
])
def test_terms(text, start, end):
    timing = read(text)
    assert timing.is_read, timing.warning
    assert (timing.starts_on, timing.ends_on) == (start, end)
    assert timing.kind == ("range" if text == "I-II четверть" else "term")


QUARTERS_2019 = ((D(2019, 9, 1), D(2019, 10, 31)), (D(2019, 11, 1), D(2019, 12, 31)),
                 (D(2020, 1, 1), D(2020, 3, 31)), (D(2020, 4, 1), D(2020, 5, 31)))


@pytest.mark.parametrize("text, periods", [
    ("в каждую четверть", QUARTERS_2019),
    ("Каждую четверть", QUARTERS_2019),
    ("в каждой четверти", QUARTERS_2019),
    ("ежечетвертно", QUARTERS_2019),
    ("по четвертям", QUARTERS_2019),
    ("по полугодиям", ((D(2019, 9, 1), D(2019, 12, 31)), (D(2020, 1, 1), D(2020, 5, 31)))),
    ("каждый триместр", ((D(2019, 9, 1), D(2019, 11, 30)), (D(2019, 12, 1), D(2020, 2, 29)),
                         (D(2020, 3, 1), D(2020, 5, 31)))),
])
def test_every_term_is_each_term_of_the_year(text, periods):
    """«в каждую четверть» was unread («непонятное слово «каждую»»): it is the year's four quarters."""
    timing = read(text)
    assert timing.kind == "list" and timing.dates == periods and timing.warning is None
    assert (timing.starts_on, timing.ends_on) == (periods[0][0], periods[-1][1])


# --- years that contradict the plan's year --------------------------------------------------

@pytest.mark.parametrize("text, start, end", [
    ("Сентябрь 2023", D(2023, 9, 1), D(2023, 9, 30)),
    ("22.11.2018", D(2018, 11, 22), D(2018, 11, 22)),
    ("2024-2025 учебный год", D(2024, 9, 1), D(2025, 8, 31)),
    ("май 2019", D(2019, 5, 1), D(2019, 5, 31)),
    ("сентябрь 2020", D(2020, 9, 1), D(2020, 9, 30)),
])
def test_a_contradicting_year_is_kept_and_flagged(text, start, end):
    timing = read(text)
    assert timing.is_read and timing.needs_review
    assert (timing.starts_on, timing.ends_on) == (start, end)
    assert "2019/2020" in timing.warning


def test_a_deadline_beyond_the_year_is_flagged():
    timing = read("К маю 2024", Y2019)
    assert timing.is_read and timing.ends_on == D(2024, 5, 31) and timing.warning


def test_a_range_over_the_summer_leaves_the_year_and_says_so():
    timing = read("май - сентябрь")
    assert (timing.starts_on, timing.ends_on) == (D(2020, 5, 1), D(2020, 9, 30))
    assert timing.warning


# --- unreadable: kept verbatim and flagged ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "по мере необходимости", "по запросу", "по согласованию", "по плану", "в течение месяца",
    "согласно графику", "30.02", "31.11.2019", "13.13", "24-22.11.2019", "22.11.2019 в 10:00",
    "сентябрь?", "Сентябрь (уточняется)", "осенние каникулы", "до", "с", "-", "в течение",
    "22", "15-20", "ежемесячно до 5 числа", "1 раз", "май 2019 - сентябрь 2018", "2025-2023",
    "5 четверть", "каждый понедельник", "до начала мая", "TBD", "sept", "22.11.2019 – 24.11.2019 / online",
])
def test_unreadable_is_kept_verbatim_and_flagged(text):
    timing = read(text)
    assert timing.kind == "unread" and not timing.is_read and timing.needs_review
    assert timing.text == text
    assert timing.starts_on is None and timing.ends_on is None and timing.dates == ()
    assert timing.warning.startswith("Срок не распознан")


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty(text):
    timing = read(text)
    assert not timing.is_read and timing.warning == "Срок не указан"


def test_a_date_cell_is_read_as_that_date():
    from datetime import datetime
    timing = read(datetime(2019, 11, 22))
    assert_read(timing, "date", D(2019, 11, 22), D(2019, 11, 22))
    assert timing.text == "22.11.2019"


def test_timing_is_frozen_and_hashable():
    timing = read("октябрь, март")
    with pytest.raises(AttributeError):
        timing.kind = "month"
    assert hash(timing) == hash(read("октябрь, март"))


# --- never fails, never loses the text -------------------------------------------------------

PIECES = ["сентябрь", "мая", "в", "течение", "года", "учебного", "до", "к", "с", "по", "-", "–", ",", ";",
          "\n", "22", "31", "0", "99", "2019", "2024", "2023-2024", "22.11", "30.02", "29.02.2021",
          "22.11.2019", ".", "г.", "I", "iv", "четверть", "полугодие", "неделя", "декада", "конец",
          "начала", "последняя", "ежемесячно", "весь", "период", "летом", "каникулы", "не", "позднее",
          "и", "(", ")", "по плану", "1-я", "раз в месяц", "x", "?", "2100", "1989", "12.13", "00.00"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8), st.integers(min_value=1995, max_value=2095))
def test_any_phrase_gives_a_timing_and_keeps_its_text(pieces, start_year):
    text = " ".join(pieces)
    year = AcademicYear(start_year)
    timing = read_timing(text, year)
    assert timing.text == text
    if timing.is_read:
        assert timing.starts_on <= timing.ends_on and timing.dates
        assert all(start <= end for start, end in timing.dates)
        assert timing.starts_on == min(s for s, _ in timing.dates) and timing.ends_on == max(e for _, e in timing.dates)
    else:
        assert timing.starts_on is None and timing.dates == () and timing.warning


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_at_all_gives_a_timing(text):
    timing = read_timing(text, Y2019)
    assert timing.text == text and timing.kind in KINDS
