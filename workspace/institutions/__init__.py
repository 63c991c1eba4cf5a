from flask import Blueprint

bp = Blueprint("institutions", __name__)

from workspace.institutions import search, staff_files, views  # noqa: E402,F401
