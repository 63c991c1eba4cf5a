"""The network calendar (календарь мероприятий): month and list views of the plans' items,
and iCalendar feeds that a phone's calendar app subscribes to with a secret link."""
from flask import Blueprint

bp = Blueprint("calendar", __name__)

from workspace.calendar import feeds, views  # noqa: E402,F401
from workspace.calendar.drawing import day_events, event_items, more_item  # noqa: E402

bp.add_app_template_global(event_items, "calendar_event_items")
bp.add_app_template_global(day_events, "calendar_day_events")
bp.add_app_template_global(more_item, "calendar_more_item")
