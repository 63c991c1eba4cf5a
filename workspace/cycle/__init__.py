"""The end of the cycle (аналитическая справка о реализации программы за учебный год — или за этап паспорта
программы): per partner the events planned and held, participants by category, agreements, indicators against
targets — computed from the data, never typed — with the base's written conclusion and decision for next year;
approved by the council; next year's plan copy starts from an approved year's analysis (plans/copying.py)."""
from flask import Blueprint

bp = Blueprint("cycle", __name__)

from workspace.cycle import approval, export_views, views  # noqa: E402,F401
from workspace.cycle import history  # noqa: E402,F401  (hub registrations)
