"""The teacher's list of a group's lessons on a phone: found 6 px wider than the screen (a bare table with two
action links in its last column), outside the main pages the layout walk visits."""
from __future__ import annotations

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
