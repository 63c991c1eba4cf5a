"""The plan in a browser: a cell edited in place, an item added, both without reloading the page."""
from __future__ import annotations

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e


def _plan(open_page, live_server):
    page = open_page(user=COORDINATOR)
    page.goto(NETWORK + f"plans/{live_server.ids['plan']}")
    mark_window(page)
    return page


def test_timing_cell_is_edited_in_place_and_read_into_dates(open_page, live_server):
    page = _plan(open_page, live_server)
    row = page.locator("tbody tr", has_text="Библиосумерки")
    cell = row.locator("td[id$='-timing']")
    cell.get_by_role("link", name="изменить").click()
    field = cell.get_by_label("Новое значение")
    expect(field).to_be_focused()
    field.fill("март – май")
    field.press("Enter")
    expect(cell).to_contain_text("март – май")
    expect(cell).to_contain_text("31.05.")
    assert_no_reload(page)


def test_item_is_added_without_reload(open_page, live_server):
    page = _plan(open_page, live_server)
    section = page.locator("section", has=page.get_by_role("heading", name="План мероприятий с МБУ «МИБС»"))
    section.get_by_text("Добавить мероприятие").click()
    section.get_by_label("Мероприятие").fill("Неделя детской книги")
    section.get_by_label("Сроки").fill("в конце марта")
    section.get_by_label("Участники (классы)").fill("1-4 классы")
    section.get_by_role("button", name="Добавить", exact=True).click()
    new_row = section.locator("tbody tr", has_text="Неделя детской книги")
    expect(new_row).to_be_visible()
    expect(new_row).to_contain_text("1–4 кл.")
    expect(section.get_by_label("Мероприятие")).to_have_value("")
    assert_no_reload(page)
