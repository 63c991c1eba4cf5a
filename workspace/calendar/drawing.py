"""A month's events drawn in Python, one string per list or day.

A busy month shows about 200 events (the grid's days, the phone agenda, the long items, the unread ones): as a
Jinja macro per event that was ~15 µs each plus a gettext call per «ещё N» label, several milliseconds that a
quiet month does not pay. Here the constant texts are translated once per request and a list is one join of
strings; the output is the markup the templates wrote."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from flask_babel import get_translations
from markupsafe import Markup, escape

from workspace.calendar.queries import Event
from workspace.core.cells import period_label, periods_label, short
from workspace.core.dates import ru_date
from workspace.core.labels import label
from workspace.core.rendering import per_request
from workspace.plans.models import ItemStatus

_CANCELLED = ' class="cancelled"'


class _Texts:
    """The constant texts, translated and escaped once per request (named ``gettext`` so that pybabel
    extracts them)."""

    def __init__(self) -> None:
        gettext = get_translations().ugettext
        self.cancelled = str(escape(label(ItemStatus.CANCELLED)))
        self.no_timing = str(escape(gettext("сроки не указаны")))
        self.more = gettext("ещё %(n)d")
        self.more_hint = str(escape(gettext("мероприятий в этот день")))


def _short(text: str, length: int) -> str:
    return str(escape(short(text, length)))


def _event(event: Event, event_url: Callable[[Event], str], in_institution: bool, texts: _Texts) -> str:
    """One event as a link to its row of the plan, with its dates and who it is for."""
    cancelled = event.status == ItemStatus.CANCELLED
    marked = _CANCELLED if cancelled else ""
    line = f'\n<a href="{escape(event_url(event))}"\n  {marked}>{_short(event.title, 120)}</a>'
    if cancelled:
        line += f' <span class="badge muted">{texts.cancelled}</span>'
    if event.periods and (event.starts_on, event.ends_on) not in event.all_periods:
        meta = periods_label(event.all_periods)  # the item (the month's lists): each of its periods
    elif event.periods:
        meta = period_label(event.starts_on, event.ends_on)  # one period of it (the year's list, a day's)
    elif event.starts_on:
        meta = ru_date(event.starts_on)
        if event.ends_on != event.starts_on:
            meta += " — " + ru_date(event.ends_on)
    else:
        meta = str(escape(event.timing)) if event.timing else texts.no_timing
    if event.audience:
        meta += f" · {escape(event.audience)}"
    if event.partner_name:
        meta += f" · {escape(event.partner_name)}"
    if in_institution:
        meta += f" · {escape(event.network_name)}"
    return f'{line}\n\n<span class="event-meta">{meta}\n</span>\n'


def event_items(events: Iterable[Event], event_url: Callable[[Event], str], scope: str) -> Markup:
    """The ``<li>`` of each event of a list (the long items, a day of the agenda, the list view, the unread)."""
    texts, in_institution = per_request(_Texts), scope == "institution"
    return Markup("".join(f"<li>{_event(event, event_url, in_institution, texts)}</li>" for event in events))


def more_item(more: int, url: str) -> Markup:
    """A busy day's «ещё N»: the link to that day's list."""
    texts = per_request(_Texts)
    return Markup(f'<li><a class="more" href="{escape(url)}" hx-target="#calendar" hx-swap="outerHTML">'
                  f'{escape(texts.more % {"n": more})}<span class="visually-hidden"> {texts.more_hint}</span>'
                  f'</a></li>')


def day_events(events: list[Event], more: int, on: date, event_url: Callable[[Event], str],
               day_list_url: Callable[[date], str]) -> Markup:
    """A day of the month grid: its first events by title, and «ещё N» when it has more."""
    items = "".join(
        f'<li><a href="{escape(event_url(event))}"{_CANCELLED if event.status == ItemStatus.CANCELLED else ""}'
        f' title="{escape(event.title)}">{_short(event.title, 60)}</a></li>' for event in events)
    if more:
        items += str(more_item(more, day_list_url(on)))
    return Markup(f'<ul class="day-events">{items}</ul>')
