"""The common network journal (сетевой электронный журнал): lessons, marks, reports, certificates.

Routes live under two owners: the grid, lessons and certificates of a group under ``/n/<network>/journal``,
a school's half-year report and a provider's certificate register under ``/i/<institution>/journal``."""
from flask import Blueprint

bp = Blueprint("journal", __name__)

from workspace.journal import attestation_views, certificate_views, lesson_views, report_views, views  # noqa: E402,F401
from workspace.journal import history, monitoring  # noqa: E402,F401  (hub registrations)
from workspace.journal.roll import roll_marks_html  # noqa: E402

bp.add_app_template_global(roll_marks_html, "roll_marks")
