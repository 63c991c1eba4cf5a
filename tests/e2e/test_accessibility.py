"""axe-core (WCAG 2.0 and 2.1, levels A and AA) on every main page, each opened by the right user,
and the phone-size layout of the busiest pages."""
from __future__ import annotations

import pytest

from tests.e2e.support import (
    ADMIN,
    AGREEMENT_NUMBER,
    COORDINATOR,
    DESK,
    EXTERNAL,
    NETWORK,
    OPERATOR,
    axe_violations,
    expect,
    no_horizontal_scroll,
)

pytestmark = pytest.mark.e2e

# id, user (None: anonymous), path (ids of the demo filled in from live_server.ids), heading
PAGES = [
    ("login", None, "/login", "Вход в сетевое пространство"),
    ("forgot-password", None, "/password/forgot", None),
    ("desk", COORDINATOR, DESK, "МБОУ «СОШ №31»"),
    ("profile", COORDINATOR, "/i/sosh31/profile", None),
    ("staff", ADMIN, "/i/sosh31/staff", None),
    ("invite", ADMIN, "/i/sosh31/staff/invite", None),
    ("profile-edit", ADMIN, "/i/sosh31/profile/edit", None),
    ("network", COORDINATOR, NETWORK, "Культурно-образовательная среда школы №31"),
    ("model", COORDINATOR, NETWORK + "model/", "Модель сетевого взаимодействия"),
    ("model-row", COORDINATOR, NETWORK + "model/{library_row}", "МБУ «МИБС»"),
    ("model-row-edit", COORDINATOR, NETWORK + "model/{library_row}/edit", "Модель взаимодействия: МБУ «МИБС»"),
    ("model-row-new", COORDINATOR, NETWORK + "model/new", "Новый партнёр в модели"),
    ("council", COORDINATOR, NETWORK + "council/", "Координационный совет"),
    ("council-add-seat", ADMIN, NETWORK + "council/seats/new", "Добавить члена совета"),
    # the meeting and minutes pages need a meeting: tests/e2e/test_approval.py runs axe on them
    ("council-new-meeting", ADMIN, NETWORK + "council/meetings/new", "Новое заседание"),
    ("council-new-e-vote", ADMIN, NETWORK + "council/e-votes/new", "Открыть заочное голосование"),
    ("council-rules", ADMIN, NETWORK + "council/rules", "Правила голосования"),
    ("change-password", COORDINATOR, "/account/password", None),
    ("operator", OPERATOR, "/operator/", None),
    ("operator-institution", OPERATOR, "/operator/institutions/{school}", None),
    ("operator-network", OPERATOR, "/operator/networks/{network}", None),
    ("external-council", EXTERNAL, NETWORK + "council/", "Координационный совет"),
    ("not-found", COORDINATOR, "/n/net-takoi-seti/", "Страница не найдена"),
    ("plans", COORDINATOR, NETWORK + "plans/", "Сетевые планы мероприятий"),
    ("plan", COORDINATOR, NETWORK + "plans/{plan}", "Сетевой план мероприятий МБОУ «СОШ №31» с учреждениями культуры"),
    ("plan-import", COORDINATOR, NETWORK + "plans/{plan}/import", "Загрузка плана из Excel или Word"),
    ("network-history", COORDINATOR, NETWORK + "history", "История изменений"),
    ("institution-history", COORDINATOR, "/i/sosh31/history", "История изменений"),
    ("staff-import", ADMIN, "/i/sosh31/staff/import", "Импорт сотрудников из Excel"),
    ("calendar", COORDINATOR, NETWORK + "calendar/", "Календарь мероприятий"),
    ("calendar-list", COORDINATOR, NETWORK + "calendar/?view=list", "Календарь мероприятий"),
    ("institution-calendar", COORDINATOR, "/i/sosh31/calendar/", "Календарь мероприятий"),
    ("agreements", COORDINATOR, NETWORK + "agreements/", "Договоры о сотрудничестве"),
    ("agreement-new", COORDINATOR, NETWORK + "agreements/new", "Новый договор"),
    ("agreement", COORDINATOR, NETWORK + "agreements/{agreement}",
     "Договор о сотрудничестве МБОУ «СОШ №31» и МБУ «МИБС»"),
    ("agreement-print", COORDINATOR, NETWORK + "agreements/{agreement}/print", "ДОГОВОР № " + AGREEMENT_NUMBER),
    ("agreements-public", None, "/public/n/sosh31-kultura/agreements", "Договоры о сотрудничестве"),
    ("chronicle", COORDINATOR, NETWORK + "chronicle", "Летопись"),
    ("institution-chronicle", COORDINATOR, "/i/sosh31/chronicle", "Летопись"),
    ("search", COORDINATOR, "/i/sosh31/search?q=библ", "Поиск"),
]


@pytest.mark.parametrize(("user", "path", "heading"), [page[1:] for page in PAGES], ids=[page[0] for page in PAGES])
def test_page_has_no_wcag_violations(open_page, live_server, user, path, heading):
    # axe is injected as an inline script, which the application's CSP rightly forbids.
    page = open_page(user=user, bypass_csp=True)
    response = page.goto(path.format(**live_server.ids))
    assert response.status == (404 if heading == "Страница не найдена" else 200)
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    violations = axe_violations(page)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(violations)


def _wrong_password(page):
    page.goto("/login")
    page.get_by_label("Электронная почта").fill(COORDINATOR)
    page.get_by_label("Пароль", exact=True).fill("ne-tot-parol")
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_text("Неверный адрес почты или пароль.")).to_be_visible()


def _empty_note(page):
    page.goto(DESK)
    page.locator("#notes").get_by_role("button", name="Добавить заметку").click()
    expect(page.get_by_label("Текст заметки")).to_have_attribute("aria-invalid", "true")


def _row_in_edit_mode(page):
    page.goto(NETWORK)
    page.locator("table.model tbody tr").filter(has_text="Театр металлургов").get_by_role("link", name="Изменить").click()
    expect(page.get_by_label("Формы взаимодействия")).to_be_focused()


STATES = [("login-error", None, _wrong_password), ("note-error", COORDINATOR, _empty_note),
          ("member-row-editing", COORDINATOR, _row_in_edit_mode)]


@pytest.mark.parametrize(("user", "reach"), [state[1:] for state in STATES], ids=[state[0] for state in STATES])
def test_state_after_htmx_swap_has_no_wcag_violations(open_page, user, reach):
    page = open_page(user=user, bypass_csp=True)
    reach(page)
    violations = axe_violations(page)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(violations)


@pytest.mark.parametrize("path", [DESK, NETWORK, NETWORK + "council/", NETWORK + "agreements/"],
                         ids=["desk", "network", "council", "agreements"])
def test_phone_layout_has_no_horizontal_scroll(open_page, path):
    page = open_page(user=COORDINATOR, viewport={"width": 375, "height": 740}, path=path)
    scroll_width, inner_width = no_horizontal_scroll(page)
    assert scroll_width <= inner_width, f"{path} scrolls sideways on a phone: {scroll_width}px > {inner_width}px"
