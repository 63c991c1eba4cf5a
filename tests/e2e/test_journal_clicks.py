"""The journal grid in a browser: a click never erases a grade, and the overall attendance follows a save."""
from __future__ import annotations

import pytest

from tests.e2e.journal_data import TEACHER
from tests.e2e.support import NETWORK, expect

pytestmark = pytest.mark.e2e


def test_a_click_on_a_graded_cell_keeps_the_grade_and_totals_follow(open_page, live_server):
    page = open_page(user=TEACHER)
    grid_url = NETWORK + f"journal/groups/{live_server.ids['journal_group']}"
    page.goto(grid_url)
    # a cell no other browser test of the grid touches (they share the live server's data)
    row = page.locator("table.journal tbody tr").nth(0)
    cell = row.locator("td.mark").nth(2)
    cell.locator("a").focus()
    page.keyboard.press("4")
    expect(cell).to_have_text("4")
    corner = page.locator("#journal-overall")
    expect(page.locator("#journal-overall-head")).to_contain_text(corner.inner_text())
    cell.locator("a").click()  # not a cycle to «н»: the cell's own form opens
    expect(page.get_by_role("button", name="Сохранить")).to_be_visible()
    page.goto(grid_url)
    expect(page.locator("table.journal tbody tr").nth(0).locator("td.mark").nth(2)).to_have_text("4")
