"""Internal notes on the desk: added and deleted through htmx, in place, with the keyboard too."""
from __future__ import annotations

import uuid

import pytest

from tests.e2e.support import COORDINATOR, DESK, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e


def unique_text(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def test_note_is_added_in_place(open_page):
    page = open_page(user=COORDINATOR, path=DESK)
    notes = page.locator("#notes")
    text = unique_text("Позвонить в МИБС")
    mark_window(page)

    notes.get_by_label("Текст заметки").fill(text)
    notes.get_by_role("button", name="Добавить заметку").click()

    expect(notes.get_by_text("Заметка сохранена.")).to_be_visible()
    expect(notes.locator(".notes li").first).to_contain_text(text)
    assert_no_reload(page)


def test_note_field_is_empty_after_saving(open_page):
    page = open_page(user=COORDINATOR, path=DESK)
    notes = page.locator("#notes")
    text = unique_text("Очистить поле")
    notes.get_by_label("Текст заметки").fill(text)
    notes.get_by_role("button", name="Добавить заметку").click()

    expect(notes.locator(".notes li").first).to_contain_text(text)
    expect(notes.get_by_label("Текст заметки")).to_have_value("", timeout=2_000)


def test_empty_note_is_refused_in_place(open_page):
    page = open_page(user=COORDINATOR, path=DESK)
    notes = page.locator("#notes")
    mark_window(page)

    notes.get_by_role("button", name="Добавить заметку").click()

    textarea = notes.get_by_label("Текст заметки")
    expect(textarea).to_have_attribute("aria-invalid", "true")
    expect(notes.locator(".error")).to_be_visible()
    assert_no_reload(page)


def test_note_is_written_and_sent_with_the_keyboard(open_page):
    page = open_page(user=COORDINATOR, path=DESK)
    notes = page.locator("#notes")
    textarea = notes.get_by_label("Текст заметки")
    text = unique_text("С клавиатуры")
    mark_window(page)

    for _ in range(60):  # Tab through the page until the note's text field has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "body":
            break
    expect(textarea).to_be_focused()
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    expect(notes.get_by_role("button", name="Добавить заметку")).to_be_focused()
    page.keyboard.press("Enter")

    expect(notes.locator(".notes li").first).to_contain_text(text)
    expect(notes.get_by_text("Заметка сохранена.")).to_be_visible()
    assert_no_reload(page)


def test_note_is_deleted_in_place_after_confirmation(open_page):
    page = open_page(user=COORDINATOR, path=DESK)
    notes = page.locator("#notes")
    text = unique_text("Удалить потом")
    notes.get_by_label("Текст заметки").fill(text)
    notes.get_by_role("button", name="Добавить заметку").click()
    note = notes.locator(".notes li").filter(has_text=text)
    expect(note).to_have_count(1)
    mark_window(page)

    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    note.get_by_role("link", name="Удалить заметку").click()

    expect(notes.get_by_text("Заметка удалена.")).to_be_visible()
    expect(note).to_have_count(0)
    assert questions == ["Удалить заметку?"]
    assert_no_reload(page)
