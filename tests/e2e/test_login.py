"""Logging in through the form, a wrong password, logging out."""
from __future__ import annotations

import re

import pytest

from tests.e2e.support import COORDINATOR, DESK, NETWORK_NAME, PASSWORD, expect

pytestmark = pytest.mark.e2e


def fill_login_form(page, email: str, password: str) -> None:
    page.get_by_label("Электронная почта").fill(email)
    page.get_by_label("Пароль", exact=True).fill(password)
    page.get_by_role("button", name="Войти").click()


def test_wrong_password_is_refused(open_page):
    page = open_page(path="/login")
    fill_login_form(page, COORDINATOR, "ne-tot-parol")
    expect(page.get_by_text("Неверный адрес почты или пароль.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("heading", name="Мои сети")).to_have_count(0)


def test_coordinator_logs_in_to_the_desk_and_out_again(open_page, login_states):
    page = open_page(path="/login")
    fill_login_form(page, COORDINATOR, PASSWORD)

    expect(page).to_have_url(re.compile(re.escape(DESK) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("МБОУ «СОШ №31»")
    expect(page.get_by_role("heading", name="Мои сети")).to_be_visible()
    expect(page.get_by_role("link", name=NETWORK_NAME)).to_be_visible()

    login_states.pop(COORDINATOR, None)  # logging out ends every session of the user
    page.get_by_role("button", name="Выйти").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_text("Вы вышли из системы.")).to_be_visible()
    expect(page.get_by_role("button", name="Выйти")).to_have_count(0)

    page.goto(DESK)
    expect(page).to_have_url(re.compile(r"/login\?next="))
    expect(page.get_by_text("Войдите, чтобы открыть эту страницу.")).to_be_visible()
