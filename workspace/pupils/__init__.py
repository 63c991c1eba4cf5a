"""Pupils: the home school's registry (обучающиеся) and the pupil page."""
from flask import Blueprint

bp = Blueprint("pupils", __name__)

from workspace.pupils import views  # noqa: E402,F401
