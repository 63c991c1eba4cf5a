"""Calendar pages: a network's calendar, an institution's calendar across its networks,
and the user's personal feed link on each (create, replace, revoke)."""
from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date

from flask import flash, g, redirect, request, url_for
from flask_babel import format_date, gettext as _
from flask_login import current_user, login_required

from workspace.calendar import bp
from workspace.calendar.feeds import active_feed, create_feed, feed_url, revoke_feeds
from workspace.calendar.queries import CalendarFilters, Event, events_of_year, member_institutions, networks_by_id
from workspace.core.dates import AcademicYear
from workspace.core.rendering import confirm_page, render

GRADES = range(1, 12)
PARTIALS = {"calendar": "calendar/_calendar.html", "feed": "calendar/_feed.html"}


@bp.app_template_filter("weekday_short")
def weekday_short(day: date) -> str:
    return format_date(day, "EEE")


@bp.app_template_filter("weekday_long")
def weekday_long(day: date) -> str:
    return format_date(day, "EEEE")


@bp.app_template_filter("day_heading")
def day_heading(day: date) -> str:
    """«22 ноября, вс» in Russian, «November 22, Sun» in English."""
    return format_date(day, "d MMMM, EEE")


@dataclass
class Day:
    on: date
    in_month: bool
    is_today: bool
    events: list[Event] = field(default_factory=list)


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


def _weeks(first: date, today: date, events: list[Event]) -> list[list[Day]]:
    weeks = []
    for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        days = []
        for day in week:
            in_month = day.month == first.month
            days.append(Day(day, in_month, day == today,
                            [event for event in events if in_month and event.covers(day)]))
        weeks.append(days)
    return weeks


def _agenda(first: date, events: list[Event]) -> list[tuple[date, list[Event]]]:
    """The compact month for a phone: each event once, on its first day inside the month."""
    by_day: dict[date, list[Event]] = {}
    for event in events:
        by_day.setdefault(max(event.starts_on, first), []).append(event)
    return sorted(by_day.items())


def _by_month(events: list[Event]) -> list[tuple[date, list[Event]]]:
    groups: dict[date, list[Event]] = {}
    for event in events:
        groups.setdefault(event.starts_on.replace(day=1), []).append(event)
    return list(groups.items())


def _calendar_context(endpoint: str, network_ids: list[int], *, with_network_filter: bool) -> dict:
    today = date.today()
    view = "list" if request.args.get("view") == "list" else "month"
    month = _month_arg(today)
    year = AcademicYear.containing(month)
    networks = networks_by_id(network_ids) if with_network_filter else []
    network_id = _int_arg("net", {network_id for network_id, _slug, _name in networks}) if networks else None
    partners = member_institutions([network_id] if network_id else network_ids)
    filters = CalendarFilters(partner_id=_int_arg("partner", {pid for pid, _name in partners}),
                              grade=_int_arg("grade", GRADES), network_id=network_id)
    window = _month_window(month) if view == "month" else None
    events = events_of_year(year.start_year, filters, window)
    unread = [event for event in events if event.starts_on is None]
    dated = [event for event in events if event.starts_on is not None]
    query = {key: value for key, value in (("partner", filters.partner_id), ("grade", filters.grade),
                                            ("net", filters.network_id)) if value is not None}

    def link(**changes) -> str:
        values = {"view": view, "month": month.strftime("%Y-%m"), **query, **changes}
        if values["view"] == "month":
            values.pop("view")
        return url_for(endpoint, **values)

    context = {
        "endpoint": endpoint, "view": view, "month": month, "year": year, "today": today,
        "filters": filters, "partners": partners, "networks": networks, "grades": GRADES,
        "unread": unread, "link": link, "is_filtered": bool(query),
        "previous_month": _shift_month(month, -1), "next_month": _shift_month(month, 1),
        "this_month": today.replace(day=1),
    }
    if view == "month":
        long_events = [event for event in dated if event.is_long]
        short_events = [event for event in dated if not event.is_long]
        context.update(long_events=long_events, weeks=_weeks(month, today, short_events),
                       agenda=_agenda(month, short_events), month_has_events=bool(dated))
    else:
        context.update(groups=_by_month(dated),
                       previous_year=AcademicYear(year.start_year - 1).starts_on,
                       next_year=AcademicYear(year.start_year + 1).starts_on)
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
