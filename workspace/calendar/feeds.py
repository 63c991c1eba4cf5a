"""iCalendar feeds: a secret link per user and network (or institution), no log-in.

The token in the URL is the credential; only its SHA-256 is stored. The feed view runs without a
logged-in user, so it enters the tenant scope of the feed's owner (tenants.entry.enter_feed) after
checking that the owner is still active; access is checked exactly as the URL resolution checks it for a page.
Unknown, revoked and orphaned tokens all answer the same 404.
"""
from __future__ import annotations

import secrets
from datetime import timedelta

from flask import abort, make_response
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from sqlalchemy import select, update

from tenants.entry import enter_feed
from workspace.accounts.models import User, hash_token
from workspace.calendar import bp
from workspace.calendar.models import CalendarFeed
from workspace.calendar.queries import Event, dated_events
from workspace.core.i18n import gettext as _
from workspace.core.links import public_url
from workspace.core.models import utcnow
from workspace.extensions import db

UID_DOMAIN = "partner-workspace"


def active_feed(user_id: int, *, network_id: int | None = None, institution_id: int | None = None):
    """The user's live feed link for a network or an institution (keyed by the user: no scope needed)."""
    return db.session.scalar(select(CalendarFeed).where(
        CalendarFeed.user_id == user_id, CalendarFeed.revoked_at.is_(None),
        CalendarFeed.network_id.is_(None) if network_id is None else CalendarFeed.network_id == network_id,
        CalendarFeed.institution_id.is_(None) if institution_id is None
        else CalendarFeed.institution_id == institution_id,
    ).order_by(CalendarFeed.id.desc()).limit(1))


def revoke_feeds(user_id: int, *, network_id: int | None = None, institution_id: int | None = None) -> int:
    """Revoke the user's live links for a network or an institution; the number revoked."""
    owner = (CalendarFeed.network_id == network_id) if network_id is not None \
        else (CalendarFeed.institution_id == institution_id)
    result = db.session.execute(update(CalendarFeed).where(
        CalendarFeed.user_id == user_id, CalendarFeed.revoked_at.is_(None), owner).values(revoked_at=utcnow()))
    return result.rowcount


def create_feed(user_id: int, *, network_id: int | None = None, institution_id: int | None = None) -> str:
    """A new link (the previous one stops working); returns the raw token, shown once."""
    revoke_feeds(user_id, network_id=network_id, institution_id=institution_id)
    token = secrets.token_urlsafe(32)
    db.session.add(CalendarFeed(user_id=user_id, network_id=network_id, institution_id=institution_id,
                                token_hash=hash_token(token)))
    db.session.flush()
    return token


def feed_url(token: str) -> str:
    return public_url("calendar.show_feed", feed_token=token)


def _enter_feed_owner(feed: CalendarFeed) -> str:
    """Check the owner's access as a page request would and set the scope; the calendar's name."""
    user = db.session.scalar(select(User).where(User.id == feed.user_id))
    if user is None or not user.is_active or user.is_operator:
        abort(404)
    if feed.network_id is not None:
        network = enter_feed(user, network_id=feed.network_id)
        if network is None:
            abort(404)
        return network.name
    institution = enter_feed(user, institution_id=feed.institution_id)
    if institution is None:
        abort(404)
    return institution.short_name


def _description(event: Event) -> str:
    lines = []
    if event.audience:
        lines.append(_("Участники: %(audience)s", audience=event.audience))
    if event.responsible:
        lines.append(_("Ответственные: %(responsible)s", responsible=event.responsible))
    if event.timing:
        lines.append(_("Сроки по плану: %(timing)s", timing=event.timing))
    if event.partner_name:
        lines.append(_("Партнёр: %(partner)s", partner=event.partner_name))
    lines.append(_("Сеть: %(network)s", network=event.network_name))
    return "\n".join(lines)


def _entry(event: Event, stamp, starts_on, ends_on, number: int | None) -> CalendarEvent:
    """One VEVENT: the item, or the ``number``-th period of an item of several («октябрь, март»: October and
    March, not the months between), each with its own UID."""
    entry = CalendarEvent()
    suffix = f"-{number}" if number is not None else ""
    entry.add("uid", f"plan-item-{event.id}{suffix}@{UID_DOMAIN}")
    entry.add("dtstamp", stamp)
    entry.add("dtstart", starts_on)
    entry.add("dtend", ends_on + timedelta(days=1))  # all-day: DTEND is exclusive
    entry.add("summary", event.title)
    entry.add("description", _description(event))
    entry.add("url", public_url("plans.show_item", network=event.network_slug, plan_id=event.plan_id,
                                item_id=event.id))
    entry.add("transp", "TRANSPARENT")
    if event.is_cancelled:
        entry.add("status", "CANCELLED")
    return entry


def build_calendar(name: str, events: list[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Partner workspace//Network calendar//RU")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Мероприятия: %(name)s", name=name))
    stamp = utcnow().replace(microsecond=0)
    for event in events:
        periods = event.all_periods
        for number, (starts_on, ends_on) in enumerate(periods, start=1):
            calendar.add_component(_entry(event, stamp, starts_on, ends_on, number if len(periods) > 1 else None))
    return calendar.to_ical()


@bp.get("/feeds/<feed_token>.ics")
def show_feed(feed_token: str):
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == hash_token(feed_token),
                                                        CalendarFeed.revoked_at.is_(None)))
    if feed is None:
        abort(404)
    name = _enter_feed_owner(feed)
    response = make_response(build_calendar(name, dated_events()))
    response.mimetype = "text/calendar"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response
