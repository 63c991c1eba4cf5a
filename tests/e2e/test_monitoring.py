"""The monitoring pages in the browser: axe-core (WCAG 2.0/2.1 A and AA) on each, the charts as images
with a name, and the dashboard on a phone without sideways scrolling of the page."""
from __future__ import annotations

import pytest

from tests.e2e.support import COORDINATOR, NETWORK, axe_violations, expect, no_horizontal_scroll

pytestmark = pytest.mark.e2e

DEMO_SURVEY = "Удовлетворённость родителей сетевыми мероприятиями"
PAGES = [
    ("dashboard", NETWORK + "monitoring/", "Мониторинг эффективности"),
    ("institution-dashboard", "/i/sosh31/monitoring/", "Мониторинг эффективности"),
    ("print", NETWORK + "monitoring/print", "Мониторинг эффективности сетевого взаимодействия"),
    ("indicators", NETWORK + "monitoring/indicators", "Критерии и показатели"),
    ("surveys", NETWORK + "surveys/", "Анкетирование родителей и обучающихся"),
]


def _no_violations(page):
    expect(page.locator(".htmx-request")).to_have_count(0)  # a boosted navigation has settled (no fading)
    violations = axe_violations(page)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(violations)


@pytest.mark.parametrize(("path", "heading"), [page[1:] for page in PAGES], ids=[page[0] for page in PAGES])
def test_monitoring_pages_have_no_wcag_violations(open_page, path, heading):
    page = open_page(user=COORDINATOR, bypass_csp=True)
    assert page.goto(path).status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    _no_violations(page)


def test_survey_pages_have_no_wcag_violations(open_page):
    page = open_page(user=COORDINATOR, path=NETWORK + "surveys/", bypass_csp=True)
    page.get_by_role("link", name=DEMO_SURVEY).first.click()  # this year's round 2 is listed first
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_SURVEY)
    _no_violations(page)
    link = page.get_by_label("Отправьте её родителям", exact=False).input_value()
    page.get_by_role("link", name="Результаты").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(DEMO_SURVEY)
    _no_violations(page)
    public = open_page(bypass_csp=True)
    assert public.goto(link).status == 200
    expect(public.get_by_role("heading", level=1)).to_have_text(DEMO_SURVEY)
    _no_violations(public)


def test_charts_are_named_images_and_the_dashboard_fits_a_phone(open_page):
    page = open_page(user=COORDINATOR, path=NETWORK + "monitoring/", viewport={"width": 375, "height": 740})
    expect(page.get_by_role("img", name="Мероприятия по месяцам")).to_be_visible()
    expect(page.get_by_role("img", name="Участники мероприятий по классам")).to_be_visible()
    scroll_width, width = no_horizontal_scroll(page)
    assert scroll_width <= width
