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
    row = page.locator("table.journal tbody tr").last
    cell = row.locator("td.mark").last
    cell.locator("a").focus()
    page.keyboard.press("4")
    expect(cell).to_have_text("4")
    corner = page.locator("#journal-overall")
    expect(page.locator("#journal-overall-head")).to_contain_text(corner.inner_text())
    cell.locator("a").click()  # not a cycle to «н»: the cell's own form opens
    expect(page.get_by_role("button", name="Сохранить")).to_be_visible()
    page.goto(grid_url)
    expect(page.locator("table.journal tbody tr").last.locator("td.mark").last).to_have_text("4")
