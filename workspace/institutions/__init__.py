from flask import Blueprint

bp = Blueprint("institutions", __name__)

from workspace.institutions import staff_files, views  # noqa: E402,F401
from workspace.institutions import search  # noqa: E402,F401  (hub registrations)
