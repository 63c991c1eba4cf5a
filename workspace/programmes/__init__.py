"""Network programmes, groups, schedule and the enrollment flow."""
from flask import Blueprint

bp = Blueprint("programmes", __name__)
school_bp = Blueprint("school_programmes", __name__)
public_bp = Blueprint("public_programmes", __name__)

from workspace.programmes import chronicle, monitoring, public_views, school_views, search, views  # noqa: E402,F401
