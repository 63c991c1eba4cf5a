"""Cooperation agreements (договоры о сотрудничестве): parties, obligations, signing, the public list."""
from flask import Blueprint

bp = Blueprint("agreements", __name__)
public_bp = Blueprint("public_agreements", __name__)

from workspace.agreements import obligation_views, public_views, views  # noqa: E402,F401
from workspace.agreements import document_views, lifecycle_views  # noqa: E402,F401  (routes after those of views)
from workspace.agreements import chronicle, history, letters, monitoring, search  # noqa: E402,F401  (hub registrations)
