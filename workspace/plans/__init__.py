"""The network plan of events (сетевой план мероприятий): sections per partner, items, import, export."""
from flask import Blueprint

bp = Blueprint("plans", __name__)

from workspace.plans import export_views, import_views, report_views, views  # noqa: E402,F401
from workspace.plans import chronicle, history, letters, monitoring, search  # noqa: E402,F401  (hub registrations)
from workspace.plans.rows import item_cell_html, item_rows_html  # noqa: E402

bp.add_app_template_global(item_rows_html, "plan_item_rows")
bp.add_app_template_global(item_cell_html, "plan_item_cell")
