"""Finding the plan table in a sheet: header rows wherever they are, columns by meaning, rows."""
from datetime import date, datetime

import pytest

from workspace.core.dates import AcademicYear
from workspace.reading.reading import (
    NO_HEADER,
    RawItem,
    Section,
    cell_text,
    choose_sheet,
    find_table,
    header_meanings,
    read_item,
)

pytestmark = pytest.mark.filterwarnings("error")

HEADER = ("№ п/п", "Наименование мероприятия", "Участники", "Сроки", "Ответственные", "Форма отчётности")
ITEM_1 = (1, "Конкурс чтецов", "5-7 классы", "октябрь", "Иванова А.А.", "Приказ")
ITEM_2 = (2, "Библиосумерки", "5-9 кл.", "22-24.11.", "МБУ «МИБС»", "Фотоотчёт")


def test_plain_table():
    table = find_table([HEADER, ITEM_1, ITEM_2])
    assert table.header_row_index == 0 and table.problems == [] and table.found
    assert table.columns == {"number": 0, "title": 1, "audience": 2, "timing": 3, "responsible": 4,
                             "report_form": 5}
    assert table.items == [
        RawItem(line=2, number="1", title="Конкурс чтецов", audience="5-7 классы", timing="октябрь",
                responsible="Иванова А.А.", report_form="Приказ"),
        RawItem(line=3, number="2", title="Библиосумерки", audience="5-9 кл.", timing="22-24.11.",
                responsible="МБУ «МИБС»", report_form="Фотоотчёт"),
    ]


def test_title_and_stamp_rows_above_the_header_with_merged_cells():
    rows = [
        (None, None, None, None, "УТВЕРЖДАЮ", None),
        (None, None, None, None, "Директор МБОУ «СОШ № 5»\n________ И.И. Иванова", None),
        (None, None, None, None, "«___» __________ 2019 г.", None),
        (None, None, None, None, None, None),
        ("План мероприятий с Муниципальным бюджетным учреждением «МИБС» на 2019-2020 учебный год",
         None, None, None, None, None),
        ("(сетевое взаимодействие)", None, None, None, None, None),
        HEADER,
        ITEM_1,
    ]
    table = find_table(rows)
    assert table.header_row_index == 6
    assert [item.title for item in table.items] == ["Конкурс чтецов"]
    assert table.items[0].line == 8
    assert table.caption == "План мероприятий с Муниципальным бюджетным учреждением «МИБС» на 2019-2020 учебный год"
    assert "УТВЕРЖДАЮ" in table.preamble


def test_columns_in_another_order_with_extra_columns_and_line_breaks():
    header = ("Сроки\nпроведения", "Место проведения", "Мероприятие", "№", "Ответст-\nвенный\n(Ф.И.О., должность)",
              "Примечание", None, "Целевая\nаудитория", "Ожидаемый результат", "Социальный партнёр")
    row = ("март – май", "Актовый зал", "Фестиваль", "1.", "Петров П.П.", "по согласованию", "x", "1-4",
           "Сценарий", "ДК «Алюминщик»")
    table = find_table([header, row])
    assert table.columns == {"timing": 0, "title": 2, "number": 3, "responsible": 4, "audience": 7,
                             "report_form": 8, "partner": 9}
    item = table.items[0]
    assert (item.number, item.title, item.timing, item.responsible, item.audience, item.report_form,
            item.partner) == ("1.", "Фестиваль", "март – май", "Петров П.П.", "1-4", "Сценарий", "ДК «Алюминщик»")
    assert item.extra == {"Место проведения": "Актовый зал", "Примечание": "по согласованию", "G": "x"}
    assert table.extra_columns == {1: "Место проведения", 5: "Примечание", 6: "G"}


@pytest.mark.parametrize("texts, key", [
    (["№", "№ п/п", "N п/п", "#", "№\nп/п", "номер"], "number"),
    (["Наименование мероприятия", "Мероприятие", "Мероприятия", "Планируемые мероприятия",
      "Содержание работы", "Задача", "Задачи", "Название мероприятия", "НАИМЕНОВАНИЕ  МЕРОПРИЯТИЯ",
      "Наименование\nмероприятия", "Наименование мероприятий:"], "title"),
    (["Участники", "Классы", "Целевая аудитория", "Участники (классы)", "Класс", "Категория участников"],
     "audience"),
    (["Сроки", "Срок", "Дата", "Сроки проведения", "сроки", "Дата проведения", "Срок исполнения",
      "Планируемые сроки", "Время проведения"], "timing"),
    (["Ответственные", "Ответственный", "Исполнитель", "Ответственные за проведение",
      "Ответственный исполнитель", "Исполнители", "Ответственный (ФИО)"], "responsible"),
    (["Форма отчетности", "Форма отчётности", "Формы отчётности", "Результат", "Ожидаемый результат",
      "Отчётность", "Форма представления результата"], "report_form"),
    (["Партнёр", "Партнер", "Социальный партнёр", "Социальные партнеры", "Организация-партнёр"], "partner"),
])
def test_header_cells_by_meaning(texts, key):
    for text in texts:
        meanings = header_meanings(text)
        assert meanings and max(meanings, key=meanings.get) == key, text


@pytest.mark.parametrize("text", ["Классный час «Смотри на меня как на равного» 5-7 классы", "сентябрь",
                                  "Заместитель директора по ВР", "Форма проведения", "Место проведения",
                                  "Примечание", None, 1, "Праздничные мероприятия, посвященные Дню знаний 3-4 классы"])
def test_cells_that_are_not_headers(text):
    assert header_meanings(text) == {}


def test_the_best_header_row_wins():
    rows = [
        ("Мероприятия и сроки", "Ответственные"),               # a caption that looks a bit like one
        ("№", "Мероприятие", "Сроки", "Ответственные"),
        (1, "Встреча", "май", "Иванова"),
    ]
    table = find_table(rows)
    assert table.header_row_index == 1 and table.columns == {"number": 0, "title": 1, "timing": 2, "responsible": 3}
    assert [item.title for item in table.items] == ["Встреча"]


def test_blank_rows_footnotes_column_numbers_and_repeated_headers_are_skipped():
    rows = [
        HEADER,
        (1, 2, 3, 4, 5, 6),
        ITEM_1,
        (None, None, None, None, None, None),
        ("", "  ", None),
        ("* мероприятия могут переноситься", None, None, None, None, None),
        HEADER,                                       # repeated on the next printed page
        ITEM_2,
        ("Примечание: сроки уточняются", None, None, None, None, None),
        (None, None, None, None, None, None),
        ("Заместитель директора по ВР ____________ Петрова", None, None, None, None, None),
    ]
    table = find_table(rows)
    assert [(item.line, item.title) for item in table.items] == [(3, "Конкурс чтецов"), (8, "Библиосумерки")]
    assert table.sections == []
    assert table.footnotes == ["* мероприятия могут переноситься", "Примечание: сроки уточняются",
                               "Заместитель директора по ВР ____________ Петрова"]


def test_section_rows():
    rows = [
        ("№", "Содержание работы", "Сроки", "Ответственные"),
        ("План мероприятий с МБУ «МИБС»", None, None, None),
        (1, "Конкурс", "октябрь", "Иванова"),
        (2, "Викторина", "ноябрь", "Иванова"),
        (None, "План мероприятий с театром «Слово»", None, None),
        ("1.", "Спектакль", "декабрь", "Петров"),
        ("II.", "Организационная работа", None, None),
        ("2.1", "Совещание", "сентябрь", "Директор"),
        ("3.", "Методическая работа", None, None),
        ("3.1", "Семинар", "март", "Завуч"),
        ("3.2", "Участие в конкурсах", None, None),          # an item without timing stays an item
        ("Итоговая работа", None, None, None),               # nothing below: not a section, not lost
    ]
    table = find_table(rows)
    assert table.sections == [Section(2, "План мероприятий с МБУ «МИБС»"),
                              Section(5, "План мероприятий с театром «Слово»"),
                              Section(7, "II. Организационная работа"),
                              Section(9, "3. Методическая работа")]
    assert [(item.number, item.title, item.section) for item in table.items] == [
        ("1", "Конкурс", "План мероприятий с МБУ «МИБС»"),
        ("2", "Викторина", "План мероприятий с МБУ «МИБС»"),
        ("1.", "Спектакль", "План мероприятий с театром «Слово»"),
        ("2.1", "Совещание", "II. Организационная работа"),
        ("3.1", "Семинар", "3. Методическая работа"),
        ("3.2", "Участие в конкурсах", "3. Методическая работа"),
    ]
    assert table.footnotes == ["Итоговая работа"]


def test_a_lone_title_at_the_end_stays_an_item():
    rows = [("Мероприятие", "Сроки"), ("Конкурс", "май"), ("Участие в конкурсах", None)]
    table = find_table(rows)
    assert [(item.title, item.timing) for item in table.items] == [("Конкурс", "май"), ("Участие в конкурсах", None)]
    assert table.sections == []


def test_numbering_is_kept_as_typed():
    rows = [("№", "Мероприятие", "Срок"), ("1.", "А", "май"), (1, "Б", "май"), ("2.1", "В", "май"),
            (2.5, "Г", "май"), (3.0, "Д", "май")]
    assert [item.number for item in find_table(rows).items] == ["1.", "1", "2.1", "2.5", "3"]


def test_rows_of_any_length_and_an_empty_numbered_row():
    rows = [("№", "Мероприятие", "Сроки", "Ответственные"), (1, "Встреча"), (2, None, None, None),
            (3, "Концерт", "май", "Иванова", "лишнее")]
    table = find_table(rows)
    assert [(item.number, item.title, item.timing) for item in table.items] == [("1", "Встреча", None),
                                                                                ("3", "Концерт", "май")]
    assert table.items[1].extra == {"E": "лишнее"}


def test_date_cells_become_russian_dates():
    assert cell_text(datetime(2019, 11, 22)) == "22.11.2019"
    assert cell_text(date(2019, 11, 22)) == "22.11.2019"
    assert cell_text("  текст \r\n дальше ") == "текст \n дальше"
    assert cell_text("   ") is None


@pytest.mark.parametrize("rows", [
    [],
    [(None, None)],
    [("Отчёт о работе",), ("Всё хорошо",)],
    [("Сроки", "Ответственные"), ("май", "Иванова")],        # no title column
])
def test_no_header_gives_a_clear_problem(rows):
    table = find_table(rows)
    assert not table.found and table.header_row_index is None
    assert table.items == [] and table.problems == [NO_HEADER]
    assert NO_HEADER.startswith("Не найдена строка заголовков")


def test_problems_of_a_header_without_timing_or_items():
    assert find_table([("Мероприятие", "Ответственные"), ("Встреча", "Иванова")]).problems == [
        "В таблице нет столбца сроков — сроки нужно будет указать вручную"]
    assert find_table([("Мероприятие", "Сроки")]).problems == ["Под строкой заголовков нет ни одного мероприятия"]


def test_choose_sheet():
    plan = [HEADER, ITEM_1]
    other_plan = [("Мероприятие", "Сроки", "Ответственные"), ("Встреча", "май", "Иванова")]
    notes = [("Пояснительная записка",), ("Текст",)]
    empty_plan = [HEADER]
    assert choose_sheet([("Записка", notes), ("План", plan)]) == 1
    assert choose_sheet([("План", plan), ("Шаблон", empty_plan), ("Лист3", [])]) == 0
    assert choose_sheet([("План", plan), ("Другой", other_plan)]) == 0        # more columns mapped
    assert choose_sheet([("План МИБС", plan), ("План театра", [HEADER, ITEM_2])]) is None
    assert choose_sheet([("Записка", notes)]) is None
    assert choose_sheet([]) is None


def test_read_item_takes_the_audience_off_the_title():
    year = AcademicYear(2019)
    raw = RawItem(line=5, number="1", title="Библиосумерки. 5-9 классы", timing="апрель")
    item = read_item(raw, year)
    assert item.title == "Библиосумерки." and (item.audience.grade_from, item.audience.grade_to) == (5, 9)
    assert (item.timing.starts_on, item.timing.ends_on) == (date(2020, 4, 1), date(2020, 4, 30))
    assert item.doubts == ()

    with_column = read_item(RawItem(line=6, number="2", title="Урок 5-9 классы", audience="родители",
                                    timing="по мере необходимости"), year)
    assert with_column.title == "Урок 5-9 классы" and with_column.audience.text == "родители"
    assert not with_column.timing.is_read and with_column.timing.text == "по мере необходимости"
    assert with_column.doubts == ("Срок не распознан (непонятное слово «мере») — укажите даты: "
                                  "«по мере необходимости»",)

    bare = read_item(RawItem(line=7, number=None, title=None, responsible="Иванова"), year)
    assert bare.doubts == ("Нет названия мероприятия", "Срок не указан")


# --- real layouts: stamps, title lines, headers in two levels, signatures, unknown columns ----------------------

TITLE = "План мероприятий с ГАУК «Театр юного зрителя» на 2024/2025 учебный год"


def test_a_stamp_in_the_corner_is_no_section_and_the_title_line_names_the_table():
    rows = [
        (None, None, None, None, "УТВЕРЖДАЮ"),
        (TITLE, None, None, None, "Директор МБОУ «СОШ № 5»"),
        (None, None, None, None, "____________ И.И. Иванова"),
        (None, None, None, None, "«__» ________ 2024 г."),
        ("№", "Мероприятие", "Сроки", "Ответственные", None),
        (1, "Спектакль «Снежная королева»", "декабрь", "ГАУК «ТЮЗ»", None),
    ]
    table = find_table(rows)
    assert table.caption == TITLE
    assert table.stamps == ["УТВЕРЖДАЮ", "Директор МБОУ «СОШ № 5»", "____________ И.И. Иванова",
                            "«__» ________ 2024 г."]
    assert [(item.title, item.section) for item in table.items] == [("Спектакль «Снежная королева»", None)]
    assert table.sections == []


def test_a_stamp_block_spanning_rows_in_the_title_column_and_a_title_on_several_lines():
    rows = [
        ("УТВЕРЖДЕНО",),
        ("приказом директора МБОУ «СОШ № 5»",),
        ("Приказ № 112 от 30.08.2024",),
        ("Принято на педагогическом совете, протокол № 1",),
        (None,),
        ("План совместных мероприятий МБОУ «СОШ № 5»",),
        ("с ГАУК «Театр юного зрителя»",),
        ("на 2024/2025 учебный год",),
        ("№", "Мероприятие", "Сроки"),
        (1, "Экскурсия в театр", "октябрь"),
    ]
    table = find_table(rows)
    assert table.caption == ("План совместных мероприятий МБОУ «СОШ № 5» с ГАУК «Театр юного зрителя» "
                             "на 2024/2025 учебный год")
    assert [item.title for item in table.items] == ["Экскурсия в театр"]


@pytest.mark.parametrize("text", [
    "УТВЕРЖДАЮ", "Утверждаю:", "УТВЕРЖДЕНО", "СОГЛАСОВАНО", "Согласовано:", "Принято на педагогическом совете",
    "Приказ № 12 от 01.09.2024", "Протокол №1 от 28.08.2024 г.", "М.П.", "МП", "«__» ________ 20__ г.",
    "«30» августа 2024 г.", "____________ О.Н. Иванова", "О.Н. Иванова", "Иванова О.Н.",
    "Заместитель директора по ВР ____________ О.Н. Иванова", "Директор ГАУК «ТЮЗ»",
    "Исполнитель: Иванова О.Н., тел. 8(4812)55-11-22", "тел. 8(4812)55-11-22",
])
def test_stamp_and_signature_lines(text):
    from workspace.reading.reading import is_stamp_line
    assert is_stamp_line(text)


@pytest.mark.parametrize("text", [
    "Конкурс чтецов", "Согласование плана с партнёрами", "Принятие в ряды юнармейцев", "Директорский час",
    "Приказ", "Протокол", "Спектакль «Снежная королева»", "Участие в конкурсах, проектах", TITLE,
    "Раздел 2. Работа с библиотекой", "Классный час «Их имена в истории Кузбасса» 5-9 классы",
])
def test_lines_that_are_not_stamps(text):
    from workspace.reading.reading import is_stamp_line
    assert not is_stamp_line(text)


def test_signature_lines_and_a_stamp_block_under_the_table_are_neither_items_nor_sections():
    rows = [
        ("№", "Мероприятие", "Сроки", "Ответственные"),
        (1, "Спектакль", "декабрь", "ГАУК «ТЮЗ»"),
        (None, None, None, None),
        (None, "Заместитель директора по ВР ____________ О.Н. Иванова", None, None),
        ("Исполнитель: Иванова О.Н., тел. 8(4812)55-11-22", None, None, None),
        (None, "Заместитель директора по ВР", "____________", "О.Н. Иванова"),
        (None, None, None, None),
        (None, "Согласовано:", None, None),
        (None, "ГАУК «Театр юного зрителя»", None, None),
        (None, "«__» ________ 2024 г.", None, None),
        (None, "М.П.", None, None),
    ]
    table = find_table(rows)
    assert [item.title for item in table.items] == ["Спектакль"]
    assert table.sections == []
    assert "Согласовано:" in table.footnotes and "ГАУК «Театр юного зрителя»" in table.footnotes
    assert "М.П." in table.footnotes and "О.Н. Иванова" in table.footnotes


def test_title_lines_as_one_cell_rows_name_sections_and_stamps_do_not():
    """A Word file: paragraphs come as one-cell rows, tables as rows."""
    rows = [
        ("УТВЕРЖДАЮ",),
        ("Директор МБОУ «СОШ № 5» ________ И.И. Иванова",),
        (TITLE,),
        ("№", "Мероприятие", "Сроки", "Ответственные"),
        ("Раздел 1. Работа с театром",),
        (1, "Спектакль", "декабрь", "ГАУК «ТЮЗ»"),
        ("Раздел 2. Работа с библиотекой",),
        (2, "Библиосумерки", "апрель", "МБУ «МИБС»"),
        ("Заместитель директора по ВР ____________ О.Н. Иванова",),
    ]
    table = find_table(rows)
    assert table.caption == TITLE
    assert [(item.title, item.section) for item in table.items] == [
        ("Спектакль", "Раздел 1. Работа с театром"), ("Библиосумерки", "Раздел 2. Работа с библиотекой")]


def test_a_header_in_two_levels_keeps_both_responsible_and_joins_start_and_end():
    # as openpyxl gives merged cells: the value in the first cell, None in the others
    rows = [
        ("№", "Мероприятие", "Сроки", None, "Ответственные", None, "Форма отчётности"),
        (None, None, "начало", "окончание", "от школы", "от партнёра", None),
        (1, "Спектакль", "октябрь", "март", "Иванова О.Н.", "ГАУК «ТЮЗ»", "Фотоотчёт"),
        (2, "Экскурсия", "май", None, "Петрова А.А.", None, None),
    ]
    table = find_table(rows)
    assert table.header_row_index == 0 and table.groups == {"timing": [2, 3], "responsible": [4, 5]}
    assert table.extra_columns == {}
    assert [(item.title, item.timing, item.responsible, item.report_form, item.extra) for item in table.items] == [
        ("Спектакль", "октябрь – март", "Иванова О.Н.\nГАУК «ТЮЗ»", "Фотоотчёт", {}),
        ("Экскурсия", "май", "Петрова А.А.", None, {}),
    ]


def test_a_header_in_two_levels_only_over_the_responsible():
    rows = [
        ("Утверждаю", None, None, None, None),
        ("№ п/п", "Наименование мероприятия", "Сроки проведения", "Ответственные", None),
        (None, None, None, "от школы", "от партнёра"),
        ("1.", "Мастер-класс", "октябрь,\nмарт", "Зам. директора по ВР", "ТЮЗ\nКукольный театр"),
    ]
    table = find_table(rows)
    assert table.header_row_index == 1 and table.groups == {"responsible": [3, 4]}
    [item] = table.items
    assert (item.line, item.timing, item.responsible) == (4, "октябрь,\nмарт", "Зам. директора по ВР\nТЮЗ\nКукольный театр")


def test_a_two_level_header_under_an_unknown_parent_keeps_its_columns_by_name():
    rows = [
        ("Мероприятие", "Сроки", "Место", None),
        (None, None, "город", "здание"),
        ("Спектакль", "май", "Смоленск", "ТЮЗ"),
    ]
    table = find_table(rows)
    assert table.extra_columns == {2: "Место: город", 3: "Место: здание"}
    assert table.items[0].extra == {"Место: город": "Смоленск", "Место: здание": "ТЮЗ"}


def test_a_stamp_beside_the_rows_is_not_an_unknown_column():
    rows = [
        ("№", "Мероприятие", "Сроки", None, None),
        (1, "Спектакль", "май", None, "УТВЕРЖДАЮ"),
        (2, "Экскурсия", "июнь", None, "____ И.И. Иванова"),
    ]
    table = find_table(rows)
    assert [(item.title, item.extra) for item in table.items] == [("Спектакль", {}), ("Экскурсия", {})]


def test_an_unknown_column_with_text_is_kept_among_the_extras():
    rows = [("Мероприятие", "Сроки", "Место проведения"), ("Спектакль", "май", "Актовый зал")]
    assert find_table(rows).items[0].extra == {"Место проведения": "Актовый зал"}


def test_a_merged_header_without_its_lower_level_keeps_every_column_under_it():
    """The file «simplified» by deleting the row «от школы | от партнёра»: «Ответственные» still spans two columns."""
    rows = [
        ("№", "Мероприятие", "Сроки", "Ответственные", None, "Примечание", None),
        (1, "Спектакль", "май", "Иванова О.Н.", "ГАУК «ТЮЗ»", "в зале", "x"),
    ]
    table = find_table(rows)
    assert table.groups == {"responsible": [3, 4]} and table.extra_columns == {5: "Примечание", 6: "G"}
    assert (table.items[0].responsible, table.items[0].extra) == ("Иванова О.Н.\nГАУК «ТЮЗ»",
                                                                  {"Примечание": "в зале", "G": "x"})


def test_a_stamp_beside_the_header_row_takes_its_whole_column():
    rows = [
        ("№", "Мероприятие", "Сроки", "Ответственные", None, "УТВЕРЖДАЮ"),
        (1, "Спектакль", "май", "ГАУК «ТЮЗ»", None, "Директор"),
        (2, "Экскурсия", "июнь", "ГАУК «ТЮЗ»", None, "МБОУ «СОШ № 5»"),
        (3, "Концерт", "июль", "ГАУК «ТЮЗ»", None, "И.И. Иванова"),
    ]
    table = find_table(rows)
    assert [(item.title, item.responsible, item.extra) for item in table.items] == [
        ("Спектакль", "ГАУК «ТЮЗ»", {}), ("Экскурсия", "ГАУК «ТЮЗ»", {}), ("Концерт", "ГАУК «ТЮЗ»", {})]
    assert table.footnotes == ["Директор", "МБОУ «СОШ № 5»", "И.И. Иванова"]


def test_a_title_in_capitals_on_several_rows():
    rows = [("ПЛАН МЕРОПРИЯТИЙ",), ("С ГАУК «ТЕАТР ЮНОГО ЗРИТЕЛЯ»",), ("НА 2024/2025 УЧЕБНЫЙ ГОД",), ("Утверждаю",),
            ("Мероприятие", "Сроки"), ("Спектакль", "май")]
    assert find_table(rows).caption == "ПЛАН МЕРОПРИЯТИЙ С ГАУК «ТЕАТР ЮНОГО ЗРИТЕЛЯ» НА 2024/2025 УЧЕБНЫЙ ГОД"


def test_a_stamp_block_without_a_blank_line_before_a_title_that_names_no_plan():
    """A Word file: the stamp's paragraphs and then the title with no empty paragraph between them."""
    title = "Совместные мероприятия МБОУ «СОШ № 5» и ГАУК «Театр юного зрителя» на 2024/2025 учебный год"
    rows = [("УТВЕРЖДАЮ",), ("Директор МБОУ «СОШ № 5»",), ("МБОУ «СОШ № 5»",), ("________ И.И. Иванова",),
            (title,), ("Мероприятие", "Сроки"), ("Спектакль", "май")]
    table = find_table(rows)
    assert table.caption == title
    assert table.stamps == ["УТВЕРЖДАЮ", "Директор МБОУ «СОШ № 5»", "МБОУ «СОШ № 5»", "________ И.И. Иванова"]
