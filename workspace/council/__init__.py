from flask import Blueprint

bp = Blueprint("council", __name__)

from workspace.council import approval_views, meeting_views, views  # noqa: E402,F401
