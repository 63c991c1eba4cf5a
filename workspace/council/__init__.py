from flask import Blueprint

bp = Blueprint("council", __name__)

from workspace.council import approval_views, chronicle, meeting_views, monitoring, search, views  # noqa: E402,F401
