"""The passport of the network's programme (паспорт программы): edited by the base institution, approved by the
council, printed and downloaded as .docx in the shape the programmes use."""
from flask import Blueprint

bp = Blueprint("passport", __name__)

from workspace.passport import approval, export_views, stage_views, views  # noqa: E402,F401
from workspace.passport import history, search  # noqa: E402,F401  (hub registrations)
