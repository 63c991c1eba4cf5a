"""Agreements in a browser: obligations added and edited in place (htmx, no reload), and the signing flow."""
from __future__ import annotations

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e

LIBRARY_HEAD = "direktor@mibs.example"


def test_obligation_rows_are_added_edited_and_deleted_in_place(open_page):
    page = open_page(user=COORDINATOR, path=NETWORK + "agreements/new")
    page.get_by_label("Номер договора").fill("E2E-1")
    page.get_by_label("Дата договора").fill("2026-09-01")
    page.get_by_label("Название", exact=True).fill("Договор о сотрудничестве с театром «Овация»")
    page.get_by_label("Действует с").fill("2026-09-01")
    page.get_by_label("по", exact=True).fill("2027-05-31")
    page.get_by_label("ТЮЗ «Овация»").check()
    page.get_by_role("button", name="Создать черновик").click()
    expect(page.get_by_role("heading", name="Договор о сотрудничестве с театром «Овация»")).to_be_visible()
    mark_window(page)

    block = page.locator(".party-obligations", has_text="ТЮЗ «Овация» обязуется:")
    block.get_by_label("Новое обязательство: ТЮЗ «Овация»").fill("Проводит мастер-классы сценической речи")
    block.get_by_label("Срок").fill("ноябрь")
    block.get_by_role("button", name="Добавить обязательство").click()
    row = page.locator("tr", has_text="Проводит мастер-классы сценической речи")
    expect(row).to_be_visible()
    expect(row).to_contain_text("ноябрь")

    row.get_by_role("link", name="изменить").click()
    field = page.get_by_label("Обязательство", exact=True)
    expect(field).to_be_focused()
    field.fill("Проводит мастер-классы сценической речи для 5–7 классов")
    page.get_by_role("button", name="Сохранить").click()
    edited = page.locator("tr", has_text="для 5–7 классов")
    expect(edited).to_be_visible()
    assert_no_reload(page)

    page.once("dialog", lambda dialog: dialog.accept())
    edited.get_by_role("link", name="Удалить").click()
    expect(page.locator("tr", has_text="для 5–7 классов")).to_have_count(0)
    assert_no_reload(page)


def test_head_of_a_party_accepts_and_the_agreement_comes_into_force(open_page):
    page = open_page(user=LIBRARY_HEAD, path="/i/mibs/")
    expect(page.get_by_text("ждёт принятия вашим учреждением")).to_be_visible()
    page.get_by_role("link", name="Договор о сотрудничестве МБОУ «СОШ №31» и МБУ «МИБС»").click()
    signing = page.locator("#signing")
    expect(signing).to_contain_text("ждём принятия")
    signing.get_by_role("link", name="Принять").click()
    expect(page.get_by_role("heading", name="Принять договор?")).to_be_visible()
    page.get_by_role("button", name="Принять договор").click()
    expect(page.get_by_text("Договор принят всеми сторонами и вступил в силу.")).to_be_visible()
    expect(page.locator("#signing")).to_contain_text("Принято: Белова Татьяна Андреевна")
    expect(page.locator(".page-head")).to_contain_text("Действует")
