"""A joint project in a browser: a roadmap cell edited in place, a comment posted with htmx and shown
first, a roadmap file uploaded to its preview — without reloading the page where htmx swaps."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.support import assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e
LEAD = "metodist@cdo-koshekhabl.example"  # the lead institution's coordinator (МБОУ ДО ЦДО)
NETWORK = "/n/koshekhabl-set/"
ROADMAP = Path(__file__).resolve().parents[1] / "plans" / "fixtures" / "roadmap_ddut_2023-2024.xlsx"


def _project(open_page):
    page = open_page(user=LEAD)
    page.goto(NETWORK + "projects/")
    page.get_by_role("link", name="Робототехника для сельских школ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Робототехника для сельских школ")
    mark_window(page)
    return page


def test_roadmap_cell_is_edited_in_place(open_page, live_server):
    page = _project(open_page)
    row = page.locator("table.roadmap tbody tr", has_text="Районные соревнования")
    cell = row.locator("td[id$='-timing']")
    cell.get_by_role("link", name="изменить").click()
    field = cell.get_by_label("Новое значение")
    expect(field).to_be_focused()
    field.fill("март – апрель")
    field.press("Enter")
    expect(cell).to_contain_text("март – апрель")
    expect(cell).to_contain_text("30.04.")
    assert_no_reload(page)


def test_comment_is_posted_with_htmx_and_shown_first(open_page, live_server):
    page = _project(open_page)
    discussion = page.locator("#discussion")
    discussion.get_by_label("Комментарий").fill("Соревнования переносим на март, @Тхакушинова")
    discussion.get_by_role("button", name="Отправить").click()
    first = page.locator("#discussion ol.comments > li").first
    expect(first).to_contain_text("Соревнования переносим на март")
    expect(page.locator("#discussion").get_by_label("Комментарий")).to_have_value("")
    assert_no_reload(page)


def test_roadmap_upload_leads_to_the_preview(open_page, live_server):
    page = _project(open_page)
    page.get_by_role("link", name="Загрузить дорожную карту из Excel").click()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(ROADMAP))
    page.get_by_role("button", name="Загрузить и посмотреть").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Предпросмотр дорожной карты")
    # The 2023/2024 file in a 2026/2027 project: read, each term flagged as outside the project's year.
    expect(page.get_by_role("status").filter(has_text="Строк: 10.")).to_contain_text("С ошибками: 0.")
    expect(page.locator("table.preview tbody tr")).to_have_count(10)


@pytest.mark.parametrize("reach", ["list", "page", "new"])
def test_project_pages_have_no_wcag_violations(open_page, live_server, reach):
    from tests.e2e.support import axe_violations
    page = open_page(user=LEAD, bypass_csp=True)
    page.goto(NETWORK + "projects/")
    if reach == "page":
        page.get_by_role("link", name="Робототехника для сельских школ").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Робототехника для сельских школ")
    elif reach == "new":
        page.get_by_role("link", name="Новый проект").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Новый проект")
    violations = axe_violations(page)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(violations)


def test_project_page_fits_a_phone(open_page, live_server):
    from tests.e2e.support import no_horizontal_scroll
    page = open_page(user=LEAD, viewport={"width": 375, "height": 740}, path=NETWORK + "projects/")
    page.get_by_role("link", name="Робототехника для сельских школ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Робототехника для сельских школ")
    scroll_width, inner_width = no_horizontal_scroll(page)
    assert scroll_width <= inner_width, f"the project page scrolls sideways on a phone: {scroll_width}px > {inner_width}px"
