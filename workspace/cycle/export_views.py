"""The analysis as a document: the printable page and the .docx, from the same text as the page (content.py)."""
from __future__ import annotations

from flask import Response, g
from flask_login import login_required

from workspace.core.documents import DOCX_MIMETYPE
from workspace.core.i18n import gettext as _
from workspace.core.rendering import render
from workspace.core.uploads import content_disposition
from workspace.core.words import initials
from workspace.council.approval import approval_history, approved_protocol
from workspace.cycle import bp
from workspace.cycle.content import indicator_header, indicator_table, partner_sections, totals_fact
from workspace.cycle.exports import analysis_document, export_filename, title_lines
from workspace.cycle.figures import analysis_figures
from workspace.cycle.models import AnalysisStatus
from workspace.cycle.queries import base_names, get_analysis_or_404, lines_of
from workspace.paperwork.queries import heads_of
from workspace.plans.exports import approval_block


def _document_context(analysis_id: int) -> dict:
    """The analysis, its text, the author (the base institution's full name), the signature of its head and the
    council's protocol once approved (an amendment in progress prints without it)."""
    analysis = get_analysis_or_404(analysis_id)
    protocol = None
    if analysis.status == AnalysisStatus.APPROVED:
        protocol = approved_protocol(approval_history("analysis", analysis.id))
    figures = analysis_figures(analysis)
    full_name, short_name = base_names()
    head = heads_of([g.network.base_institution_id]).get(g.network.base_institution_id)
    signature = ((f"{head.position} {short_name}", initials(head.full_name)) if head
                 else (_("Руководитель %(name)s", name=short_name), "_" * 18))
    return {"analysis": analysis, "sections": partner_sections(lines_of(analysis.id), figures),
            "totals": totals_fact(figures), "indicator_header": indicator_header(),
            "indicator_rows": indicator_table(figures), "author": full_name, "protocol": protocol,
            "title": title_lines(analysis, g.network.name), "signature": signature}


@bp.get("/<int:analysis_id>/print")
@login_required
def print_analysis(analysis_id: int):
    context = _document_context(analysis_id)
    return render("cycle/print.html", approval=approval_block(context["protocol"]), **context)


@bp.get("/<int:analysis_id>/analysis.docx")
@login_required
def export_analysis_docx(analysis_id: int):
    context = _document_context(analysis_id)
    response = Response(analysis_document(context), mimetype=DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = content_disposition(export_filename(context["analysis"]))
    return response
