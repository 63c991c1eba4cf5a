"""Joint network projects (сетевые проекты): stages, roadmap, resources, indicators, documents, discussion."""
from flask import Blueprint

bp = Blueprint("projects", __name__)

from workspace.projects import approval, detail_views, import_views, stage_views, task_views, views  # noqa: E402,F401
