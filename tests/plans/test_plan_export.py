"""The plan's Excel export read back cell by cell: styles, widths, texts kept as text, and the importer's reading."""
from __future__ import annotations

import io
from types import SimpleNamespace

from openpyxl import load_workbook

from workspace.core.labels import label
from workspace.core.spreadsheets import read_xlsx
from workspace.plans.exports import HEADER, plan_workbook
from workspace.plans.models import ItemStatus, PlanStatus
from workspace.reading.reading import choose_sheet, find_table


def _item(number, title, audience="5-7 классы", timing="сентябрь", status=ItemStatus.PLANNED, report_form="Отчёт"):
    return SimpleNamespace(number=number, title=title, audience=audience, timing=timing,
                           responsible="Иванова И. И., заместитель директора по ВР", report_form=report_form,
                           status=status)


def _plan(status=PlanStatus.DRAFT):
    plan = SimpleNamespace(title="План работы сети «Читающий город»", start_year=2025, status=status)
    sections = [
        (SimpleNamespace(title="1. МБОУ «СОШ №1»"), [
            _item("1.1", "Конкурс чтецов «Живое слово»"),
            _item("1.2", "=HYPERLINK(\"http://x\")", audience=None, timing="#N/A", status=ItemStatus.HELD),
            _item(3, "Акция\x01 «Книга в подарок»", report_form="-сводка", status=ItemStatus.HELD),
        ]),
        (SimpleNamespace(title="2. МБУ «МИБС»"), [
            _item("2.1", "Неделя детской книги", timing="март", status=ItemStatus.CANCELLED),
        ]),
    ]
    return plan, sections


def _sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_exported_cells_keep_their_styles_and_widths(app):
    plan, sections = _plan()
    with app.test_request_context("/"):
        sheet = _sheet(plan_workbook(plan, sections))

    title, year = sheet["A1"], sheet["A2"]
    assert title.value == plan.title
    assert title.font.bold and not title.alignment.wrap_text
    assert year.value == "2025/2026 учебный год"
    assert not year.font.bold and not year.alignment.wrap_text

    header = sheet[4]
    assert [cell.value for cell in header] == list(HEADER)
    assert all(cell.font.bold and cell.alignment.wrap_text and cell.alignment.vertical == "top" for cell in header)

    section = sheet["A5"]
    assert section.value == "1. МБОУ «СОШ №1»"
    assert section.font.bold and not section.alignment.wrap_text

    for row in (6, 7, 8, 10):
        for cell in sheet[row]:
            assert not cell.font.bold, cell.coordinate
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate
    assert sheet["B6"].value == "Конкурс чтецов «Живое слово»"
    assert sheet["A9"].value == "2. МБУ «МИБС»" and sheet["A9"].font.bold

    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFG"}
    assert widths == {"A": 7, "B": 60, "C": 12, "D": 18, "E": 30, "F": 24, "G": 14}


def test_exported_texts_stay_text(app):
    plan, sections = _plan()
    with app.test_request_context("/"):
        sheet = _sheet(plan_workbook(plan, sections))
        labels = {status: label(status) for status in ItemStatus}

    # A formula-like text gets its apostrophe, an error code stays text, an empty value an empty styled cell.
    assert sheet["B7"].value == "'=HYPERLINK(\"http://x\")" and sheet["B7"].data_type == "s"
    assert sheet["D7"].value == "#N/A" and sheet["D7"].data_type == "s"
    assert sheet["C7"].value is None and sheet["C7"].alignment.wrap_text
    # A character XML forbids is dropped; a number stays a number; values repeated across items are the same.
    assert sheet["B8"].value == "Акция «Книга в подарок»"
    assert sheet["F8"].value == "'-сводка"
    assert sheet["A8"].value == 3 and sheet["A8"].data_type == "n"
    assert sheet["E6"].value == sheet["E8"].value == sheet["E10"].value == "Иванова И. И., заместитель директора по ВР"
    assert [sheet[f"G{row}"].value for row in (6, 7, 8, 10)] == [
        labels[ItemStatus.PLANNED], labels[ItemStatus.HELD], labels[ItemStatus.HELD], labels[ItemStatus.CANCELLED]]


def test_approved_plan_carries_the_approval_wrapped(app):
    plan, sections = _plan(PlanStatus.APPROVED)
    with app.test_request_context("/"):
        sheet = _sheet(plan_workbook(plan, sections, approval=("7", "29.08.2025")))
    stamp = sheet["E1"]
    assert "№ 7" in stamp.value and "29.08.2025" in stamp.value
    assert stamp.alignment.wrap_text and not stamp.font.bold
    assert sheet["A2"].value == plan.title and sheet["A2"].font.bold


def test_exported_plan_reads_back_through_the_importer(app):
    plan, sections = _plan()
    with app.test_request_context("/"):
        sheets = read_xlsx(plan_workbook(plan, sections))
        index = choose_sheet([(sheet.title, sheet.rows) for sheet in sheets])
        table = find_table(sheets[0 if index is None else index].rows)
    assert table.found
    assert [item.title for item in table.items] == [
        "Конкурс чтецов «Живое слово»", "'=HYPERLINK(\"http://x\")", "Акция «Книга в подарок»", "Неделя детской книги"]
    assert [item.timing for item in table.items] == ["сентябрь", "#N/A", "сентябрь", "март"]
    assert {item.responsible for item in table.items} == {"Иванова И. И., заместитель директора по ВР"}
