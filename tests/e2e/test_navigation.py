"""hx-boost navigation, and pages that run under the strict Content-Security-Policy without errors."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.support import COORDINATOR, DESK, NETWORK_NAME, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e


def test_main_menu_navigates_without_reload_and_without_console_errors(open_page, watched):
    page = open_page(user=COORDINATOR)
    response = page.goto(DESK)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="Мои сети")).to_be_visible()
    mark_window(page)
    menu = page.get_by_role("navigation", name="Основное меню")

    menu.get_by_role("link", name="Учреждение").click()
    expect(page).to_have_url(re.compile(r"/i/sosh31/profile$"))
    expect(menu.get_by_role("link", name="Учреждение")).to_have_attribute("aria-current", "page")
    expect(page).to_have_title(re.compile("Сетевое пространство"))

    menu.get_by_role("link", name="Сотрудники").click()
    expect(page).to_have_url(re.compile(r"/i/sosh31/staff$"))
    expect(menu.get_by_role("link", name="Сотрудники")).to_have_attribute("aria-current", "page")

    menu.get_by_role("link", name="Рабочий стол").click()
    expect(page).to_have_url(re.compile(re.escape(DESK) + "$"))
    page.get_by_role("link", name=NETWORK_NAME).click()
    expect(page).to_have_url(re.compile(r"/n/sosh31-kultura/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(NETWORK_NAME)
    expect(menu.get_by_role("link", name="Сеть")).to_have_attribute("aria-current", "page")

    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(DESK) + "$"))
    expect(page.get_by_role("heading", name="Мои сети")).to_be_visible()
    assert_no_reload(page)
    assert not watched.errors, "\n".join(watched.errors)


def test_a_csp_violation_would_be_caught(open_page, watched):
    """The watch on the console sees what the CSP blocks: an inline script does not run."""
    page = open_page(user=COORDINATOR, path=DESK)
    with pytest.raises(PlaywrightError):
        page.add_script_tag(content="window.__inlineRan = true")
    assert page.evaluate("window.__inlineRan") is None
    assert any("Content Security Policy" in error for error in watched.errors), watched.errors
    watched.errors.clear()
