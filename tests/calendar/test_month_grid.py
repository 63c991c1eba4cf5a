"""The month grid as its statement cuts it (numbered per day in SQL): a day's first events and «ещё N», items
of several days on every day they cover, the week that separates grid items from the long ones listed above,
the capped long list, the filters. Each page is checked against the rule computed here from the items."""
from __future__ import annotations

from datetime import date, timedelta

from lxml import html
from sqlalchemy import select, update

from tenants.models import Network
from tenants.scoping import unscoped
from workspace.calendar.queries import LONG_AFTER_DAYS
from workspace.calendar.views import DAY_SHOWN, LONG_SHOWN
from workspace.extensions import db
from workspace.plans.models import PlanItem

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def _item(app, make, section, network_name: str, title: str, starts: date, ends: date, position: int, **fields):
    """An item on exactly these dates (a timing phrase for each span would only test the reader)."""
    item = make.item(section, title, "10.11.", position=position, **fields)
    with app.app_context(), unscoped():
        db.session.execute(update(PlanItem).where(PlanItem.id == item.id).values(starts_on=starts, ends_on=ends))
        db.session.commit()
    return {"title": title, "starts": starts, "ends": ends, "network": network_name, "position": position,
            "id": item.id, "grades": (item.grade_from or 1, item.grade_to or 11)}


def _world(app, make):
    """Two networks of one school, a busy November in both."""
    school = make.institution("Школа №31", slug="s31")
    coordinator = make.user(school, "coordinator")
    items = []
    for name, slug in (("Сеть Б", "net-b"), ("Сеть А", "net-a")):
        network = make.network(school, name=name, slug=slug)
        section = make.section(make.plan(network, 2026, title="План"), "Раздел")
        d = date
        spans = [(d(2026, 11, 10), d(2026, 11, 10))] * 4 + [(d(2026, 11, 9), d(2026, 11, 11))] * 2 + [
            (d(2026, 10, 29), d(2026, 11, 2)),   # begins before the month: its first day inside is the 1st
            (d(2026, 11, 28), d(2026, 12, 3)),   # runs into December
            (d(2026, 11, 1), d(2026, 11, 7)),    # a week exactly: still on the grid
            (d(2026, 11, 1), d(2026, 11, 8)),    # a day more: listed above the grid
            (d(2026, 11, 30), d(2026, 11, 30)),
            (d(2026, 10, 25), d(2026, 10, 31)),  # October only
        ] + [(d(2026, 11, 1), d(2026, 11, 30))] * 6
        for n, (starts, ends) in enumerate(spans):
            # positions run backwards so that the plan's order, not the insertion order, decides
            items.append(_item(app, make, section, name, f"{slug}-{n:02d}", starts, ends, position=len(spans) - n,
                               audience="5-9 классы" if n % 3 == 0 else ""))
    return school, coordinator, items


def _expected(items, first: date, last: date):
    in_month = sorted((i for i in items if i["starts"] <= last and i["ends"] >= first),
                      key=lambda i: (i["starts"], i["ends"], i["network"], i["position"], i["id"]))
    long = [i["title"] for i in in_month if (i["ends"] - i["starts"]).days + 1 > LONG_AFTER_DAYS]
    short = [i for i in in_month if (i["ends"] - i["starts"]).days + 1 <= LONG_AFTER_DAYS]
    grid, agenda = {}, {}
    for item in short:
        day = max(item["starts"], first)
        agenda.setdefault(day, []).append(item["title"])
        while day <= min(item["ends"], last):
            grid.setdefault(day, []).append(item["title"])
            day += timedelta(days=1)
    return long, grid, agenda


def _more(node) -> int:
    more = node.xpath(".//a[contains(@class, 'more')]")
    return int(more[0].text_content().split()[1]) if more else 0


def _page(client, url: str):
    tree = html.fromstring(client.get(url).get_data(as_text=True))
    grid = {}
    for cell in tree.xpath("//table[contains(@class, 'month')]//td[contains(concat(' ', @class, ' '), ' day ')]"):
        if "other-month" in cell.get("class"):
            assert not cell.xpath(".//li")
            continue
        day = int(cell.xpath(".//span[contains(@class, 'day-number')]")[0].text.strip())
        links = cell.xpath(".//ul[@class='day-events']/li/a[not(contains(@class, 'more'))]")
        titles = [a.text_content() for a in links]
        if titles:
            grid[date(2026, 11, day)] = (titles, _more(cell))
    agenda = {}
    for entry in tree.xpath("//div[@class='month-agenda']/ul/li"):
        heading = entry.xpath("./p[contains(@class, 'agenda-day')]")[0].text_content()
        titles = [li.xpath("./a")[0].text_content() for li in entry.xpath("./ul/li")
                  if "more" not in (li.xpath("./a")[0].get("class") or "")]
        agenda[int(heading.split()[0])] = (titles, _more(entry))
    long = [li.xpath("./a")[0].text_content() for li in tree.xpath("//ul[contains(@class, 'long-events')]/li")]
    long_more = tree.xpath("//ul[contains(@class, 'long-events')]/following-sibling::p[1]//a")
    return grid, agenda, long, (long_more[0].text_content() if long_more else "")


def _assert_month(client, url: str, items):
    long, grid, agenda = _expected(items, *NOVEMBER)
    shown_grid, shown_agenda, shown_long, long_more = _page(client, url)
    assert shown_grid == {day: (titles[:DAY_SHOWN], max(0, len(titles) - DAY_SHOWN)) for day, titles in grid.items()}
    assert shown_agenda == {day.day: (titles[:DAY_SHOWN], max(0, len(titles) - DAY_SHOWN))
                            for day, titles in agenda.items()}
    assert shown_long == long[:LONG_SHOWN]
    assert long_more == (f"и ещё {len(long) - LONG_SHOWN} — в списке" if len(long) > LONG_SHOWN else "")
    return grid


def test_institution_month_matches_the_rule_day_by_day(app, client, make, login_as):
    _school, coordinator, items = _world(app, make)
    login_as(coordinator)
    grid = _assert_month(client, "/i/s31/calendar/?month=2026-11", items)
    # the busy 10th: both networks' four one-day items and their two three-day items, «Сеть А» first
    assert len(grid[date(2026, 11, 10)]) == 12 and grid[date(2026, 11, 10)][0].startswith("net-a-")
    assert date(2026, 11, 8) not in grid or not any(t.endswith("-09") for t in grid[date(2026, 11, 8)])


def test_a_busy_day_shows_its_first_three_and_how_many_more(app, client, make, login_as):
    _school, coordinator, items = _world(app, make)
    login_as(coordinator)
    grid, _agenda, _long, _more_long = _page(client, "/i/s31/calendar/?month=2026-11")
    titles, more = grid[date(2026, 11, 10)]
    assert len(titles) == DAY_SHOWN and more == 12 - DAY_SHOWN


def test_long_items_above_the_grid_are_capped_with_their_count(app, client, make, login_as):
    _school, coordinator, items = _world(app, make)
    login_as(coordinator)
    _grid, _agenda, long, long_more = _page(client, "/i/s31/calendar/?month=2026-11")
    assert len(long) == LONG_SHOWN
    assert long_more == "и ещё 4 — в списке"  # 2 × (six month-long items and one of eight days)


def test_filters_apply_to_the_month(app, client, make, login_as):
    _school, coordinator, items = _world(app, make)
    login_as(coordinator)
    with app.app_context():
        network_a = db.session.scalar(select(Network.id).where(Network.slug == "net-a"))
    _assert_month(client, f"/i/s31/calendar/?month=2026-11&net={network_a}",
                  [i for i in items if i["title"].startswith("net-a-")])
    _assert_month(client, "/i/s31/calendar/?month=2026-11&grade=3", [i for i in items if i["grades"][0] <= 3])
    _assert_month(client, "/n/net-b/calendar/?month=2026-11", [i for i in items if i["title"].startswith("net-b-")])


def test_a_quiet_month_and_a_month_of_long_items_only(app, client, make, login_as):
    _school, coordinator, items = _world(app, make)
    login_as(coordinator)
    page = client.get("/i/s31/calendar/?month=2027-02").get_data(as_text=True)
    assert "В этом месяце мероприятий нет." in page
    october = client.get("/i/s31/calendar/?month=2026-10").get_data(as_text=True)
    tree = html.fromstring(october)
    assert [a.text_content() for a in tree.xpath("//div[@class='month-agenda']//p[contains(@class, 'agenda-day')]")]
