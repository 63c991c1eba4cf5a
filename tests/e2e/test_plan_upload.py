"""A plan file uploaded in the browser: progress shown, then the preview with every row."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, axe_violations, expect

pytestmark = pytest.mark.e2e
FIXTURE = Path(__file__).resolve().parents[1] / "plans" / "fixtures" / "plan_library_2019-2020.xlsx"


def test_upload_leads_to_the_preview(open_page, live_server):
    page = open_page(user=COORDINATOR)
    page.goto(NETWORK + f"plans/{live_server.ids['plan']}/import")
    expect(page.locator("progress[data-upload-progress]")).to_be_hidden()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(FIXTURE))
    page.get_by_role("button", name="Загрузить и посмотреть").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Предпросмотр загрузки")
    expect(page.get_by_role("status").filter(has_text="Строк: 12")).to_be_visible()
    expect(page.locator("table.preview tbody tr")).to_have_count(12)


def test_a_wrong_file_gets_the_message_in_place(open_page, live_server):
    page = open_page(user=COORDINATOR)
    page.goto(NETWORK + f"plans/{live_server.ids['plan']}/import")
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(
        files=[{"name": "plan.xlsx", "mimeType": "application/octet-stream", "buffer": b"not a workbook"}])
    page.get_by_role("button", name="Загрузить и посмотреть").click()
    expect(page.get_by_text("Это не файл Excel")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Загрузка плана из Excel или Word")


def _layout_workbook() -> bytes:
    """A plan as the partners keep it: a stamp in the corner, a title line, a header in two levels, a multi-line
    row, a row without a title (an error) and a signature under the table."""
    import io

    from openpyxl import Workbook
    workbook = Workbook()
    sheet = workbook.active
    for row in (
        (None, None, None, None, None, "УТВЕРЖДАЮ"),
        (None, None, None, None, None, "Директор ____________ И.И. Иванова"),
        ("План мероприятий с МБУ «МИБС» на 2025/2026 учебный год",),
        ("№", "Мероприятие", "Сроки", "Ответственные", None, "Форма отчётности"),
        (None, None, None, "от школы", "от партнёра", None),
        (1, "Библиосумерки: чтение вслух\nи обсуждение книг", "октябрь,\nмарт", "Зам. директора по ВР",
         "МБУ «МИБС»\nКукольный театр", "Фотоотчёт"),
        (2, None, "ноябрь", "Классные руководители", None, None),
        (3, "Конкурс чтецов", "декабрь", "Учителя литературы", "МБУ «МИБС»", "Приказ"),
        (None,),
        ("Заместитель директора по ВР ____________ О.Н. Иванова",),
    ):
        sheet.append(row)
    for cells in ("A3:F3", "A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "A10:F10"):
        sheet.merge_cells(cells)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


@pytest.mark.parametrize("size", [{"width": 390, "height": 844}, {"width": 1366, "height": 768}],
                         ids=["phone", "laptop"])
def test_a_multi_line_row_an_error_row_and_a_left_out_row(open_page, live_server, size):
    import os

    from tests.e2e.test_layout_walk import LAYOUT_PROBLEMS
    page = open_page(user=COORDINATOR, viewport=size, bypass_csp=True)  # axe is injected as an inline script
    page.goto(NETWORK + f"plans/{live_server.ids['plan']}/import")
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(files=[{
        "name": "plan.xlsx", "buffer": _layout_workbook(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.get_by_role("button", name="Загрузить и посмотреть").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Предпросмотр загрузки")
    expect(page.get_by_role("status").filter(has_text="Строк:")).to_contain_text("Строк: 3. С сомнениями: 0. С ошибками: 1.")
    expect(page.locator("table.preview tbody tr")).to_have_count(3)
    expect(page.get_by_text("Исправьте или исключите строку")).to_be_visible()
    timing = page.get_by_label("Сроки, строка 6")
    expect(timing).to_have_value("октябрь,\nмарт")
    for field in ("Сроки, строка 6", "Ответственные, строка 6", "Мероприятие, строка 6"):  # every line shown
        box = page.get_by_label(field)
        assert box.evaluate("el => el.scrollHeight <= el.clientHeight + 2"), field
    shots = os.environ.get("E2E_SHOTS")   # to look at, not to commit
    if shots:
        page.screenshot(path=f"{shots}/plan-preview-{size['width']}-error.png", full_page=True)
    page.get_by_label("не переносить, строка 7").check()
    page.get_by_role("button", name="Проверить исправления").click()
    expect(page.get_by_role("status").filter(has_text="Строк:")).to_contain_text("С ошибками: 0.")
    expect(page.get_by_role("status").filter(has_text="Строк:")).to_contain_text("Не переносятся: 1.")
    expect(page.get_by_text("Строка не будет перенесена.")).to_be_visible()
    assert page.evaluate(LAYOUT_PROBLEMS, size["width"]) == []
    assert axe_violations(page) == []
    if shots:
        page.screenshot(path=f"{shots}/plan-preview-{size['width']}-dropped.png", full_page=True)
    expect(page.get_by_label("Сроки, строка 6")).to_have_value("октябрь,\nмарт")
