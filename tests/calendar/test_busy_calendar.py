"""A busy month: a day shows its first events and «ещё N» opens that day's list; the year's list is paged;
items of more than a week are listed above the grid, not written into every day."""
from __future__ import annotations

from lxml import html

from workspace.calendar.views import DAY_SHOWN, LIST_PAGE


def _busy(make, same_day: int, spread: int = 0):
    school = make.institution("Школа №31", slug="s31")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator")
    plan = make.plan(network, 2026, title="План")
    section = make.section(plan, "Раздел")
    for n in range(same_day):
        make.item(section, f"Концерт-{n:03d}", "10.11.", position=n + 1)
    for n in range(spread):
        make.item(section, f"Выставка-{n:03d}", "ноябрь", position=same_day + n + 1)
    return coordinator


def _cell_of(page: str, day: int) -> str:
    tree = html.fromstring(page)
    for cell in tree.xpath("//table[contains(@class, 'month')]//td[contains(concat(' ', @class, ' '), ' day ')]"):
        if "other-month" not in cell.get("class") and \
                cell.xpath(".//span[contains(@class, 'day-number')]")[0].text.strip() == str(day):
            return cell.text_content()
    raise AssertionError(day)


def test_busy_day_shows_its_first_events_and_how_many_more(client, make, login_as):
    login_as(_busy(make, DAY_SHOWN + 4))
    page = client.get("/n/net/calendar/?month=2026-11").get_data(as_text=True)
    cell = _cell_of(page, 10)
    assert cell.count("Концерт-") == DAY_SHOWN
    assert "ещё 4" in cell
    day_list = client.get("/n/net/calendar/?view=list&month=2026-11&day=2026-11-10").get_data(as_text=True)
    assert day_list.count("Концерт-") == DAY_SHOWN + 4
    assert "Весь учебный год" in day_list


def test_month_long_items_are_listed_above_the_grid_not_on_every_day(client, make, login_as):
    login_as(_busy(make, 1, spread=2))
    page = client.get("/n/net/calendar/?month=2026-11").get_data(as_text=True)
    assert "Выставка-000" not in _cell_of(page, 15)
    assert page.count("Выставка-000") == 1


def test_year_list_is_paged(client, make, login_as):
    login_as(_busy(make, LIST_PAGE + 5))
    first = client.get("/n/net/calendar/?view=list&month=2026-11").get_data(as_text=True)
    assert first.count("Концерт-") == LIST_PAGE
    assert "Страница 1 из 2" in first
    second = client.get("/n/net/calendar/?view=list&month=2026-11&page=2").get_data(as_text=True)
    assert second.count("Концерт-") == 5
    assert client.get("/n/net/calendar/?view=list&month=2026-11&page=99").status_code == 200


def test_day_outside_the_year_or_unreadable_is_ignored(client, make, login_as):
    login_as(_busy(make, 2))
    for day in ("2030-01-01", "вчера", ""):
        response = client.get(f"/n/net/calendar/?view=list&month=2026-11&day={day}")
        assert response.status_code == 200
        assert response.get_data(as_text=True).count("Концерт-") == 2
