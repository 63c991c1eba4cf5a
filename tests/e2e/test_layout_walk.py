"""Every main page as each role that uses it, on a phone (390 × 844) and a laptop (1366 × 768).

A page fails when it scrolls sideways (``scrollWidth > innerWidth``), when something sticks out of its panel,
when the header's items overlap
one another, when a heading or a table's header cell does not hold its text (text wider than its box
spills over its neighbours: that is how «16.0923.0930.09» looked), when the header takes more than
120 px on the phone, and — through the ``watched`` fixture — on any console error (a CSP violation).
The journal's per-lesson page must also give every tap target at least 44 × 44 px on the phone.

With ``E2E_SHOTS=<dir>`` every page is also saved as a full-page screenshot (to look at, not to commit).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.e2e.journal_data import TEACHER
from tests.e2e.support import ADMIN, COORDINATOR, DESK, EXTERNAL, NETWORK, OPERATOR, expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
SHOTS = os.environ.get("E2E_SHOTS")
PLAN_FILE = Path(__file__).resolve().parents[1] / "plans" / "fixtures" / "plan_library_2019-2020.xlsx"
ROADMAP_FILE = Path(__file__).resolve().parents[1] / "plans" / "fixtures" / "roadmap_ddut_2023-2024.xlsx"
PROJECT_LEAD = "metodist@cdo-koshekhabl.example"
PROJECT_NETWORK = "/n/koshekhabl-set/"

# What the page shows wrong, as a list of sentences (empty: nothing).
LAYOUT_PROBLEMS = """(screenWidth) => {
  const problems = [];
  const root = document.documentElement;
  // a phone (is_mobile) widens its layout viewport to a page that is too wide instead of scrolling it
  if (window.innerWidth > screenWidth + 1) problems.push(`the page is wider than the screen: ${window.innerWidth}px > ${screenWidth}px`);
  if (root.scrollWidth > window.innerWidth) {
    const wide = [...document.querySelectorAll('main *, header *')].filter(el => {
      const box = el.getBoundingClientRect();
      return box.right > window.innerWidth + 1 && !el.closest('.table-wrap, .journal-scroll');
    }).slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px > ${window.innerWidth}px (${wide.join(', ')})`);
  }
  const shown = el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden'
      && !el.closest('.visually-hidden, caption');
  };
  const name = el => `${el.tagName.toLowerCase()} «${(el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40)}»`;
  // nothing sticks out of its panel (a grid of cards wider than its box: the project's stages on a phone)
  for (const panel of document.querySelectorAll('main .panel')) {
    const edge = panel.getBoundingClientRect().right;
    const out = [...panel.querySelectorAll('*')].find(el => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.right > edge + 1 && !el.closest('.table-wrap, .journal-scroll, .visually-hidden');
    });
    if (out) problems.push(`${name(out)} sticks out of its panel by ${Math.round(out.getBoundingClientRect().right - edge)}px`);
    // and no text spills out of its own box (a word wider than a card: «Подготовительный» in a 2-column grid)
    const spilled = [...panel.querySelectorAll('li, p, dd, dt, strong, td, h3, h4, label, .button, button')].find(el =>
      el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline'
      && !el.closest('.table-wrap, .journal-scroll, .visually-hidden'));
    if (spilled) problems.push(`${name(spilled)} spills out of its box (${spilled.scrollWidth}px in ${spilled.clientWidth}px)`);
  }
  const items = [...document.querySelectorAll(
    '.site-header .brand, .site-header summary, .main-nav a, .header-search, .tools > *')].filter(shown);
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      if (a.contains(b) || b.contains(a)) continue;
      const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
      const across = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const down = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (across > 1 && down > 1) problems.push(`${name(a)} overlaps ${name(b)} in the header`);
    }
  }
  for (const el of document.querySelectorAll('main h1, main h2, main h3, main th, .page-head > *, .site-header .brand')) {
    if (!shown(el) || el.clientWidth === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} does not hold its text (${el.scrollWidth}px in ${el.clientWidth}px)`);
  }
  // a table that scrolls sideways inside its wrapper keeps its first column within 40% of a phone's width
  if (window.innerWidth < 500) {
    for (const wrap of document.querySelectorAll('.table-wrap, .journal-scroll')) {
      const table = wrap.querySelector('table');
      const cell = table && table.querySelector('tbody tr > :first-child');
      if (!cell || !shown(wrap) || wrap.scrollWidth <= wrap.clientWidth + 1) continue;
      const width = cell.getBoundingClientRect().width;
      if (width > 0.4 * window.innerWidth + 2) problems.push(`a scrolling table's first column is ${Math.round(width)}px wide (${name(cell)})`);
    }
  }
  const header = document.querySelector('.site-header');
  if (window.innerWidth < 500 && header && header.getBoundingClientRect().height > 120) {
    problems.push(`the header is ${Math.round(header.getBoundingClientRect().height)}px tall on a phone`);
  }
  return problems;
}"""

SMALL_TAP_TARGETS = """() => [...document.querySelectorAll(
    'main a, main button, main select, main input:not([type=hidden]), main summary')].filter(el => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && !el.closest('.visually-hidden') && (box.width < 44 || box.height < 44);
}).map(el => `${el.tagName.toLowerCase()} «${el.textContent.trim().slice(0, 30)}» ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`)"""


def _first_link(page, pattern: str) -> str:
    """The first link of the page whose address matches ``pattern`` (a detail page reached from its list)."""
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(link => link.getAttribute('href'))")
    for href in hrefs:
        if re.search(pattern, href.split("?")[0]):
            return href
    raise AssertionError(f"no link matching {pattern} on {page.url}")


def _check(page, role: str, size: str, where: str, problems: list[str]) -> None:
    page.wait_for_load_state("load")
    found = page.evaluate(LAYOUT_PROBLEMS, page.viewport_size["width"])
    problems.extend(f"{role} {size} {where} ({page.url}): {problem}" for problem in found)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{size}-{role}-{where}.png"), full_page=True)


def _visit(page, path: str, role: str, size: str, where: str, problems: list[str]) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{role} {where}: {path} answered {response and response.status}"
    _check(page, role, size, where, problems)


def _walk_coordinator(page, ids, size, problems):
    role = "coordinator"
    pages = [("desk", DESK), ("network", NETWORK), ("plans", NETWORK + "plans/"), ("plan", NETWORK + f"plans/{ids['plan']}"),
             ("calendar", NETWORK + "calendar/"), ("council", NETWORK + "council/"),
             ("agreements", NETWORK + "agreements/"), ("agreement", NETWORK + f"agreements/{ids['agreement']}"),
             ("projects", NETWORK + "projects/"), ("programmes", NETWORK + "programmes/"),
             ("journal-groups", NETWORK + "journal/"), ("journal-grid", NETWORK + f"journal/groups/{ids['journal_group']}"),
             ("journal-lesson", NETWORK + f"journal/groups/{ids['journal_group']}/lesson"),
             ("pupils", DESK + "pupils/"), ("bank", NETWORK + "bank/"), ("requests", NETWORK + "requests/"),
             ("monitoring", NETWORK + "monitoring/"), ("surveys", NETWORK + "surveys/"),
             ("chronicle", NETWORK + "chronicle"), ("search", DESK + "search?q=%D0%BF%D0%BB%D0%B0%D0%BD"),
             ("history", NETWORK + "history"), ("letter-settings", "/settings/letters"),
             ("passport", NETWORK + "passport/"), ("passport-print", NETWORK + "passport/print"),
             ("model", NETWORK + "model/"), ("model-row", NETWORK + f"model/{ids['library_row']}"),
             ("model-print", NETWORK + "model/print"), ("model-row-new", NETWORK + "model/new"),
             ("documents", NETWORK + "documents/"), ("regulation", NETWORK + "documents/regulation"),
             ("institution-networks", DESK + "networks/"), ("new-network", DESK + "networks/new"),
             ("achievements", DESK + "growth/achievements"), ("new-achievement", DESK + "growth/achievements/new"),
             ("analyses", NETWORK + "analysis/"), ("diagnostics", DESK + "diagnostics/")]
    for where, path in pages:
        _visit(page, path, role, size, where, problems)
        if where == "council":
            _visit(page, _first_link(page, r"/council/meetings/\d+$"), role, size, "meeting", problems)
        elif where == "projects":
            _visit(page, _first_link(page, r"/projects/\d+$"), role, size, "project", problems)
        elif where == "programmes":
            _visit(page, _first_link(page, r"/programmes/\d+$"), role, size, "programme", problems)
        elif where == "achievements":  # a pupil's portfolio (achievements of a provider and of the school) and flags
            portfolio = _first_link(page, r"/growth/pupils/\d+$")
            _visit(page, portfolio, role, size, "portfolio", problems)
            _visit(page, _first_link(page, r"/growth/achievements/\d+/edit$"), role, size, "edit-achievement", problems)
            _visit(page, portfolio + "/flags", role, size, "pupil-flags", problems)
        elif where == "diagnostics":  # the school's diagnostic at this year's входная диагностика (classes, pupils)
            _visit(page, _first_link(page, r"/diagnostics/\d+/start$"), role, size, "diagnostic-point",
                   problems)
        elif where == "analyses":  # last year's approved analysis, and its printable page
            analysis = _first_link(page, r"/analysis/\d+$")
            _visit(page, analysis, role, size, "analysis", problems)
            _visit(page, analysis + "/print", role, size, "analysis-print", problems)
    page.goto(NETWORK + f"plans/{ids['plan']}/import")
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(PLAN_FILE))
    page.get_by_role("button", name="Загрузить и посмотреть").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Предпросмотр загрузки")
    _check(page, role, size, "plan-import-preview", problems)
    _visit(page, NETWORK + "plans/copy", role, size, "plan-copy", problems)  # a new year's plan as a copy


def _walk_project_lead(page, size, problems):
    role = "project-lead"
    _visit(page, PROJECT_NETWORK + "projects/", role, size, "projects", problems)
    page.get_by_role("link", name="Робототехника для сельских школ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Робототехника для сельских школ")
    _check(page, role, size, "project", problems)
    page.get_by_role("link", name="Загрузить дорожную карту из Excel").click()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(ROADMAP_FILE))
    page.get_by_role("button", name="Загрузить и посмотреть").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Предпросмотр дорожной карты")
    _check(page, role, size, "roadmap-import-preview", problems)


def _walk_teacher(page, ids, size, problems):
    role = "teacher"
    group = NETWORK + f"journal/groups/{ids['journal_group']}"
    for where, path in (("desk", DESK), ("plan", NETWORK + f"plans/{ids['plan']}"), ("calendar", NETWORK + "calendar/"),
                        ("journal-grid", group), ("journal-lesson", group + "/lesson")):
        _visit(page, path, role, size, where, problems)
    if size == "phone":
        small = page.evaluate(SMALL_TAP_TARGETS)
        problems.extend(f"teacher phone journal-lesson: tap target under 44 px: {target}" for target in small)
        # a tap saves (htmx swaps the pupil's buttons) and the buttons stay thumb-sized
        first = page.locator(".roll > li").first
        first.get_by_role("button", name="не был").click()
        expect(first.get_by_role("button", name="не был")).to_have_attribute("aria-pressed", "true")
        first.get_by_role("button", name="был", exact=True).click()
        expect(first.get_by_role("button", name="был", exact=True)).to_have_attribute("aria-pressed", "true")
        expect(first.get_by_role("button", name="был", exact=True)).to_be_focused()  # the focus stays on the tapped button
        small = page.evaluate(SMALL_TAP_TARGETS)
        problems.extend(f"teacher phone journal-lesson after a tap: tap target under 44 px: {target}" for target in small)


def _walk_admin(page, ids, size, problems):
    role = "admin"
    for where, path in (("desk", DESK), ("council", NETWORK + "council/"), ("agreements", NETWORK + "agreements/"),
                        ("agreement", NETWORK + f"agreements/{ids['agreement']}"), ("monitoring", NETWORK + "monitoring/"),
                        ("history", DESK + "history"), ("invitations", NETWORK + "invitations"),
                        ("passport", NETWORK + "passport/"), ("documents", NETWORK + "documents/")):
        _visit(page, path, role, size, where, problems)
        if where == "documents":  # the school's order (its pupils) and an agreement on the network form
            order, agreement = _first_link(page, r"/documents/schools/\d+/order$"), _first_link(page, r"/agreement$")
            _visit(page, order, role, size, "order", problems)
            _visit(page, agreement, role, size, "network-form-agreement", problems)
        if where == "council":
            _visit(page, _first_link(page, r"/council/meetings/\d+$"), role, size, "meeting", problems)


def _walk_operator(page, size, problems):
    role = "operator"
    for where, path in (("operator", "/operator/"), ("outbox", "/operator/outbox"),
                        ("outbox-sent", "/operator/outbox?status=sent")):
        _visit(page, path, role, size, where, problems)


def _walk_parent(page, ids, size, problems):
    role = "council-parent"
    _visit(page, NETWORK + "council/", role, size, "council", problems)
    _visit(page, _first_link(page, r"/council/meetings/\d+$"), role, size, "meeting", problems)
    _visit(page, NETWORK + f"plans/{ids['plan']}", role, size, "plan", problems)


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_every_main_page_fits_and_holds_its_text(open_page, live_server, size):
    viewport = PHONE if size == "phone" else LAPTOP
    options = {"viewport": viewport, "is_mobile": True, "has_touch": True} if size == "phone" else {"viewport": viewport}
    problems: list[str] = []
    ids = live_server.ids
    _walk_coordinator(open_page(user=COORDINATOR, **options), ids, size, problems)
    _walk_teacher(open_page(user=TEACHER, **options), ids, size, problems)
    _walk_admin(open_page(user=ADMIN, **options), ids, size, problems)
    _walk_parent(open_page(user=EXTERNAL, **options), ids, size, problems)
    _walk_project_lead(open_page(user=PROJECT_LEAD, **options), size, problems)
    _walk_operator(open_page(user=OPERATOR, **options), size, problems)
    assert not problems, f"{len(problems)} layout problem(s):\n" + "\n".join(problems)


def test_the_phone_menu_folds_without_javascript_and_opens_from_the_keyboard(open_page, live_server):
    page = open_page(user=COORDINATOR, viewport=PHONE, java_script_enabled=False, path=DESK)
    menu = page.locator("details.menu")
    expect(page.get_by_role("navigation", name="Основное меню")).to_be_hidden()
    assert page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height") <= 120
    page.locator("details.menu > summary").focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    expect(page.get_by_role("navigation", name="Основное меню").get_by_role("link", name="Обучающиеся")).to_be_visible()
    wide = open_page(user=COORDINATOR, viewport=LAPTOP, path=DESK)
    expect(wide.locator("details.menu > summary")).to_be_hidden()
    expect(wide.get_by_role("navigation", name="Основное меню").get_by_role("link", name="Обучающиеся")).to_be_visible()


def test_language_switch_sets_the_page_language_and_the_favicon_loads(open_page, live_server):
    page = open_page(user=COORDINATOR, viewport=LAPTOP, path=DESK)
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(icon).status == 200
    assert page.evaluate("document.documentElement.lang") == "ru"
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():
        page.get_by_role("button", name="Русский").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def test_an_emptied_style_attribute_does_not_travel_through_a_boosted_swap(open_page, live_server):
    """A browser extension (or a screenshot tool) leaves ``style=""`` on the header's search box; htmx used to
    copy it onto the new page's element of the same id while settling, which the CSP reports as an inline
    style. The page's htmx-config settles no ``style`` attribute."""
    page = open_page(user=COORDINATOR, viewport=LAPTOP, path=DESK)
    page.evaluate("() => { const box = document.getElementById('site-search'); box.style.color = 'red'; box.style.color = ''; }")
    assert page.locator("#site-search").get_attribute("style") == ""
    page.get_by_role("navigation", name="Основное меню").get_by_role("link", name="Обучающиеся").click()
    expect(page).to_have_url(re.compile(r"/pupils/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
