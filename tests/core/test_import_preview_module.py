"""core/import_preview.py and the table helpers of core/spreadsheets.py: the parts every import shares."""
from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from workspace.core.import_preview import ImportDraft, Preview, PreviewRow, RowsImport, rows_from_form, sheet_of
from workspace.core.spreadsheets import Sheet, cell_of, find_header, folded, rows_below
from workspace.plans.imports import PLAN_IMPORT
from workspace.plans.models import PlanImport
from workspace.projects.imports import ROADMAP_IMPORT
from workspace.projects.models import RoadmapImport


@dataclass
class Row(PreviewRow):
    title: str = ""


def test_corrected_rows_come_back_cut_to_their_limits_and_no_more_than_allowed():
    form = MultiDict({"rows": "3", "row-0-line": "7", "row-0-title": "  Акция\x07  ", "row-0-timing": "x" * 50,
                      "row-1-line": "восемь", "row-2-line": "9", "row-3-line": "10"})

    rows = list(rows_from_form(form, {"title": 100, "timing": 21}, max_rows=2))

    assert rows == [(7, {"title": "Акция", "timing": "x" * 21}), (0, {"title": "", "timing": ""})]
    assert list(rows_from_form(MultiDict({"rows": "-5"}), {"title": 10}, max_rows=2)) == []


def test_a_preview_counts_rows_with_doubts_and_with_errors():
    rows = [Row(1, title="a"), Row(2, title="b", doubts=["?"]), Row(3, errors=["нет"], doubts=["?"])]

    preview = Preview(rows, 0, ["Лист"])

    assert (preview.doubts, preview.errors) == (2, 1)
    assert rows[0].periods == () and rows[0].institutions == []


def test_the_sheet_is_the_one_asked_for_or_the_one_found_or_a_problem():
    sheets = [Sheet("Титул", []), Sheet("План", [("№", "Мероприятие")])]

    def choose(found):
        return 1

    assert sheet_of(sheets, None, choose, "какой?", "нет такого") == (1, None)
    assert sheet_of(sheets, 0, choose, "какой?", "нет такого") == (0, None)
    index, problem = sheet_of(sheets, 5, choose, "какой?", "нет такого")
    assert index is None and problem.problem == "нет такого" and problem.sheet_names == ["Титул", "План"]
    assert sheet_of(sheets, None, lambda found: None, "какой?", "нет такого")[1].problem == "какой?"


def test_a_header_is_found_below_a_title_and_rows_under_it_skip_empty_ones():
    columns = {"full_name": ("фио",), "email": ("электронная почта", "email")}
    sheets = [Sheet("Пусто", [("Список",)]),
              Sheet("Сотрудники", [("Список сотрудников",), (" Ф И О ", "Email"), ("  ФИО: ", "Электронная  почта*"),
                                   ("Иванова", "i@example.org"), (None, "  "), ("Петров",)])]

    sheet, index, found = find_header(sheets, columns, lambda found: {"full_name", "email"} <= set(found))

    assert (sheet.title, index, found) == ("Сотрудники", 2, {"full_name": 0, "email": 1})
    rows = list(rows_below(sheet, index))
    assert [line for line, _row in rows] == [4, 6]
    assert [cell_of(row, found, "email") for _line, row in rows] == ["i@example.org", None]
    assert cell_of(rows[0][1], found, "position") is None
    assert find_header(sheets, columns, lambda found: "position" in found) is None
    assert folded("  Ёлка  Зелёная:* ") == "елка зеленая"


def test_a_whole_import_is_ok_only_with_rows_and_no_errors():
    assert RowsImport([Row(1)]).ok
    assert not RowsImport([]).ok
    assert not RowsImport([Row(1)], problem="нет заголовков").ok
    failing = Row(2, errors=["нет почты"])
    assert not RowsImport([Row(1), failing]).ok and RowsImport([Row(1), failing]).errors == [failing]


def test_plans_and_roadmaps_import_through_one_kind_each():
    for kind, draft in ((PLAN_IMPORT, PlanImport), (ROADMAP_IMPORT, RoadmapImport)):
        assert issubclass(draft, ImportDraft)
        assert kind.preview_template.endswith("/preview.html") and kind.upload_template.endswith("/import.html")
        assert {column.name for column in kind.columns} >= {"number", "title", "timing", "responsible"}
    assert [column.name for column in PLAN_IMPORT.columns] == ["section", "number", "title", "audience", "timing",
                                                               "responsible", "report_form", "interaction"]
