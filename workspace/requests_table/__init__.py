"""The request table (таблица запросов): what member institutions need and offer, suggested matches,
conversations between the two sides and, once both agree, a plan item."""
from flask import Blueprint

bp = Blueprint("requests_table", __name__)

from workspace.requests_table import conversation_views, views  # noqa: E402,F401
from workspace.requests_table import history, search  # noqa: E402,F401  (hub registrations)
