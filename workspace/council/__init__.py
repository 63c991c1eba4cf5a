from flask import Blueprint

bp = Blueprint("council", __name__)

from workspace.council import views  # noqa: E402,F401
