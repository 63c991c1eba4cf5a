"""The calendar in a browser: a filter swaps the calendar in place and lands in the address bar;
a phone gets the compact month, with nothing scrolling sideways; a feed link is made and revoked."""
from __future__ import annotations

import re

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, assert_no_reload, expect, mark_window, no_horizontal_scroll

pytestmark = pytest.mark.e2e


def test_partner_filter_swaps_the_calendar_in_place(open_page):
    page = open_page(user=COORDINATOR)
    page.goto(NETWORK + "calendar/?view=list")
    mark_window(page)
    calendar = page.locator("#calendar")
    expect(calendar).to_contain_text("Библиосумерки")
    expect(calendar).to_contain_text("Неделя театра в школе")
    page.get_by_label("Партнёр").select_option(label="Новокузнецкий драмтеатр")
    expect(calendar).not_to_contain_text("Библиосумерки")
    expect(calendar).to_contain_text("Неделя театра в школе")
    expect(page).to_have_url(re.compile(r"partner=\d+"))
    expect(page).to_have_url(re.compile(r"view=list"))  # the view is kept
    page.get_by_label("Для класса").select_option(label="2 класс")
    expect(calendar).not_to_contain_text("Театральный урок")  # 5-7 classes
    expect(calendar).to_contain_text("Неделя театра в школе")  # 1-11 classes
    assert_no_reload(page)
    # The month view keeps the filters, and its links swap in place too.
    calendar.get_by_role("link", name="Месяц").click()
    expect(calendar.get_by_role("heading", level=2)).to_have_text(re.compile(r"^\s*\S+ \d{4}\s*$"))
    expect(page).to_have_url(re.compile(r"grade=2"))
    assert_no_reload(page)


def test_month_view_on_a_phone_is_a_compact_list(open_page):
    page = open_page(user=COORDINATOR, viewport={"width": 375, "height": 740}, path=NETWORK + "calendar/?month=2026-11")
    expect(page.locator("table.month")).to_be_hidden()
    agenda = page.locator(".month-agenda")
    expect(agenda).to_be_visible()
    expect(agenda).to_contain_text("Конкурс рисунков")
    scroll_width, inner_width = no_horizontal_scroll(page)
    assert scroll_width <= inner_width, f"the calendar scrolls sideways on a phone: {scroll_width}px > {inner_width}px"


def test_feed_link_is_made_shown_once_and_revoked(open_page):
    page = open_page(user=COORDINATOR)
    page.goto("/i/sosh31/calendar/")
    mark_window(page)
    feed = page.locator("#feed")
    feed.get_by_role("button", name=re.compile("Создать")).click()
    link = feed.get_by_label("Ссылка для подписки")
    expect(link).to_have_value(re.compile(r"/feeds/[\w-]+\.ics$"))
    assert_no_reload(page)
    url = link.input_value()
    assert page.request.get(url).status == 200
    feed.get_by_role("link", name="Отключить ссылку").click()
    page.get_by_role("button", name="Отключить").click()
    expect(page.get_by_text("Ссылка на календарь отключена.")).to_be_visible()
    assert page.request.get(url).status == 404
