"""The event report on a phone and a laptop: the form a coordinator fills (participants by institution and
class) and the report a school's teacher reads, checked as the layout walk checks every main page."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.e2e.support import NETWORK, expect
from tests.e2e.test_layout_walk import LAPTOP, LAYOUT_PROBLEMS, PHONE

pytestmark = pytest.mark.e2e

LIBRARY_COORDINATOR = "koordinator@mibs.example"
SCHOOL_TEACHER = "uchitel@sosh31.example"
SHOTS = os.environ.get("E2E_SHOTS")


def _problems(page, who: str, size: str) -> list[str]:
    page.wait_for_load_state("load")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{size}-{who}-report.png"), full_page=True)
    return [f"{who} {size} ({page.url}): {problem}"
            for problem in page.evaluate(LAYOUT_PROBLEMS, page.viewport_size["width"])]


def _report_link(page, plan_id: int) -> str:
    page.goto(NETWORK + f"plans/{plan_id}")
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(link => link.getAttribute('href'))")
    reports = [href for href in hrefs if re.search(r"/items/\d+/report$", href.split("?")[0])]
    assert reports, "no report link on the plan"
    return reports[0]


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_the_report_form_and_the_report_fit_and_a_range_of_classes_is_saved(open_page, live_server, size):
    viewport = PHONE if size == "phone" else LAPTOP
    options = {"viewport": viewport, "is_mobile": True, "has_touch": True} if size == "phone" else {"viewport": viewport}
    page = open_page(user=LIBRARY_COORDINATOR, **options)
    link = _report_link(page, live_server.ids["plan"])
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Отчёт о проведении")
    problems = _problems(page, "coordinator", size)
    # more rows through the boosted form (htmx sends the pressed button's name): four more, nothing saved
    before = page.locator("select[id$='-institution']").count()
    page.locator("#p-0-count").fill("53")
    page.get_by_role("button", name="Ещё строки участников").click()
    expect(page.locator("select[id$='-institution']")).to_have_count(before + 4)
    expect(page.locator("#p-0-count")).to_have_value("53")
    page.locator("#p-0-count").fill("52")
    row = page.evaluate("[...document.querySelectorAll('select[id$=\"-institution\"]')].findIndex(s => !s.value)")
    assert row >= 0, "no blank participants row"
    page.locator(f"#p-{row}-institution").select_option(index=1)
    page.locator(f"#p-{row}-grade").fill("1-4 классы")
    page.locator(f"#p-{row}-count").fill("96")
    page.get_by_role("button", name="Сохранить отчёт").click()
    expect(page.get_by_text("Отчёт сохранён")).to_be_visible()
    expect(page.locator(f"#p-{row}-grade")).to_have_value("1–4")
    problems += _problems(page, "coordinator-saved", size)
    reader = open_page(user=SCHOOL_TEACHER, path=link, **options)
    classes = reader.get_by_role("cell", name="1–4 кл.", exact=True).first
    expect(classes).to_be_visible()
    # «1–4» and «кл.» stay on one line (they broke in two in the phone's narrow column)
    lines = classes.evaluate("cell => { const range = document.createRange(); range.selectNodeContents(cell); "
                             "return new Set([...range.getClientRects()].map(box => Math.round(box.top))).size; }")
    assert lines == 1, f"«1–4 кл.» takes {lines} lines"
    problems += _problems(reader, "teacher", size)
    # the demo is shared by the session's browser tests: the row goes again, the report is as it was
    page.locator(f"#p-{row}-institution").select_option(index=0)
    page.locator(f"#p-{row}-grade").fill("")
    page.locator(f"#p-{row}-count").fill("")
    page.get_by_role("button", name="Сохранить отчёт").click()
    expect(page.get_by_text("Отчёт сохранён")).to_be_visible()
    expect(page.locator(f"#p-{row}-count")).to_have_value("")
    assert not problems, "\n".join(problems)
