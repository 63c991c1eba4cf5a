"""iCalendar feeds: a personal secret link, stored hashed, revocable, dead with its owner's access."""
from __future__ import annotations

import re
from datetime import date

from icalendar import Calendar
from sqlalchemy import select

from tests.calendar.test_calendar_pages import _world
from tests.conftest import post_form
from workspace.accounts.models import User, hash_token
from workspace.calendar.models import CalendarFeed
from workspace.extensions import db

FEED_URL = re.compile(r'value="http://workspace.test(/feeds/[A-Za-z0-9_-]+\.ics)"')


def _create(client, page_url: str, **kwargs) -> str:
    response = post_form(client, page_url + "feed", {}, page_url=page_url, **kwargs)
    assert response.status_code == 200, response.status_code
    match = FEED_URL.search(response.get_data(as_text=True))
    assert match, "the new link is shown once"
    return match.group(1)


def _events(response) -> dict:
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return calendar, {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_network_feed_has_all_day_events(client, make, login_as, read):
    school, *_ = _world(make)
    user = make.user(school, "teacher")
    login_as(user)
    path = _create(client, "/n/kultura/calendar/")
    anonymous = client.application.test_client()
    calendar, events = _events(anonymous.get(path))
    assert str(calendar["X-WR-CALNAME"]) == "Мероприятия: Культура рядом"
    assert set(events) == {"Библиосумерки", "Конкурс чтецов", "Участие в конкурсах", "Спектакль «Гроза»",
                           "Театральный урок"}  # the unread timing has no date: not in a calendar app
    reading = events["Библиосумерки"]
    assert reading.decoded("DTSTART") == date(2026, 11, 22)
    assert reading.decoded("DTEND") == date(2026, 11, 25)  # exclusive end of an all-day event
    description = str(reading["DESCRIPTION"])
    assert "Участники: 5-9 классы" in description and "Сроки по плану: 22-24.11." in description
    assert "Партнёр: МБУ «МИБС»" in description
    assert str(reading["UID"]).startswith("plan-item-")
    # The UID is stable from one fetch to the next.
    _again, events_again = _events(anonymous.get(path))
    assert str(events_again["Библиосумерки"]["UID"]) == str(reading["UID"])
    # Only the hash is stored.
    token = path.removeprefix("/feeds/").removesuffix(".ics")
    with read():
        feed = db.session.scalar(select(CalendarFeed))
        assert feed.token_hash == hash_token(token) and token not in feed.token_hash
        assert feed.user_id == user.id and feed.network_id is not None and feed.institution_id is None
    # The calendar page no longer shows the link, only that it exists.
    page = client.get("/n/kultura/calendar/").get_data(as_text=True)
    assert token not in page and "действует" in page


def test_institution_feed_spans_its_networks_only(client, make, login_as):
    _school, library, *_ = _world(make)
    other = make.network(library, name="Библиотечная сеть", slug="books")
    make.item(make.section(make.plan(other, 2026), "Раздел", library), "Неделя детской книги", "25.11.")
    stranger = make.institution("Чужая школа", slug="stranger")
    foreign = make.network(stranger, name="Чужая сеть", slug="foreign")
    make.item(make.section(make.plan(foreign, 2026), "Чужой раздел", stranger), "Чужое мероприятие", "25.11.")
    login_as(make.user(library, "coordinator"))
    path = _create(client, "/i/mibs/calendar/")
    calendar, events = _events(client.application.test_client().get(path))
    assert str(calendar["X-WR-CALNAME"]) == "Мероприятия: МБУ «МИБС»"
    assert "Неделя детской книги" in events and "Библиосумерки" in events
    assert "Чужое мероприятие" not in events


def test_unknown_and_revoked_tokens_are_404(client, make, login_as, read):
    school, *_ = _world(make)
    login_as(make.user(school, "coordinator"))
    assert client.get("/feeds/no-such-token.ics").status_code == 404
    first = _create(client, "/n/kultura/calendar/")
    second = _create(client, "/n/kultura/calendar/")  # a new link replaces the old one
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    confirm = client.get("/n/kultura/calendar/feed/revoke").get_data(as_text=True)
    assert "Отключить ссылку на календарь?" in confirm
    response = post_form(client, "/n/kultura/calendar/feed/revoke", {}, page_url="/n/kultura/calendar/feed/revoke")
    assert response.status_code == 302
    assert "Ссылка на календарь отключена." in client.get(response.location).get_data(as_text=True)
    assert client.get(second).status_code == 404
    with read():
        assert all(feed.revoked_at is not None for feed in db.session.scalars(select(CalendarFeed)))
    assert "Ссылки на календарь пока нет." in client.get("/n/kultura/calendar/").get_data(as_text=True)


def test_revoke_needs_csrf(client, make, login_as):
    school, *_ = _world(make)
    login_as(make.user(school, "coordinator"))
    path = _create(client, "/n/kultura/calendar/")
    assert client.post("/n/kultura/calendar/feed/revoke").status_code == 400
    assert client.get(path).status_code == 200


def test_feed_dies_with_a_deactivated_user(client, make, login_as, read):
    school, *_ = _world(make)
    user = make.user(school, "teacher")
    login_as(user)
    path = _create(client, "/n/kultura/calendar/")
    institution_path = _create(client, "/i/s31/calendar/")
    with read():
        db.session.scalar(select(User).where(User.id == user.id)).is_enabled = False
        db.session.commit()
    anonymous = client.application.test_client()
    assert anonymous.get(path).status_code == 404
    assert anonymous.get(institution_path).status_code == 404


def test_feed_dies_when_the_institution_leaves_the_network(client, make, login_as, read):
    from tenants.models import Membership
    _school, library, _theatre, network, _plan = _world(make)
    login_as(make.user(library, "coordinator"))
    path = _create(client, "/n/kultura/calendar/")
    assert client.get(path).status_code == 200
    with read():
        membership = db.session.scalar(select(Membership).where(Membership.network_id == network.id,
                                                                Membership.institution_id == library.id))
        db.session.delete(membership)
        db.session.commit()
    assert client.application.test_client().get(path).status_code == 404


def test_feed_of_a_user_who_moved_institution_is_404(client, make, login_as, read):
    school, library, *_ = _world(make)
    user = make.user(library, "coordinator")
    login_as(user)
    path = _create(client, "/i/mibs/calendar/")
    with read():
        db.session.scalar(select(User).where(User.id == user.id)).institution_id = school.id
        db.session.commit()
    assert client.application.test_client().get(path).status_code == 404


def test_external_council_member_has_a_network_feed(client, make, login_as):
    _school, _library, _theatre, network, _plan = _world(make)
    parent = make.user(None, None, full_name="Родитель")
    make.seat(network, parent, "member", represents="Родители")
    login_as(parent)
    path = _create(client, "/n/kultura/calendar/")
    _calendar, events = _events(client.application.test_client().get(path))
    assert "Библиосумерки" in events


def test_htmx_create_swaps_the_feed_panel(client, make, login_as):
    school, *_ = _world(make)
    login_as(make.user(school, "coordinator"))
    response = post_form(client, "/n/kultura/calendar/feed", {}, page_url="/n/kultura/calendar/",
                         headers={"HX-Request": "true", "HX-Target": "feed"})
    page = response.get_data(as_text=True)
    assert page.lstrip().startswith('<section id="feed"') and "/feeds/" in page and "webcal://" in page
