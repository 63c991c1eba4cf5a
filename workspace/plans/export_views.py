"""The plan's printed shapes as downloads: the whole plan or one partner's section, as .xlsx and .docx."""
from __future__ import annotations

from flask import Response
from flask_login import login_required

from workspace.core.dates import ru_date
from workspace.core.documents import DOCX_MIMETYPE
from workspace.core.excel import xlsx_response
from workspace.core.uploads import content_disposition
from workspace.council.approval import approval_history, approved_protocol
from workspace.plans import bp
from workspace.plans.exports import export_filename, plan_document, plan_heading, plan_workbook
from workspace.plans.models import PlanStatus
from workspace.plans.queries import get_plan_or_404, get_section_or_404, sections_with_items


def _protocol(kind: str, subject_id: int) -> tuple[str, str] | None:
    protocol = approved_protocol(approval_history(kind, subject_id))
    return (str(protocol[0]), ru_date(protocol[1])) if protocol else None


def _what(plan_id: int, section_id: int | None):
    """(plan, [(section, items)], the section or None, the approval (number, date) or None)."""
    plan = get_plan_or_404(plan_id)
    sections = sections_with_items(plan)
    section = None
    approval = _protocol("plan", plan.id) if plan.status == PlanStatus.APPROVED else None
    if section_id is not None:
        section = get_section_or_404(plan, section_id)
        sections = [(each, items) for each, items in sections if each.id == section.id]
        if section.status == PlanStatus.APPROVED:
            approval = _protocol("plan_section", section.id) or approval
    return plan, sections, section, approval


def _docx_response(content: bytes, filename: str) -> Response:
    response = Response(content, mimetype=DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = content_disposition(filename)
    return response


@bp.get("/<int:plan_id>/export.docx")
@login_required
def export_plan_docx(plan_id: int):
    plan, sections, _section, approval = _what(plan_id, None)
    return _docx_response(plan_document(plan, sections, plan_heading(plan, None, approval)),
                          export_filename(plan, "docx"))


@bp.get("/<int:plan_id>/sections/<int:section_id>/export.xlsx")
@login_required
def export_section(plan_id: int, section_id: int):
    plan, sections, section, approval = _what(plan_id, section_id)
    return xlsx_response(plan_workbook(plan, sections, approval=approval, section=section),
                         export_filename(plan, "xlsx", section))


@bp.get("/<int:plan_id>/sections/<int:section_id>/export.docx")
@login_required
def export_section_docx(plan_id: int, section_id: int):
    plan, sections, section, approval = _what(plan_id, section_id)
    return _docx_response(plan_document(plan, sections, plan_heading(plan, section, approval)),
                          export_filename(plan, "docx", section))
