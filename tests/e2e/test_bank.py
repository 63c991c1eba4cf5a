"""The bank in a browser: active search narrows the list as one types, without reloading the page."""
from __future__ import annotations

import re

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e


def test_active_search_narrows_the_list_and_keeps_the_address(open_page):
    page = open_page(user=COORDINATOR, path=NETWORK + "bank/")
    materials = page.locator("#materials")
    expect(materials).to_contain_text("Методическая разработка урока в библиотеке")
    mark_window(page)
    page.get_by_label("Поиск по названию, описанию и тегам").fill("КВЕСТ")
    expect(materials).not_to_contain_text("Методическая разработка урока в библиотеке")
    expect(materials).to_contain_text("Сценарий квеста в музее «Тайны Кузнецкой крепости»")
    expect(page).to_have_url(re.compile(r"[?&]q=(%D0%9A%D0%92%D0%95%D0%A1%D0%A2|КВЕСТ)"))
    page.get_by_label("Направленность").select_option("arts")
    expect(materials).to_contain_text("Библиосумерки")
    expect(materials).not_to_contain_text("Тайны Кузнецкой крепости")
    # A select fires «input» and «change»: the form's «input delay:300ms» asks once more 300 ms later; a click
    # while that request is still to come raced with its swap. Wait for it to go and come back.
    page.wait_for_timeout(400)
    expect(page.locator("form.htmx-request")).to_have_count(0)
    assert_no_reload(page)
    materials.get_by_role("link", name="Сценарий «Библиосумерки» для 5–9 классов").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Сценарий «Библиосумерки» для 5–9 классов")
    expect(page.get_by_text("Библиосумерки", exact=True)).to_be_visible()  # the plan event it came from
