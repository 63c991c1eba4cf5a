"""The end of the year in a real browser, on a phone: the base school's deputy director opens the analyses from the
network's documents, prepares this year's analysis (the figures are already there), writes a conclusion and a
decision for two partners — one of them «Прекратить сотрудничество» — and the overall conclusion, submits it; the
chair opens an e-vote, seats vote, the chair closes it; the analysis is approved and read-only; next year's plan made
as a copy starts from it and says which partner it leaves out."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.e2e.support import ADMIN, COORDINATOR, NETWORK, axe_violations, expect, no_horizontal_scroll
from workspace.core.dates import AcademicYear, local_today

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
LIBRARIAN = "koordinator@mibs.example"
YEAR = AcademicYear.current()


def _fits(page) -> None:
    width, viewport = no_horizontal_scroll(page)
    assert width <= viewport, f"{page.url}: {width} px wide in a {viewport} px window"


def _decide(page, partner: str, decision: str, conclusion: str) -> None:
    page.locator("article", has=page.get_by_role("heading", name=partner, exact=True)).get_by_role(
        "link", name="Вывод и решение").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(partner)
    _fits(page)
    page.get_by_role("radio", name=decision).check()
    page.get_by_label("Вывод", exact=True).fill(conclusion)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".flashes")).to_contain_text(f"Вывод и решение по партнёру {partner} сохранены.")


def _vote(page) -> None:
    page.locator("[id^='vote-']").first.get_by_role("button", name="За", exact=True).click()
    expect(page.locator("[id^='vote-']").first).to_contain_text("Ваш голос: За.")


def test_the_year_is_analysed_approved_and_next_years_plan_starts_from_it(open_page, live_server):
    # axe is injected as an inline script, which the application's CSP rightly forbids
    author = open_page(user=COORDINATOR, path=NETWORK + "documents/", viewport=PHONE, bypass_csp=True)
    author.get_by_role("link", name="Аналитические справки").click()
    expect(author.get_by_role("heading", level=1)).to_have_text("Аналитические справки о реализации программы")
    author.get_by_label("Учебный год").select_option(str(YEAR.start_year))
    author.get_by_role("button", name="Подготовить справку", exact=True).click()
    expect(author.get_by_role("heading", level=1)).to_have_text(f"Аналитическая справка за {YEAR.label} учебный год")
    expect(author.locator("#indicators")).to_contain_text("Всего в сетевом плане на год")
    expect(author.locator("#approval")).to_contain_text("Нет вывода или решения")
    _fits(author)
    assert axe_violations(author) == []

    _decide(author, "МБУ «МИБС»", "Продолжить сотрудничество", "Библиотека — основной партнёр программы.")
    _decide(author, "Театр металлургов", "Прекратить сотрудничество", "За год не проведено ни одного мероприятия.")
    author.get_by_role("link", name="Изменить общий вывод").click()
    expect(author.get_by_role("heading", level=1)).to_have_text(f"Общий вывод за {YEAR.label} учебный год")
    author.get_by_role("textbox", name="Общий вывод").fill("План года выполнен; театр металлургов исключается из плана.")
    author.get_by_role("button", name="Сохранить").click()
    expect(author.locator("#conclusion")).to_contain_text("театр металлургов исключается")
    author.get_by_text("Отправить на утверждение в совет").click()
    author.get_by_label("Комментарий для совета").fill("Итоги года")
    author.get_by_role("button", name="Отправить на утверждение").click()
    expect(author.locator("#approval")).to_contain_text("На согласовании в координационном совете")
    expect(author.get_by_role("link", name="Вывод и решение")).to_have_count(0)

    chair = open_page(user=ADMIN, path=NETWORK + "council/")
    chair.get_by_role("link", name=re.compile("Открыть заочное голосование.*Аналитическая справка")).click()
    chair.get_by_label("Голосование открыто по (включительно)").fill((local_today() + timedelta(days=7)).isoformat())
    chair.get_by_role("button", name="Открыть голосование").click()
    expect(chair.get_by_role("heading", level=1)).to_contain_text("Заочное голосование №")
    meeting = chair.url
    _vote(chair)
    for voter in (COORDINATOR, LIBRARIAN):
        _vote(open_page(user=voter, path=meeting))
    chair.reload()
    chair.get_by_role("link", name=re.compile("^Закрыть голосование")).click()
    chair.get_by_role("button", name="Закрыть голосование и записать решение").click()
    expect(chair.locator(".decision")).to_contain_text("Утвердить.")

    author.reload()
    expect(author.locator("#approval")).to_contain_text("Утверждена, протокол №")
    expect(author.get_by_role("link", name="Изменить общий вывод")).to_have_count(0)
    _fits(author)

    author.goto(NETWORK + f"plans/copy?source_plan_id={live_server.ids['plan']}&start_year={YEAR.start_year + 1}")
    expect(author.locator("#copy-analysis")).to_contain_text(
        f"План начинается с утверждённой аналитической справки за {YEAR.label} учебный год.")
    expect(author.locator("#copy-analysis")).to_contain_text("сотрудничество прекращается с партнёром: Театр металлургов")
    _fits(author)
    author.get_by_role("button", name=re.compile("^Создать план на")).click()
    expect(author.locator(".flashes")).to_contain_text("создан как копия плана")
