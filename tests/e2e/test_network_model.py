"""The interaction model on the network page: a row turns into a form in place and back."""
from __future__ import annotations

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e


def member_row(page, name: str):
    return page.locator("table.model tbody tr").filter(has_text=name)


def test_row_is_edited_in_place(open_page):
    page = open_page(user=COORDINATOR, path=NETWORK)
    row = member_row(page, "МБУ «МИБС»")
    mark_window(page)

    row.get_by_role("link", name="Изменить").click()

    forms = row.get_by_label("Формы взаимодействия")
    expect(forms).to_be_focused()
    expect(row).to_have_class("editing")
    new_text = "Квесты по детской литературе"
    # the forms the plan's events chose stay (dropping one is refused): a new form is added on a line of its own
    forms.fill(forms.input_value() + "\n" + new_text)
    row.get_by_role("button", name="Сохранить").click()

    expect(row.get_by_role("cell", name=new_text)).to_be_visible()
    expect(row.get_by_role("textbox")).to_have_count(0)
    expect(row.get_by_role("link", name="Изменить")).to_be_visible()
    assert_no_reload(page)

    page.reload()
    expect(member_row(page, "МБУ «МИБС»").get_by_role("cell", name=new_text)).to_be_visible()


def test_cancel_restores_the_row(open_page):
    page = open_page(user=COORDINATOR, path=NETWORK)
    row = member_row(page, "Новокузнецкий драмтеатр")
    before = row.locator("td.prose").all_inner_texts()
    mark_window(page)

    row.get_by_role("link", name="Изменить").click()
    forms = row.get_by_label("Формы взаимодействия")
    expect(forms).to_be_focused()
    forms.fill("Этот текст не будет сохранён")
    row.get_by_role("link", name="Отмена").click()

    expect(row.get_by_role("textbox")).to_have_count(0)
    expect(row.locator("td.prose")).to_have_text(before)
    expect(row).not_to_have_class("editing")
    assert_no_reload(page)
