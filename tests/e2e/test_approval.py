"""The approval of the demo plan in a real browser: the coordinator submits it, the chair opens an
e-vote, seats vote (the vote block swaps in place), the chair closes the vote, the plan is locked;
then «Внести изменения» opens it again (which also leaves the demo plan editable for later tests)."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.e2e.support import (
    ADMIN,
    COORDINATOR,
    EXTERNAL,
    NETWORK,
    assert_no_reload,
    axe_violations,
    expect,
    mark_window,
)
from workspace.core.dates import local_today

pytestmark = pytest.mark.e2e

LIBRARIAN = "koordinator@mibs.example"


def _vote(page, choice: str) -> None:
    block = page.locator("[id^='vote-']").first
    mark_window(page)
    block.get_by_role("button", name=choice, exact=True).click()
    expect(page.locator("[id^='vote-']").first).to_contain_text(f"Ваш голос: {choice}.")
    assert_no_reload(page)


def test_plan_is_submitted_voted_approved_locked_and_amended(open_page, live_server):
    plan_path = NETWORK + f"plans/{live_server.ids['plan']}"

    # the base school's coordinator submits the plan
    author = open_page(user=COORDINATOR, path=plan_path)
    author.get_by_text("Отправить на утверждение в совет").click()
    author.get_by_label("Комментарий для совета").fill("Согласовано с партнёрами")
    author.get_by_role("button", name="Отправить на утверждение").click()
    expect(author.locator("#approval")).to_contain_text("На согласовании в координационном совете")
    expect(author.get_by_role("link", name=re.compile(r"^изменить\s*:\s*мероприятие"))).to_have_count(0)

    # the chair opens an e-vote from the council page
    chair = open_page(user=ADMIN, path=NETWORK + "council/")
    chair.get_by_role("link", name=re.compile("Открыть заочное голосование.*Сетевой план")).click()
    chair.get_by_label("Голосование открыто по (включительно)").fill((local_today() + timedelta(days=7)).isoformat())
    chair.get_by_role("button", name="Открыть голосование").click()
    expect(chair.get_by_role("heading", level=1)).to_contain_text("Заочное голосование №")
    meeting_url = chair.url
    violations = axe_violations_page(open_page, meeting_url)
    assert not violations, "\n".join(violations)

    # a member finds it on the desk and votes; the external member votes from the council page
    librarian = open_page(user=LIBRARIAN, path="/i/mibs/")
    librarian.get_by_role("link", name=re.compile("Об утверждении: Сетевой план")).click()
    _vote(librarian, "За")
    parent = open_page(user=EXTERNAL, path=NETWORK + "council/")
    expect(parent.get_by_role("heading", name="Ждут вашего голоса")).to_be_visible()
    parent.get_by_role("link", name=re.compile("Об утверждении: Сетевой план")).click()
    _vote(parent, "За")
    _vote(parent, "Против")   # changeable until the vote closes
    _vote(parent, "За")
    chair.reload()
    _vote(chair, "Воздержался")
    expect(chair.locator("[id^='vote-']").first).to_contain_text("Проголосовали 3 из 5")

    # closing asks first
    chair.get_by_role("link", name=re.compile("^Закрыть голосование")).click()
    expect(chair.get_by_role("heading", level=1)).to_have_text("Закрыть голосование?")
    chair.get_by_label("Замечания совета автору").fill("Утвердить без замечаний")
    chair.get_by_role("button", name="Закрыть голосование и записать решение").click()
    expect(chair.locator(".decision")).to_contain_text("Утвердить.")
    expect(chair.locator(".decision")).to_contain_text("За 2, против 0, воздержались 1")

    # the plan is approved and locked
    author.goto(plan_path)
    stamp = re.compile(r"Утверждён, протокол № \d+ от " + re.escape(local_today().strftime("%d.%m.%Y")))
    expect(author.locator("#approval")).to_contain_text(stamp)
    expect(author.get_by_role("link", name=re.compile(r"^изменить\s*:\s*мероприятие"))).to_have_count(0)
    expect(author.get_by_text("Добавить мероприятие")).to_have_count(0)

    # minutes: printable page with the decision, no accessibility violations
    minutes = open_page(user=COORDINATOR, bypass_csp=True)
    minutes.goto(meeting_url + "/minutes")
    expect(minutes.get_by_role("heading", level=1)).to_contain_text("ПРОТОКОЛ №")
    expect(minutes.locator(".minutes")).to_contain_text("Утвердить.")
    violations = axe_violations(minutes)
    assert not violations, "\n".join(violations)

    # «Внести изменения»: back to draft, the decision stays in the history
    author.get_by_role("link", name="Внести изменения").click()
    author.get_by_role("button", name="Внести изменения").click()
    expect(author.locator("#approval")).to_contain_text("Вносятся изменения")
    expect(author.locator("#approval")).to_contain_text("Редакция 1")
    expect(author.get_by_role("link", name=re.compile(r"^изменить\s*:\s*мероприятие")).first).to_be_visible()


def axe_violations_page(open_page, url: str) -> list[str]:
    page = open_page(user=ADMIN, bypass_csp=True)
    page.goto(url)
    return axe_violations(page)
