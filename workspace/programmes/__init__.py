"""Network programmes, groups, schedule and the enrollment flow."""
from flask import Blueprint

bp = Blueprint("programmes", __name__)
school_bp = Blueprint("school_programmes", __name__)
public_bp = Blueprint("public_programmes", __name__)

from workspace.programmes import attestation_views, public_views, school_views, views  # noqa: E402,F401
from workspace.programmes import chronicle, history, monitoring, search  # noqa: E402,F401  (hub registrations)
