"""The plan's Excel export read back cell by cell: styles, widths, texts kept as text, and the importer's reading."""
from __future__ import annotations

import io
from datetime import date
from types import SimpleNamespace

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tests.conftest import login
from workspace.core.labels import label
from workspace.core.spreadsheets import read_xlsx
from workspace.plans.exports import HEADER, Heading, initials_name, plan_document, plan_workbook
from workspace.plans.models import ItemStatus, PlanStatus
from workspace.reading.reading import choose_sheet, find_table


def _item(number, title, audience="5-7 классы", timing="сентябрь", status=ItemStatus.PLANNED, report_form="Отчёт"):
    return SimpleNamespace(number=number, title=title, audience=audience, timing=timing,
                           responsible="Иванова И. И., заместитель директора по ВР", report_form=report_form,
                           status=status, interaction_row_id=None, interaction_form="")


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


HEADING = Heading(approval=["УТВЕРЖДАЮ", "Директор МБОУ «СОШ №1»", "__________ Н.П. Сергеева",
                            "«___» __________ 20___ г."],
                  title=["План совместных мероприятий", "в рамках сетевого взаимодействия «Читающий город»",
                         "на 2025/2026 учебный год"], author="МБОУ «Средняя школа №1»")
HEADER_ROW = 4 + 1 + 3 + 2   # the approval block, a blank row, the title, a blank row, the header


def _rows(sheet) -> dict[str, int]:
    """The row of each text in column A, B or F (the title, the header, the sections, the items)."""
    return {str(sheet.cell(row, column).value): row for row in range(1, sheet.max_row + 1) for column in (1, 2, 6)
            if sheet.cell(row, column).value is not None}


def test_the_sheet_prints_as_a_signed_plan(app):
    plan, sections = _plan()
    with app.test_request_context("/"):
        sheet = _sheet(plan_workbook(plan, sections, heading=HEADING))

    assert [sheet[f"F{row}"].value for row in range(1, 5)] == HEADING.approval
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"F1:H1", "F4:H4", "A6:H6", "A7:H7", "A8:H8"} <= merged
    title = sheet["A6"]
    assert title.value == "План совместных мероприятий" and title.font.bold and title.alignment.horizontal == "center"
    assert sheet["A8"].value == "на 2025/2026 учебный год"

    header = sheet[HEADER_ROW]
    assert [cell.value for cell in header] == list(HEADER)
    assert all(cell.font.bold and cell.alignment.wrap_text and cell.border.left.style == "thin" for cell in header)
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"

    rows = _rows(sheet)
    section = sheet.cell(rows["1. МБОУ «СОШ №1»"], 1)
    assert section.font.bold and f"A{section.row}:H{section.row}" in merged
    for row in (rows["Конкурс чтецов «Живое слово»"], rows["Неделя детской книги"]):
        for cell in sheet[row]:
            assert not cell.font.bold, cell.coordinate
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate
            assert all(getattr(cell.border, side).style == "thin" for side in ("left", "right", "top", "bottom"))
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGH"]
    assert widths[1] == max(widths) and all(width >= 7 for width in widths)


def test_the_sheet_is_set_up_for_a_landscape_a4_with_page_numbers(app):
    plan, sections = _plan()
    with app.test_request_context("/"):
        sheet = _sheet(plan_workbook(plan, sections, heading=HEADING))
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.oddFooter.center.text == "Страница &P из &N"
    last = sheet.max_row
    assert sheet.print_area == f"'План'!$A$1:$H${last}" and sheet[f"B{last}"].value == "Неделя детской книги"


def test_a_number_is_a_number_and_texts_stay_text(app):
    plan, sections = _plan()
    with app.test_request_context("/"):
        sheet = _sheet(plan_workbook(plan, sections, heading=HEADING))
        labels = {status: label(status) for status in ItemStatus}
    rows = _rows(sheet)
    first, formula = rows["Конкурс чтецов «Живое слово»"], rows["'=HYPERLINK(\"http://x\")"]
    gift, book = rows["Акция «Книга в подарок»"], rows["Неделя детской книги"]
    assert sheet[f"A{first}"].value == "1.1" and sheet[f"A{first}"].data_type == "s"
    assert sheet[f"A{gift}"].value == 3 and sheet[f"A{gift}"].data_type == "n"
    assert sheet[f"A{book}"].value == "2.1"
    # A formula-like text gets its apostrophe, an error code stays text, an empty value an empty styled cell.
    assert sheet[f"B{formula}"].data_type == "s"
    assert sheet[f"D{formula}"].value == "#N/A" and sheet[f"D{formula}"].data_type == "s"
    assert sheet[f"C{formula}"].value is None and sheet[f"C{formula}"].alignment.wrap_text
    assert sheet[f"F{gift}"].value == "'-сводка"
    assert sheet[f"E{first}"].value == sheet[f"E{gift}"].value == "Иванова И. И., заместитель директора по ВР"
    assert [sheet[f"H{row}"].value for row in (first, formula, gift, book)] == [
        labels[ItemStatus.PLANNED], labels[ItemStatus.HELD], labels[ItemStatus.HELD], labels[ItemStatus.CANCELLED]]


def test_approved_plan_carries_the_councils_protocol(app):
    plan, sections = _plan(PlanStatus.APPROVED)
    with app.test_request_context("/"):
        sheet = _sheet(plan_workbook(plan, sections, approval=("7", "29.08.2025")))
    assert [sheet[f"F{row}"].value for row in (1, 2, 3)] == [
        "УТВЕРЖДЕНО", "решением координационного совета,", "протокол № 7 от 29.08.2025"]
    assert "УТВЕРЖДАЮ" not in _rows(sheet)


def test_a_draft_is_signed_by_the_head_not_by_a_protocol(app):
    plan, sections = _plan(PlanStatus.DRAFT)
    with app.test_request_context("/"):
        sheet = _sheet(plan_workbook(plan, sections, approval=("7", "29.08.2025")))
    assert sheet["F1"].value == "УТВЕРЖДАЮ" and "протокол № 7 от 29.08.2025" not in _rows(sheet)


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


def test_the_word_plan_is_a_landscape_table_with_its_header_repeated(app):
    plan, sections = _plan()
    with app.test_request_context("/"):
        document = Document(io.BytesIO(plan_document(plan, sections, HEADING)))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert document.core_properties.author == "МБОУ «Средняя школа №1»"
    assert document.paragraphs[0].text.split("\n") == HEADING.approval
    assert [paragraph.text for paragraph in document.paragraphs[1:4]] == HEADING.title
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == list(HEADER)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert {cell.text for cell in table.rows[1].cells} == {"1. МБОУ «СОШ №1»"}      # a section: one merged cell
    assert table.rows[-1].cells[1].text == "Неделя детской книги"
    # the page number: a PAGE field in the header, from the second page (the first page's header is its own)
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(node.text or "" for node in section.header._element.iter(qn("w:instrText")))


def test_initials_as_a_signature_writes_them():
    assert initials_name("Сергеева Наталья Петровна") == "Н.П. Сергеева"
    assert initials_name("Ачмиз Фатима") == "Ф. Ачмиз"


def _world(make, head: bool = True):
    school = make.institution("МБОУ «СОШ №1»", full_name="Муниципальное бюджетное общеобразовательное учреждение "
                                                       "«Средняя общеобразовательная школа №1»")
    library = make.institution("МБУ «МИБС»", kind="library")
    network = make.network(school, "Читающий город")
    make.member(network, library, "social_partner")
    if head:
        make.user(school, "admin", full_name="Сергеева Наталья Петровна", position="Директор")
    coordinator = make.user(school, "coordinator")
    plan = make.plan(network, 2026)
    section = make.section(plan, "План мероприятий с МБУ «МИБС»", partner=library)
    make.item(section, "Неделя детской книги", timing="март", position=1)
    make.item(section, "Библиосумерки", timing="апрель", position=2)
    return SimpleNamespace(network=network, plan=plan, section=section, coordinator=coordinator)


def _docx_text(response) -> str:
    assert response.status_code == 200 and response.mimetype.endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_the_downloads_name_the_network_the_partner_the_year_and_the_head(app, make, client):
    w = _world(make)
    login(client, w.coordinator.email)
    base = f"/n/{w.network.slug}/plans/{w.plan.id}"
    page = client.get(base).get_data(as_text=True)
    assert "Скачать (Word)" in page and f"{base}/export.docx" in page and f"{base}/sections/{w.section.id}/export.docx" in page

    whole = _docx_text(client.get(f"{base}/export.docx"))
    for text in ("УТВЕРЖДАЮ", "Директор МБОУ «СОШ №1»", "__________ Н.П. Сергеева", "«___» __________ 20___ г.",
                 "План совместных мероприятий", "в рамках сетевого взаимодействия «Читающий город»",
                 "на 2026/2027 учебный год", "Неделя детской книги", "Библиосумерки"):
        assert text in whole, text
    section = _docx_text(client.get(f"{base}/sections/{w.section.id}/export.docx"))
    assert "МБОУ «СОШ №1» и МБУ «МИБС»" in section and "Библиосумерки" in section

    sheet = _sheet(client.get(f"{base}/sections/{w.section.id}/export.xlsx").data)
    texts = _rows(sheet)
    assert "МБОУ «СОШ №1» и МБУ «МИБС»" in texts and "Директор МБОУ «СОШ №1»" in texts
    assert sheet.cell(texts["Библиосумерки"], 1).value == 2
    assert "Директор МБОУ «СОШ №1»" in _rows(_sheet(client.get(f"{base}/export.xlsx").data))


def test_without_a_recorded_head_the_signature_is_left_for_the_hand(app, make, client):
    w = _world(make, head=False)
    login(client, w.coordinator.email)
    text = _docx_text(client.get(f"/n/{w.network.slug}/plans/{w.plan.id}/export.docx"))
    assert "Руководитель МБОУ «СОШ №1»" in text and "__________ ____________" in text


def test_a_section_approved_by_the_council_carries_the_protocol(app, make, client):
    w = _world(make)
    make.approved_section(w.section, "План мероприятий с МБУ «МИБС»", held_on=date(2026, 9, 20), number=4)
    login(client, w.coordinator.email)
    url = f"/n/{w.network.slug}/plans/{w.plan.id}/sections/{w.section.id}/export.docx"
    text = _docx_text(client.get(url))
    assert "УТВЕРЖДЕНО\nрешением координационного совета,\nпротокол № 4 от 20.09.2026" in text
    assert "УТВЕРЖДАЮ" not in text
    # the whole plan is not approved: it is still signed by the head
    assert "УТВЕРЖДАЮ" in _docx_text(client.get(f"/n/{w.network.slug}/plans/{w.plan.id}/export.docx"))
