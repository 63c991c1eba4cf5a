"""The in-place edit of a cell in a browser: Escape cancels, one cell is open at a time, and after a save
or a cancel the focus is back on the cell's «изменить» link (plan cells, roadmap cells, obligations)."""
from __future__ import annotations

import re

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e


def _plan(open_page, live_server):
    page = open_page(user=COORDINATOR)
    page.goto(NETWORK + f"plans/{live_server.ids['plan']}")
    mark_window(page)
    return page


def test_escape_cancels_and_one_cell_is_open_at_a_time(open_page, live_server):
    page = _plan(open_page, live_server)
    row = page.locator("tbody tr", has_text="Библиосумерки")
    responsible, report = row.locator("td[id$='-responsible']"), row.locator("td[id$='-report_form']")
    before = report.locator(".prose").inner_text()
    report.get_by_role("link", name="изменить").click()
    field = report.get_by_label("Новое значение")
    expect(field).to_be_focused()
    field.fill("Что-то, что не сохранится")
    field.press("Escape")
    expect(report.locator("form")).to_have_count(0)
    expect(report.locator(".prose")).to_have_text(before)
    expect(report.get_by_role("link", name="изменить")).to_be_focused()

    report.get_by_role("link", name="изменить").click()
    expect(report.get_by_label("Новое значение")).to_be_focused()
    responsible.get_by_role("link", name="изменить").click()
    expect(responsible.get_by_label("Новое значение")).to_be_focused()
    expect(page.locator("form.cell-form")).to_have_count(1)
    assert_no_reload(page)


def test_after_a_save_the_focus_is_on_the_cell(open_page, live_server):
    page = _plan(open_page, live_server)
    row = page.locator("tbody tr", has_text="Библиосумерки")
    report = row.locator("td[id$='-report_form']")
    report.get_by_role("link", name="изменить").click()
    field = report.get_by_label("Новое значение")
    field.fill("Фотоотчёт на сайте")
    field.press("Enter")
    expect(report).to_contain_text("Фотоотчёт на сайте")
    expect(report.get_by_role("link", name="изменить")).to_be_focused()
    assert_no_reload(page)


def test_escape_cancels_a_roadmap_cell(open_page):
    page = open_page(user="metodist@cdo-koshekhabl.example")
    page.goto("/n/koshekhabl-set/projects/")
    page.get_by_role("link", name="Робототехника для сельских школ").click()
    mark_window(page)
    cell = page.locator("table.roadmap tbody tr", has_text="Районные соревнования").locator("td[id$='-expected_result']")
    cell.get_by_role("link", name="изменить").click()
    field = cell.get_by_label("Новое значение")
    expect(field).to_be_focused()
    field.press("Escape")
    expect(cell.locator("form")).to_have_count(0)
    expect(cell.get_by_role("link", name="изменить")).to_be_focused()
    assert_no_reload(page)


def test_escape_cancels_even_before_the_form_has_settled(open_page):
    """The field has the focus as soon as the form is swapped in, and htmx binds the form's links only when the
    swap settles: an Escape pressed in between cancels all the same (it only followed «Отмена»'s anchor before).
    The settling is slowed down here so that the key lands in that moment every time."""
    page = open_page(user="metodist@cdo-koshekhabl.example")
    page.goto("/n/koshekhabl-set/projects/")
    page.get_by_role("link", name="Робототехника для сельских школ").click()
    page.wait_for_url(re.compile(r"/projects/\d+"))
    page.wait_for_load_state("load")  # the project's page, its htmx bound, before its settling is slowed down
    mark_window(page)
    page.evaluate("() => { window.htmx.config.defaultSettleDelay = 1500; }")
    cell = page.locator("table.roadmap tbody tr", has_text="Районные соревнования").locator("td[id$='-expected_result']")
    cell.get_by_role("link", name="изменить").click()
    field = cell.get_by_label("Новое значение")
    expect(field).to_be_focused()
    field.press("Escape")
    expect(cell.locator("form")).to_have_count(0, timeout=1000)
    assert_no_reload(page)
