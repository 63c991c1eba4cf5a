"""A plan file uploaded in the browser: progress shown, then the preview with every row."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, expect

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
    expect(page.get_by_role("heading", level=1)).to_have_text("Загрузка плана из Excel")
