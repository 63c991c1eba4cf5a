"""The request table in a browser: a suggested match becomes a conversation, a message is sent with htmx."""
from __future__ import annotations

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e


def test_a_match_becomes_a_conversation_and_a_message_is_sent_in_place(open_page):
    page = open_page(user=COORDINATOR, path=NETWORK + "requests/")
    suggestion = page.locator("li", has_text="Проектор для выездного классного часа").filter(
        has_text="Мультимедийный проектор")
    expect(suggestion).to_contain_text("общие слова: проектор")
    suggestion.get_by_role("button", name="Начать обсуждение").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Обсуждение: Проектор для выездного классного часа")
    mark_window(page)
    field = page.get_by_label("Сообщение")
    field.fill("Можно взять проектор на 12 ноября?")
    page.get_by_role("button", name="Отправить").click()
    messages = page.locator("#conversation-messages")
    expect(messages).to_contain_text("Можно взять проектор на 12 ноября?")
    expect(messages).to_contain_text("МБОУ «СОШ №31»")
    expect(page.get_by_label("Сообщение")).to_have_value("")
    assert_no_reload(page)
