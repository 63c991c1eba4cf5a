"""Joint network projects (сетевые проекты): stages, roadmap, resources, indicators, documents, discussion."""
from flask import Blueprint

bp = Blueprint("projects", __name__)

from workspace.projects import approval, detail_views, import_views, stage_views, task_views, views  # noqa: E402,F401
from workspace.projects import chronicle, history, letters, monitoring, search  # noqa: E402,F401  (hub registrations)
from workspace.projects.rows import task_cell_html, task_rows_html  # noqa: E402

bp.add_app_template_global(task_rows_html, "roadmap_rows")
bp.add_app_template_global(task_cell_html, "roadmap_cell")
