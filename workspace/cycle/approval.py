"""The analysis as an approvable object of the council (the kind "analysis"), and the one lock every write view
calls — the flow and semantics of the plan's and the passport's: on approval, approved or rejected it is locked
(403 with the reason); «Внести изменения» takes it back to draft, the approved round stays in the history. Who
prepares, submits and amends it: the base institution's admins and coordinators."""
from __future__ import annotations

from flask import g, url_for
from sqlalchemy import select

from tenants.permissions import is_base_manager
from workspace.core.access import refuse_locked
from workspace.core.i18n import gettext as _
from workspace.council.approval import approvables
from workspace.council.models import ApprovalStatus
from workspace.cycle.content import period_words
from workspace.cycle.figures import drop_snapshot, take_snapshot
from workspace.cycle.models import AnalysisStatus, YearlyAnalysis
from workspace.extensions import db

EDITABLE = (AnalysisStatus.DRAFT, AnalysisStatus.RETURNED)


def _load(analysis_id: int) -> YearlyAnalysis | None:
    return db.session.scalar(select(YearlyAnalysis).where(YearlyAnalysis.id == analysis_id))


def analysis_title(analysis: YearlyAnalysis) -> str:
    if analysis.is_stage:
        return _("Аналитическая справка о реализации программы сетевого взаимодействия %(period)s",
                 period=period_words(analysis))
    return _("Аналитическая справка о реализации программы сетевого взаимодействия за %(year)s учебный год",
             year=analysis.year.label)


def _set_status(analysis: YearlyAnalysis, status: ApprovalStatus) -> None:
    """The analysis's own status; its figures are kept as they are when the council approves it and computed
    afresh once «Внести изменения» takes it back to draft."""
    analysis.status = AnalysisStatus(status.value)
    if status == ApprovalStatus.APPROVED:
        take_snapshot(analysis)
    elif status == ApprovalStatus.DRAFT:
        drop_snapshot(analysis)


approvables.register(
    "analysis",
    load=_load,
    label=analysis_title,
    url=lambda analysis: url_for("cycle.show_analysis", analysis_id=analysis.id),
    status_of=lambda analysis: ApprovalStatus(analysis.status.value),
    on_decision=_set_status,
    can_submit=lambda analysis: is_base_manager(g.network),
)


def is_editable(analysis: YearlyAnalysis) -> bool:
    return analysis.status in EDITABLE


def locked_message(analysis: YearlyAnalysis) -> str | None:
    if analysis.status == AnalysisStatus.SUBMITTED:
        return _("Аналитическая справка на согласовании в координационном совете: изменять её нельзя, пока совет "
                 "не примет решение.")
    if analysis.status == AnalysisStatus.APPROVED:
        return _("Аналитическая справка утверждена координационным советом и закрыта для изменений. Чтобы изменить "
                 "её, нажмите «Внести изменения» на странице справки: она вернётся в черновик, а после правок снова "
                 "пойдёт на утверждение.")
    if analysis.status == AnalysisStatus.REJECTED:
        return _("Аналитическая справка отклонена советом и закрыта для изменений. Чтобы переработать её, нажмите "
                 "«Внести изменения» на странице справки.")
    return None


def require_editable(analysis: YearlyAnalysis) -> None:
    message = locked_message(analysis)
    if message is not None:
        refuse_locked(_("Аналитическая справка закрыта для изменений"), message)
