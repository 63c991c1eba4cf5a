"""A school starts its own network on a phone: «Создать сеть» from the desk, the form, then the invitation page
where an institution of the deployment is found by name (htmx swaps the list in place) and invited; the library's
head accepts the invitation from the desk after a confirmation."""
from __future__ import annotations

import pytest

from tests.e2e.support import (
    COORDINATOR,
    DESK,
    assert_no_reload,
    axe_violations,
    expect,
    mark_window,
    no_horizontal_scroll,
)

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
LIBRARY_HEAD = "direktor@mibs.example"


def _fits(page) -> None:
    width, viewport = no_horizontal_scroll(page)
    assert width <= viewport, f"{page.url}: {width} px wide in a {viewport} px window"


def test_a_school_starts_a_network_and_invites_a_partner_on_a_phone(open_page):
    # axe is injected as an inline script, which the application's CSP rightly forbids
    page = open_page(user=COORDINATOR, path=DESK, viewport=PHONE, bypass_csp=True)
    page.get_by_role("link", name="Создать сеть").first.click()
    expect(page.get_by_role("heading", name="Новая сеть")).to_be_visible()
    _fits(page)
    page.get_by_label("Название сети (программы сетевого взаимодействия)").fill("Читаем вместе — проверка")
    page.get_by_label("Начало").fill("2026-09-01")
    page.get_by_label("Окончание").fill("2028-08-31")
    page.get_by_label("Цель").fill("Приобщение школьников к чтению")
    page.get_by_role("button", name="Создать сеть").click()

    expect(page.get_by_role("heading", name="Приглашения в сеть")).to_be_visible()
    _fits(page)
    mark_window(page)
    page.get_by_label("Найти учреждение по названию").fill("МИБС")
    choice = page.get_by_role("radio", name="МБУ «МИБС»")
    expect(choice).to_be_visible()
    assert_no_reload(page)  # the list was swapped in place
    choice.check()
    page.get_by_label("Статус в сети").first.select_option("social_partner")
    page.get_by_role("button", name="Пригласить").click()
    expect(page.get_by_role("cell", name="МБУ «МИБС»")).to_be_visible()
    expect(page.get_by_text("ожидает")).to_be_visible()
    _fits(page)
    assert axe_violations(page) == []

    head = open_page(user=LIBRARY_HEAD, path="/i/mibs/", viewport=PHONE)
    invitations = head.locator("#network-invitations")
    expect(invitations).to_contain_text("Читаем вместе — проверка")
    _fits(head)
    invitations.get_by_role("link", name="Принять").click()
    expect(head.get_by_role("heading", name="Вступить в сеть?")).to_be_visible()
    _fits(head)
    head.get_by_role("button", name="Принять приглашение").click()
    expect(head.get_by_role("heading", name="Читаем вместе — проверка")).to_be_visible()
    expect(head.get_by_role("link", name="Выйти из сети")).to_be_visible()
    _fits(head)
