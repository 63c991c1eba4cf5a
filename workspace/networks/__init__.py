from flask import Blueprint

bp = Blueprint("networks", __name__)
# an institution's networks: the list, a new network, the answers to invitations (under /i/<institution>/networks)
institution_bp = Blueprint("my_networks", __name__)
# the letter's link of a new institution's head: registering the institution invited by e-mail (no login)
join_bp = Blueprint("network_join", __name__)

from workspace.networks.interaction import partner_kind_label, partner_name  # noqa: E402

bp.add_app_template_filter(partner_name, "partner_name")
bp.add_app_template_filter(partner_kind_label, "partner_kind")

from workspace.networks.model_rows import model_row_html, model_rows_html  # noqa: E402

bp.add_app_template_global(model_row_html, "model_row")
bp.add_app_template_global(model_rows_html, "model_rows")

from workspace.networks import views  # noqa: E402,F401
from workspace.networks import interaction_views  # noqa: E402,F401
from workspace.networks import partner_views  # noqa: E402,F401
from workspace.networks import institution_views  # noqa: E402,F401
from workspace.networks import join_views  # noqa: E402,F401
from workspace.networks import history  # noqa: E402,F401  (hub registration)
