from flask import Blueprint

bp = Blueprint("council", __name__)

from workspace.council import approval_views, meeting_views, views  # noqa: E402,F401
from workspace.council import chronicle, history, monitoring, search  # noqa: E402,F401  (hub registrations)
