"""The end of the cycle (аналитическая справка о реализации программы за учебный год или за этап паспорта): per
partner the year's (the stage's) events
planned and held, participants by category, agreements, indicators against targets — computed from the data, never
typed — with the base's written conclusion and decision for next year; approved by the council; next year's plan
copy starts from it (plans/copying.py)."""
from flask import Blueprint

bp = Blueprint("cycle", __name__)


@bp.context_processor
def _period_words():
    """«за 2025/2026 учебный год» / «за этап «Практический» (…)» in the area's pages."""
    from workspace.cycle.content import period_words
    return {"period_words": period_words}


from workspace.cycle import approval, export_views, views  # noqa: E402,F401
from workspace.cycle import history  # noqa: E402,F401  (hub registrations)
