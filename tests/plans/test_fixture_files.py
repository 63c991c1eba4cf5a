"""The two real plans (copies of ../shared/fixtures kept in the repository) read row by row:
every row mapped, every timing phrase on the right dates, audiences taken off the titles."""
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from workspace.core.dates import AcademicYear
from workspace.reading.reading import choose_sheet, find_table, read_item

pytestmark = pytest.mark.filterwarnings("error")

FIXTURES = Path(__file__).resolve().parent / "fixtures"
D = date


def sheets_of(name: str) -> list[tuple[str, list[tuple]]]:
    workbook = load_workbook(FIXTURES / name, read_only=True)
    try:
        return [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in workbook.worksheets]
    finally:
        workbook.close()


def read_file(name: str, year: AcademicYear):
    sheets = sheets_of(name)
    index = choose_sheet(sheets)
    assert index == 0
    table = find_table(sheets[index][1])
    return table, [read_item(item, year) for item in table.items]


MIBS = "Заместитель директора по ВР,МБУ «МИБС»"

# line, №, title without the audience, grades, timing as typed, kind, starts_on, ends_on
LIBRARY = [
    (4, "1", "Праздничные мероприятия, посвященные Дню знаний", (3, 4), "сентябрь", "month",
     D(2019, 9, 1), D(2019, 9, 30)),
    (5, "2", "Классный час: «Терроризм - от Ольстера до наших дней»", (5, 11), "сентябрь", "month",
     D(2019, 9, 1), D(2019, 9, 30)),
    (6, "3", "Классный час: «Как не попасть под влияние террористических организаций»", (5, 11), "октябрь",
     "month", D(2019, 10, 1), D(2019, 10, 31)),
    (7, "4", "Праздник белых журавлей. День памяти погибших в военных конфликтах.", (1, 11), "октябрь",
     "month", D(2019, 10, 1), D(2019, 10, 31)),
    (8, "5", "Конкурс рисунков «Мамы нет дороже…»", (1, 6), "22-24.11.", "days", D(2019, 11, 22), D(2019, 11, 24)),
    (9, "6", "Классный час «Смотри на меня как на равного»", (5, 7), "декабрь", "month",
     D(2019, 12, 1), D(2019, 12, 31)),
    (10, "7", "Классный час «Их имена в истории Кузбасса»", (5, 9), "декабрь", "month",
     D(2019, 12, 1), D(2019, 12, 31)),
    (11, "8", "«Однажды в январе» Новогодний калейдоскоп", (2, 5), "январь", "month", D(2020, 1, 1), D(2020, 1, 31)),
    (12, "9", "Классный час «Покорители космоса. Экскурс в историю»", (5, 6), "апрель", "month",
     D(2020, 4, 1), D(2020, 4, 30)),
    (13, "10", "Библиосумерки.", (5, 9), "апрель", "month", D(2020, 4, 1), D(2020, 4, 30)),
    (14, "11", "Час мужества. «Место подвига. Чернобыль»", None, "апрель", "month", D(2020, 4, 1), D(2020, 4, 30)),
    (15, "12", "Участие в конкурсах, проектах, мероприятиях различной направленности", None, "в течение года",
     "whole_year", D(2019, 9, 1), D(2020, 8, 31)),
]


def test_library_plan_2019_2020():
    table, items = read_file("plan_library_2019-2020.xlsx", AcademicYear(2019))
    assert table.header_row_index == 2 and table.problems == [] and table.sections == []
    assert table.columns == {"number": 0, "title": 1, "timing": 2, "responsible": 3}
    assert table.caption == ("План мероприятий с Муниципальным бюджетным учреждением «Муниципальная "
                             "информационно-библиотечная система города Новокузнецка»")
    assert len(items) == len(LIBRARY) == 12
    for item, (line, number, title, grades, timing, kind, start, end) in zip(items, LIBRARY):
        assert (item.raw.line, item.raw.number, item.title) == (line, number, title)
        assert item.raw.responsible == MIBS
        if grades is None:
            assert item.audience is None
        else:
            assert (item.audience.grade_from, item.audience.grade_to) == grades
        assert item.timing.is_read and item.timing.warning is None
        assert (item.timing.text, item.timing.kind, item.timing.starts_on, item.timing.ends_on) == (
            timing, kind, start, end)
        assert item.doubts == ()


ROADMAP = [
    # line, №, title starts with, timing as typed, kind, starts_on, ends_on, report form
    (4, "1.", "Собеседование по формированию запроса", "Сентябрь-октябрь", "range",
     D(2023, 9, 1), D(2023, 10, 31), "Составление таблицы запросов"),
    (5, "2.", "Изучение нормативных документов Приказы:\n- о составе", "Сентябрь-октябрь", "range",
     D(2023, 9, 1), D(2023, 10, 31), "Согласование"),
    (6, "3.", "Корректировка плана.", "Сентябрь 2023", "month", D(2023, 9, 1), D(2023, 9, 30),
     "План, дорожная карта"),
    (7, "4.", "Реализация образовательного процесса", "В течение года", "whole_year",
     D(2023, 9, 1), D(2024, 8, 31), "Программно-методическое обеспечение"),
    (8, "5.", "Изучение и внедрение в учебный процесс", "В течение года", "whole_year",
     D(2023, 9, 1), D(2024, 8, 31), "Методические пособия"),
    (9, "6.", "Координация деятельность педагогов", "В течение года", "whole_year",
     D(2023, 9, 1), D(2024, 8, 31), None),
    (10, "7.", "Использование ресурсов учреждений", "В течение года", "whole_year",
     D(2023, 9, 1), D(2024, 8, 31), None),
    (11, "8.", "Трансляция занятий", "В течение года", "whole_year", D(2023, 9, 1), D(2024, 8, 31),
     "Буклет с примерами современных образовательных технологий."),
    (12, "9.", "Обобщение и распространение", "Май 2024", "month", D(2024, 5, 1), D(2024, 5, 31),
     "Отчет, заключение. Банк лучших практик"),
    (13, "10", "Разработка комплекса критериев", "К маю 2024", "deadline", D(2023, 9, 1), D(2024, 5, 31),
     "Критерии показателей оценки эффективности сетевого взаимодействия; «Методические рекомендации по "
     "реализации дополнительных образовательных программ в сетевой форме»"),
]


def test_roadmap_2023_2024():
    table, items = read_file("roadmap_ddut_2023-2024.xlsx", AcademicYear(2023))
    assert table.header_row_index == 2 and table.problems == [] and table.sections == []
    assert table.columns == {"number": 0, "title": 1, "timing": 2, "report_form": 3}
    assert table.caption.startswith("Дорожная карта по внедрению и реализации целевой модели")
    assert len(items) == len(ROADMAP) == 10
    for item, (line, number, title, timing, kind, start, end, report_form) in zip(items, ROADMAP):
        assert (item.raw.line, item.raw.number, item.raw.report_form) == (line, number, report_form)
        assert item.title.startswith(title) and item.audience is None
        assert item.timing.is_read and item.timing.warning is None
        assert (item.timing.text, item.timing.kind, item.timing.starts_on, item.timing.ends_on) == (
            timing, kind, start, end)
        assert item.doubts == ()


def test_multiline_titles_are_kept_whole():
    _, items = read_file("roadmap_ddut_2023-2024.xlsx", AcademicYear(2023))
    assert items[1].title.count("\n") == 7
    assert items[1].title.endswith("о назначении ответственного за сопровождении и администратора официального сайта.")


@pytest.mark.parametrize("name, year", [("plan_library_2019-2020.xlsx", AcademicYear(2019)),
                                        ("roadmap_ddut_2023-2024.xlsx", AcademicYear(2023))])
def test_zero_unread_and_zero_doubts(name, year):
    table, items = read_file(name, year)
    rows = sheets_of(name)[0][1]
    data_rows = [row for row in rows[table.header_row_index + 1:] if any(value is not None for value in row)]
    assert len(items) == len(data_rows)
    assert [item.raw.line for item in items if not item.timing.is_read or item.doubts] == []


def test_the_fixture_copies_match_the_shared_originals():
    shared = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
    if not shared.is_dir():
        pytest.skip("the shared fixtures are not beside this checkout")
    for name in ("plan_library_2019-2020.xlsx", "roadmap_ddut_2023-2024.xlsx"):
        assert (FIXTURES / name).read_bytes() == (shared / name).read_bytes()
