"""The network calendar (календарь мероприятий): month and list views of the plans' items,
and iCalendar feeds that a phone's calendar app subscribes to with a secret link."""
from flask import Blueprint

bp = Blueprint("calendar", __name__)

from workspace.calendar import feeds, views  # noqa: E402,F401
