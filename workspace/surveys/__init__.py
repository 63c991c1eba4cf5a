"""Surveys of parents and pupils (анкетирование): a builder, a public link that collects anonymous
answers once per respondent, results as charts; the satisfaction score feeds the monitoring."""
from flask import Blueprint

bp = Blueprint("surveys", __name__)

from workspace.surveys import public, views  # noqa: E402,F401
from workspace.surveys import history, monitoring  # noqa: E402,F401  (hub registrations)
