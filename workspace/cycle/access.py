"""Access to the analyses: loaded through the network (404 for a foreign or missing one), the right checked (403
for a member who lacks it) and the lock (403 with the reason). Every member of the network and every seat of its
council reads them (the scoped loads of ``queries.py``); the base institution's admins and coordinators prepare."""
from __future__ import annotations

from flask import g

from tenants.permissions import is_base_manager
from workspace.core.access import require
from workspace.cycle.approval import is_editable, require_editable
from workspace.cycle.models import AnalysisPartner, YearlyAnalysis
from workspace.cycle.queries import get_analysis_or_404, get_line_or_404


def may_prepare() -> bool:
    return is_base_manager(g.network)


def may_edit(analysis: YearlyAnalysis) -> bool:
    return may_prepare() and is_editable(analysis)


def editable_analysis_or_404(analysis_id: int) -> YearlyAnalysis:
    analysis = get_analysis_or_404(analysis_id)
    require(may_prepare())
    require_editable(analysis)
    return analysis


def editable_line_or_404(analysis_id: int, line_id: int) -> tuple[YearlyAnalysis, AnalysisPartner]:
    analysis = get_analysis_or_404(analysis_id)
    line = get_line_or_404(analysis, line_id)
    require(may_prepare())
    require_editable(analysis)
    return analysis, line
