"""The operator console: institutions, networks, their members and each institution's admin."""
from flask import Blueprint, abort
from flask_login import current_user

from workspace.extensions import login_manager

bp = Blueprint("operator", __name__)


@bp.before_request
def _only_the_operator():
    # Not even the existence of the console is shown to other users.
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_operator:
        abort(404)
    return None


from workspace.operator import views  # noqa: E402,F401
from workspace.operator import outbox  # noqa: E402,F401
