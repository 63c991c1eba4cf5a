"""A plan kept in Word uploaded in the browser: the field takes .docx, the preview shows every table's rows
on a phone and on a laptop."""
from __future__ import annotations

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, expect
from tests.fixtures import word_plans

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("viewport", [(390, 844), (1366, 768)], ids=["phone", "laptop"])
def test_a_word_plan_uploads_and_previews_every_table(open_page, live_server, tmp_path, viewport):
    width, height = viewport
    page = open_page(user=COORDINATOR, viewport={"width": width, "height": height})
    page.goto(NETWORK + f"plans/{live_server.ids['plan']}/import")
    field = page.get_by_label("Файл Excel (.xlsx) или Word (.docx)")
    assert ".docx" in field.get_attribute("accept")
    expect(page.get_by_text("Из документа Word читаются все его таблицы")).to_be_visible()
    document = tmp_path / "План СОШ 8 с партнёрами.docx"
    document.write_bytes(word_plans.school_plan())
    field.set_input_files(str(document))
    page.get_by_role("button", name="Загрузить и посмотреть").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Предпросмотр загрузки")
    expect(page.get_by_role("status").filter(has_text="Строк: 10")).to_be_visible()
    expect(page.locator("table.preview tbody tr")).to_have_count(10)
    expect(page.locator("table.preview")).to_contain_text("Выставка детского технического творчества")
