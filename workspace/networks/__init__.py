from flask import Blueprint

bp = Blueprint("networks", __name__)

from workspace.networks import views  # noqa: E402,F401
