from flask import Blueprint

bp = Blueprint("institutions", __name__)

from workspace.institutions import views  # noqa: E402,F401
