"""Surveys in the browser: the builder adds and moves questions in place with htmx; a public answer is
taken once (a second tab of the same browser is refused) and counted once."""
from __future__ import annotations

import re
import uuid

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, assert_no_reload, expect, mark_window

pytestmark = pytest.mark.e2e

SURVEYS = NETWORK + "surveys/"
DEMO_SURVEY = "Удовлетворённость родителей сетевыми мероприятиями"


def test_builder_adds_and_moves_questions_with_htmx(open_page):
    page = open_page(user=COORDINATOR, path=SURVEYS)
    title = f"Анкета обучающихся {uuid.uuid4().hex[:6]}"
    page.get_by_label("Название анкеты").fill(title)
    page.get_by_label("Кого опрашиваем").select_option("pupils")
    page.get_by_role("button", name="Создать анкету").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    questions = page.locator("#questions")
    mark_window(page)
    questions.get_by_label("Вопрос", exact=True).fill("Понравилась ли экскурсия?")
    questions.get_by_label("Тип ответа").select_option("scale")
    questions.get_by_label("Вопрос об удовлетворённости").check()
    questions.get_by_role("button", name="Добавить вопрос").click()
    expect(questions.get_by_text("Вопрос добавлен.")).to_be_visible()
    expect(questions.locator("ol.questions > li")).to_have_count(1)

    # the form is in place again, open (htmx swapped the fragment): a second question, a choice
    page.locator("#questions").get_by_label("Вопрос", exact=True).fill("Что запомнилось?")
    page.locator("#questions").get_by_label("Тип ответа").select_option("multiple")
    page.locator("#questions").get_by_label("Варианты ответа").fill("Экспонаты\nЭкскурсовод\nКвест")
    page.locator("#questions").get_by_role("button", name="Добавить вопрос").click()
    items = page.locator("#questions ol.questions > li")
    expect(items).to_have_count(2)
    expect(items.nth(1)).to_contain_text("Экскурсовод")

    # a bad question stays in place with its message
    page.locator("#questions").get_by_label("Вопрос", exact=True).fill("Один вариант?")
    page.locator("#questions").get_by_label("Тип ответа").select_option("single")
    page.locator("#questions").get_by_label("Варианты ответа").fill("Да")
    page.locator("#questions").get_by_role("button", name="Добавить вопрос").click()
    expect(page.locator("#questions").get_by_text("не меньше двух вариантов", exact=False)).to_be_visible()
    expect(items).to_have_count(2)

    # reorder in place
    page.locator("#questions").get_by_role("button", name=re.compile("^Выше.*Что запомнилось")).click()
    expect(page.locator("#questions ol.questions > li").first).to_contain_text("Что запомнилось?")
    assert_no_reload(page)


def _results_count(page) -> int:
    page.goto(SURVEYS)
    page.get_by_role("link", name=DEMO_SURVEY).first.click()  # this year's round 2 is listed first
    page.get_by_role("link", name="Результаты").first.click()
    total = page.locator(".headline", has_text="Ответов").locator("strong").inner_text()
    return int(total)


def test_a_public_answer_is_counted_once(open_page):
    staff = open_page(user=COORDINATOR, path=SURVEYS)
    staff.get_by_role("link", name=DEMO_SURVEY).first.click()  # this year's round 2 is listed first
    link = staff.get_by_label(re.compile("Отправьте её родителям")).input_value()
    before = _results_count(staff)

    respondent = open_page()  # no login
    respondent.goto(link)
    expect(respondent.get_by_role("heading", level=1)).to_have_text(DEMO_SURVEY)
    second_tab = respondent.context.new_page()
    second_tab.goto(link)  # the same browser opens the form twice

    respondent.get_by_label("Посещение спектаклей").check()
    respondent.locator("fieldset", has_text="Насколько вы удовлетворены").get_by_label("5", exact=True).check()
    respondent.locator("fieldset", has_text="полезны для развития").get_by_label("4", exact=True).check()
    respondent.get_by_label("Семейные мероприятия").check()
    respondent.get_by_role("button", name="Отправить ответы").click()
    expect(respondent.get_by_text("Спасибо! Ваш ответ записан анонимно.")).to_be_visible()

    second_tab.get_by_label("Музейные занятия").check()
    second_tab.locator("fieldset", has_text="Насколько вы удовлетворены").get_by_label("1", exact=True).check()
    second_tab.locator("fieldset", has_text="полезны для развития").get_by_label("1", exact=True).check()
    second_tab.get_by_role("button", name="Отправить ответы").click()
    expect(second_tab.get_by_text("Вы уже ответили на эту анкету.", exact=False)).to_be_visible()

    respondent.goto(link)
    expect(respondent.get_by_text("Вы уже ответили на эту анкету.", exact=False)).to_be_visible()
    expect(respondent.get_by_role("button", name="Отправить ответы")).to_have_count(0)
    assert _results_count(staff) == before + 1
