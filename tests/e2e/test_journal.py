"""The journal grid in a browser: a keystroke sets a cell and saves it, the row and column totals
change in the same response, arrow keys move the focus; no reload."""
from __future__ import annotations

import pytest

from tests.e2e.journal_data import TEACHER
from tests.e2e.support import NETWORK, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e


def _grid(open_page, live_server):
    page = open_page(user=TEACHER)
    page.goto(NETWORK + f"journal/groups/{live_server.ids['journal_group']}")
    mark_window(page)
    return page


def test_keystrokes_set_cells_and_totals_follow(open_page, live_server):
    page = _grid(open_page, live_server)
    rows = page.locator("table.journal tbody tr")
    first = rows.nth(0).locator("a[data-cell]").nth(0)
    first.focus()
    page.keyboard.press("5")
    expect(rows.nth(0).locator("td.mark").nth(0)).to_have_text("5")
    expect(rows.nth(0).locator("td.total")).to_have_text("100%")
    expect(page.locator("tfoot td.total").nth(0)).to_have_text("100%")
    # the focus came back to the saved cell; the arrow key moves down, «н» marks an absence
    expect(rows.nth(0).locator("a[data-cell]").nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(rows.nth(1).locator("a[data-cell]").nth(0)).to_be_focused()
    page.keyboard.press("n")  # «н» on the Russian layout (a Latin-layout keyboard sends «n»)
    expect(rows.nth(1).locator("td.mark").nth(0)).to_have_text("н")
    expect(rows.nth(1).locator("td.total")).to_have_text("0%")
    expect(page.locator("tfoot td.total").nth(0)).to_have_text("50%")
    expect(rows.nth(1).locator("a[data-cell]").nth(0)).to_be_focused()  # back on the saved cell once settled
    page.keyboard.press("ArrowRight")
    expect(rows.nth(1).locator("a[data-cell]").nth(1)).to_be_focused()
    page.keyboard.press("Space")
    expect(rows.nth(1).locator("td.total")).to_have_text("50%")
    expect(rows.nth(1).locator("a[data-cell]").nth(1)).to_be_focused()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Delete")
    expect(rows.nth(1).locator("td.mark").nth(0)).to_have_text("")
    expect(rows.nth(1).locator("td.total")).to_have_text("100%")
    assert_no_reload(page)
    page.reload()
    expect(page.locator("table.journal tbody tr").nth(0).locator("td.mark").nth(0)).to_have_text("5")


def test_a_cyrillic_key_and_a_click(open_page, live_server):
    page = _grid(open_page, live_server)
    cell = page.locator("table.journal tbody tr").nth(2).locator("td.mark")
    cell.nth(1).locator("a").dispatch_event("keydown", {"key": "у", "bubbles": True})
    expect(cell.nth(1)).to_have_text("у")
    cell.nth(2).locator("a").click()  # a click cycles the attendance: present, absent, excused, empty
    expect(cell.nth(2)).to_have_text("·")
    cell.nth(2).locator("a").click()
    expect(cell.nth(2)).to_have_text("н")
    assert_no_reload(page)


def test_attestation_results_by_keystroke(open_page, live_server):
    """The attestation column sits after the lessons: the arrow key reaches it, «з» sets «зачтено», a digit a
    mark of the scale, an attendance key is refused (the cell stays), no reload."""
    page = _grid(open_page, live_server)
    row = page.locator("table.journal tbody tr").nth(1)
    row.locator("a[data-cell]").nth(2).focus()
    page.keyboard.press("ArrowRight")
    result = row.locator("td.attest")
    expect(result.locator("a")).to_be_focused()
    result.locator("a").dispatch_event("keydown", {"key": "з", "bubbles": True})
    expect(result).to_have_text("зч")
    expect(row.locator("td.attest a")).to_be_focused()
    page.keyboard.press("4")
    expect(result).to_have_text("4")
    page.keyboard.press("n")
    page.wait_for_timeout(300)
    expect(result).to_have_text("4")
    assert_no_reload(page)
    page.reload()
    expect(page.locator("table.journal tbody tr").nth(1).locator("td.attest")).to_have_text("4")
