"""The chronicle and the global search in a browser: scrolling loads the next page in place; typing in the
header's box shows results grouped by kind; Enter opens the full results page."""
from __future__ import annotations

import re

import pytest

from tests.e2e.support import COORDINATOR, DESK, NETWORK, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e


def test_scrolling_to_the_end_loads_the_next_pages(open_page):
    page = open_page(user=COORDINATOR, viewport={"width": 1000, "height": 420})
    page.goto(NETWORK + "chronicle")
    mark_window(page)
    entries = page.locator(".chronicle-entry")
    expect(entries).to_have_count(2)                     # two a page on the test server
    first_titles = entries.locator(".chronicle-title").all_inner_texts()
    for _page in range(40):  # the demo's entries depend on today's date: scroll until the end
        if page.locator("#chronicle-more").count() == 0:
            break
        shown = entries.count()
        page.locator("#chronicle-more").scroll_into_view_if_needed()
        page.wait_for_function("n => document.querySelectorAll('.chronicle-entry').length > n", arg=shown)
    expect(page.locator(".chronicle-end")).to_be_visible()
    assert entries.count() > 2
    titles = entries.locator(".chronicle-title").all_inner_texts()
    assert titles[:2] == first_titles and len(set(titles)) == len(titles)
    # the meeting's own entry (the programme passport's approval at it names it too)
    expect(page.locator(".chronicle").get_by_role("link", name="Заседание совета № 1").first).to_be_visible()
    expect(page.locator(".thumbnails img").first).to_be_visible()
    assert_no_reload(page)


def test_typing_shows_results_grouped_by_kind(open_page):
    page = open_page(user=COORDINATOR, path=DESK)
    mark_window(page)
    box = page.get_by_role("searchbox", name="Поиск")
    box.press_sequentially("библ", delay=40)
    dropdown = page.locator("#search-results")
    expect(dropdown.get_by_role("group", name="Мероприятия планов")).to_contain_text("Библиосумерки")
    expect(dropdown.get_by_role("group", name="Учреждения")).to_contain_text("МБУ «МИБС»")
    box.fill("библиосумерки")
    expect(dropdown.get_by_role("group", name="Учреждения")).to_have_count(0)
    expect(dropdown).to_contain_text("Библиосумерки")
    assert_no_reload(page)
    # the bank has a «Библиосумерки» scenario too, and last year's plan (the analysis's year) has the event as well
    dropdown.get_by_role("link", name="Библиосумерки", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/plans/\d+(\?section=\d+)?#item-\d+$"))  # its address, then its section


def test_enter_in_the_box_opens_the_full_results_page(open_page):
    page = open_page(user=COORDINATOR, path=NETWORK)
    box = page.get_by_role("searchbox", name="Поиск")
    box.click()
    box.press_sequentially("ЗАМЕСТИТЕЛЬ")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/i/sosh31/search\?q=%D0%97"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Поиск")
    expect(page.get_by_role("heading", level=2, name=re.compile("Мероприятия планов"))).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile("Люди"))).to_be_visible()
    expect(page.get_by_label("Что искать")).to_have_value("ЗАМЕСТИТЕЛЬ")
