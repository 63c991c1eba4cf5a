"""The network plan of events (сетевой план мероприятий): sections per partner, items, import, export."""
from flask import Blueprint

bp = Blueprint("plans", __name__)

from workspace.plans import import_views, report_views, views  # noqa: E402,F401
