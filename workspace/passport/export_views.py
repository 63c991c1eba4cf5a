"""The passport as a document: the printable page and the .docx, from the same rows as the page."""
from __future__ import annotations

from flask import Response, g
from flask_login import login_required
from sqlalchemy import select

from tenants.models import Institution
from workspace.core.documents import DOCX_MIMETYPE
from workspace.core.rendering import render
from workspace.core.uploads import content_disposition
from workspace.council.approval import approval_history, approved_protocol
from workspace.extensions import db
from workspace.passport import bp
from workspace.passport.content import passport_rows
from workspace.passport.exports import export_filename, passport_document, title_lines
from workspace.passport.models import PassportStatus
from workspace.passport.queries import get_passport_or_404, grounds_of, stages_of
from workspace.plans.exports import approval_block


def _document_context() -> dict:
    """The passport, its rows, the author (the base institution's full name) and the council's protocol once
    the passport is approved (an amendment in progress prints without it)."""
    passport = get_passport_or_404()
    protocol = None
    if passport.status == PassportStatus.APPROVED:
        protocol = approved_protocol(approval_history("passport", passport.id))
    base = db.session.execute(select(Institution.full_name, Institution.short_name)
                              .where(Institution.id == g.network.base_institution_id)).one()
    return {"passport": passport, "rows": passport_rows(passport, grounds_of(passport.id), stages_of(passport.id)),
            "author": base.full_name or base.short_name, "protocol": protocol}


@bp.get("/print")
@login_required
def print_passport():
    context = _document_context()
    return render("passport/print.html", approval=approval_block(context["protocol"]),
                  title=title_lines(context["passport"]), **context)


@bp.get("/passport.docx")
@login_required
def export_passport_docx():
    context = _document_context()
    response = Response(passport_document(context["author"], context["passport"], context["rows"],
                                          context["protocol"]), mimetype=DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = content_disposition(export_filename())
    return response
