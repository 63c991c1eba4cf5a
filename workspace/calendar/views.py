"""Calendar pages: a network's calendar, an institution's calendar across its networks,
and the user's personal feed link on each (create, replace, revoke)."""
from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from babel.dates import format_date as format_date_in
from flask import flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required

from tenants.queries import member_institutions
from workspace.calendar import bp
from workspace.calendar.feeds import active_feed, create_feed, feed_url, revoke_feeds
from workspace.calendar.queries import (
    CalendarFilters,
    Event,
    MonthEvents,
    count_dated_events,
    events_of_year,
    month_events,
    networks_by_id,
    unread_events,
)
from workspace.core.dates import AcademicYear, local_today
from workspace.core.i18n import gettext as _
from workspace.core.pagination import Page
from workspace.core.rendering import confirm_page, render

GRADES = range(1, 12)
DAY_SHOWN = 3         # events written into a day of the month grid; the rest are «ещё N» (that day's list)
LONG_SHOWN = 10       # long events listed above the grid
UNREAD_SHOWN = 20     # items whose timing was not read
LIST_PAGE = 100       # events per page of the list view
PARTIALS = {"calendar": "calendar/_calendar.html", "feed": "calendar/_feed.html"}


@lru_cache(maxsize=4096)
def _formatted(day: date, pattern: str, locale: str) -> str:
    """A date in the user's language, remembered: Babel takes ~20 µs a call, and a month's grid and agenda
    draw up to 45 such headings."""
    return format_date_in(day, pattern, locale=locale)


@bp.app_template_filter("weekday_short")
def weekday_short(day: date) -> str:
    return _formatted(day, "EEE", str(get_locale()))


@bp.app_template_filter("weekday_long")
def weekday_long(day: date) -> str:
    return _formatted(day, "EEEE", str(get_locale()))


@bp.app_template_filter("day_heading")
def day_heading(day: date) -> str:
    """«22 ноября, вс» in Russian, «November 22, Sun» in English."""
    return _formatted(day, "d MMMM, EEE", str(get_locale()))


@dataclass
class Day:
    on: date
    in_month: bool
    is_today: bool
    shown: list[Event] = field(default_factory=list)  # the first DAY_SHOWN events of the day
    more: int = 0                                       # how many more («ещё N»: that day's list)


def _int_arg(name: str, allowed) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and int(value) in allowed else None


def _month_arg(today: date) -> date:
    value = request.args.get("month", "")
    try:
        year, month = (int(part) for part in value.split("-"))
        if 2000 <= year <= 2100:
            return date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def _month_window(first: date) -> tuple[date, date]:
    return first, first.replace(day=month_calendar.monthrange(first.year, first.month)[1])


def _shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _weeks(first: date, today: date, month: MonthEvents) -> list[list[Day]]:
    weeks = []
    for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append([Day(day, True, day == today, month.days.get(day, []),
                          month.day_totals.get(day, 0) - len(month.days.get(day, [])))
                      if day.month == first.month else Day(day, False, day == today) for day in week])
    return weeks


def _agenda(month: MonthEvents) -> list[tuple[date, list[Event], int]]:
    """The compact month for a phone: each event once, on its first day inside the month; a busy day shows
    its first events and how many more there are."""
    return [(day, day_events, month.agenda_totals[day] - len(day_events)) for day, day_events in month.agenda.items()]


def _day_arg(year: AcademicYear) -> date | None:
    """?day=YYYY-MM-DD: the list view of one day (the «ещё N» of a busy day); a day outside the year is ignored."""
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        return None
    return day if year.starts_on <= day <= year.ends_on else None


def _event_urls():
    """An event's address, built from one prefix per plan (url_for per event costs a busy month dearly)."""
    prefixes: dict[tuple[str, int], str] = {}

    def event_url(event: Event) -> str:
        key = (event.network_slug, event.plan_id)
        if key not in prefixes:
            prefixes[key] = url_for("plans.show_plan", network=event.network_slug, plan_id=event.plan_id) + "/items/"
        return f"{prefixes[key]}{event.id}"
    return event_url


def _by_month(events: list[Event]) -> list[tuple[date, list[Event]]]:
    groups: dict[date, list[Event]] = {}
    for event in events:
        groups.setdefault(event.starts_on.replace(day=1), []).append(event)
    return list(groups.items())


def _calendar_context(endpoint: str, network_ids: list[int], *, with_network_filter: bool) -> dict:
    today = local_today()
    view = "list" if request.args.get("view") == "list" else "month"
    month = _month_arg(today)
    year = AcademicYear.containing(month)
    networks = networks_by_id(network_ids) if with_network_filter else []
    network_id = _int_arg("net", {network_id for network_id, _slug, _name in networks}) if networks else None
    partners = member_institutions([network_id] if network_id else network_ids)
    filters = CalendarFilters(partner_id=_int_arg("partner", {pid for pid, _name in partners}),
                              grade=_int_arg("grade", GRADES), network_id=network_id)
    day = _day_arg(year) if view == "list" else None
    list_page = None
    if view == "month":
        dated = []  # the month reads only what its grid shows: month_events below
    elif day:
        dated = events_of_year(year.start_year, filters, (day, day))
    else:
        list_page = Page(items=[], number=max(1, request.args.get("page", 1, type=int) or 1), size=LIST_PAGE,
                         total=count_dated_events(year.start_year, filters))
        list_page.number = min(list_page.number, list_page.pages)
        dated = events_of_year(year.start_year, filters, limit=LIST_PAGE,
                               offset=(list_page.number - 1) * LIST_PAGE)
    query = {key: value for key, value in (("partner", filters.partner_id), ("grade", filters.grade),
                                            ("net", filters.network_id)) if value is not None}

    def link(**changes) -> str:
        values = {"view": view, "month": month.strftime("%Y-%m"), **query, **changes}
        if values["view"] == "month":
            values.pop("view")
        return url_for(endpoint, **values)

    day_list_marker = "0000-00-00"
    day_list = link(view="list", day=day_list_marker)

    def day_list_url(on: date) -> str:
        """The list of one day (a busy day's «ещё N»): one url_for for the whole month."""
        return day_list.replace(day_list_marker, on.isoformat())

    context = {
        "endpoint": endpoint, "view": view, "month": month, "year": year, "today": today,
        "filters": filters, "partners": partners, "networks": networks, "grades": GRADES,
        "link": link, "is_filtered": bool(query),
        "event_url": _event_urls(), "day_list_url": day_list_url, "day": day, "list_page": list_page,
        "previous_month": _shift_month(month, -1), "next_month": _shift_month(month, 1),
        "this_month": today.replace(day=1),
    }
    if view == "month":
        shown = month_events(year.start_year, filters, *_month_window(month), day_shown=DAY_SHOWN,
                             long_shown=LONG_SHOWN, unread_shown=UNREAD_SHOWN)
        unread, unread_total = shown.unread, shown.unread_total  # read with the month: one statement
        context.update(long_events=shown.long_events, long_more=shown.long_total - len(shown.long_events),
                       weeks=_weeks(month, today, shown), agenda=_agenda(shown), month_has_events=shown.has_events)
    else:
        unread, unread_total = unread_events(year.start_year, filters, UNREAD_SHOWN)
        context.update(groups=_by_month(dated),
                       previous_year=AcademicYear(year.start_year - 1).starts_on,
                       next_year=AcademicYear(year.start_year + 1).starts_on)
    context.update(unread=unread, unread_more=unread_total - len(unread))
    return context


def _feed_context(*, network_id: int | None = None, institution_id: int | None = None,
                  new_token: str | None = None) -> dict:
    feed = active_feed(current_user.id, network_id=network_id, institution_id=institution_id)
    return {"feed": feed, "new_feed_url": feed_url(new_token) if new_token else None}


# A network's calendar ------------------------------------------------------------------------

@bp.get("/n/<network>/calendar/")
@login_required
def network_calendar(new_token: str | None = None):
    return render("calendar/page.html", partials=PARTIALS, owner_name=g.network.name, scope="network",
                  **_calendar_context("calendar.network_calendar", [g.network.id], with_network_filter=False),
                  **_feed_context(network_id=g.network.id, new_token=new_token))


def _confirm_revoke(revoke_endpoint: str, calendar_endpoint: str):
    return confirm_page(
        heading=_("Отключить ссылку на календарь?"),
        question=_("Календарь на телефоне перестанет обновляться. Новую ссылку можно создать в любой момент."),
        action=url_for(revoke_endpoint), confirm_label=_("Отключить"), cancel_url=url_for(calendar_endpoint))


@bp.post("/n/<network>/calendar/feed")
@login_required
def create_network_feed():
    return network_calendar(new_token=create_feed(current_user.id, network_id=g.network.id))


@bp.get("/n/<network>/calendar/feed/revoke")
@login_required
def confirm_revoke_network_feed():
    return _confirm_revoke("calendar.revoke_network_feed", "calendar.network_calendar")


@bp.post("/n/<network>/calendar/feed/revoke")
@login_required
def revoke_network_feed():
    if revoke_feeds(current_user.id, network_id=g.network.id):
        flash(_("Ссылка на календарь отключена."), "success")
    return redirect(url_for("calendar.network_calendar"))


# An institution's calendar: every network it belongs to -----------------------------------------

@bp.get("/i/<institution>/calendar/")
@login_required
def institution_calendar(new_token: str | None = None):
    return render("calendar/page.html", partials=PARTIALS, owner_name=g.institution.short_name,
                  scope="institution",
                  **_calendar_context("calendar.institution_calendar", g.network_ids, with_network_filter=True),
                  **_feed_context(institution_id=g.institution.id, new_token=new_token))


@bp.post("/i/<institution>/calendar/feed")
@login_required
def create_institution_feed():
    return institution_calendar(new_token=create_feed(current_user.id, institution_id=g.institution.id))


@bp.get("/i/<institution>/calendar/feed/revoke")
@login_required
def confirm_revoke_institution_feed():
    return _confirm_revoke("calendar.revoke_institution_feed", "calendar.institution_calendar")


@bp.post("/i/<institution>/calendar/feed/revoke")
@login_required
def revoke_institution_feed():
    if revoke_feeds(current_user.id, institution_id=g.institution.id):
        flash(_("Ссылка на календарь отключена."), "success")
    return redirect(url_for("calendar.institution_calendar"))
