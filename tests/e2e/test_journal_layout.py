"""Journal pages outside the main pages the layout walk visits, on a phone: a group's lessons (6 px wider than
the screen, a bare table with two action links in its last column) and the issue of certificates (514 px: a bare
table of five columns)."""
from __future__ import annotations

import re

import pytest

from tests.e2e.journal_data import TEACHER
from tests.e2e.support import NETWORK, expect
from tests.e2e.test_layout_walk import LAPTOP, LAYOUT_PROBLEMS, PHONE

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_the_lessons_list_fits_the_screen(open_page, live_server, size):
    viewport = PHONE if size == "phone" else LAPTOP
    options = {"viewport": viewport, "is_mobile": True, "has_touch": True} if size == "phone" else {"viewport": viewport}
    path = NETWORK + f"journal/groups/{live_server.ids['journal_group']}/lessons"
    page = open_page(user=TEACHER, path=path, **options)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Занятия группы")
    expect(page.get_by_role("link", name="Изменить").first).to_be_visible()
    problems = page.evaluate(LAYOUT_PROBLEMS, viewport["width"])
    assert not problems, "\n".join(problems)


def test_on_a_phone_the_lessons_do_not_scroll_sideways(open_page, live_server):
    """The table could scroll in its wrapper, but then «Изменить» and «Удалить» were off the screen."""
    path = NETWORK + f"journal/groups/{live_server.ids['journal_group']}/lessons"
    page = open_page(user=TEACHER, path=path, viewport=PHONE, is_mobile=True, has_touch=True)
    widths = page.evaluate("[...document.querySelectorAll('main .table-wrap')].map(w => [w.scrollWidth, w.clientWidth])")
    assert widths and all(scroll <= client + 1 for scroll, client in widths), widths
    expect(page.get_by_role("link", name="Удалить").first).to_be_in_viewport()


def test_the_issue_of_certificates_fits_a_phone(open_page, live_server):
    page = open_page(user="metodist@cdo-koshekhabl.example", path="/n/koshekhabl-set/journal/",
                     viewport=PHONE, is_mobile=True, has_touch=True)
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(link => link.getAttribute('href'))")
    group = next(href for href in hrefs if re.search(r"/journal/groups/\d+$", href))
    page.goto(group + "/certificates")
    expect(page.get_by_role("button", name="Выдать документы отмеченным")).to_be_visible()
    problems = page.evaluate(LAYOUT_PROBLEMS, PHONE["width"])
    assert not problems, "\n".join(problems)
    # the table may scroll in its wrapper, its first column (the checkbox) narrow and the pupil's name in view
    first = page.locator("table.certificates tbody tr").first
    expect(first.locator("input[type=checkbox]")).to_be_in_viewport()
    expect(first.locator("label")).to_be_in_viewport()
