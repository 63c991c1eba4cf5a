"""Pupils' growth: achievements (recorded by the home school and by providers for their groups), the home school's
flags on a pupil, the individual educational route and the portfolio (a page and a .docx for the parents).

Two blueprints: ``bp`` in the home school (/i/<school>/growth: the school's achievements, a pupil's portfolio and
flags) and ``group_bp`` in a network (/n/<network>/growth/groups/<group>: a provider's achievements of its group)."""
from flask import Blueprint

bp = Blueprint("growth", __name__)
group_bp = Blueprint("group_growth", __name__)

from workspace.growth import group_views, views  # noqa: E402,F401
from workspace.growth import history  # noqa: E402,F401  (hub registrations)
