from flask import Blueprint

bp = Blueprint("desk", __name__)

from workspace.desk import views  # noqa: E402,F401
from workspace.desk import history  # noqa: E402,F401  (hub registrations)
