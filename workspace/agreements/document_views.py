"""The agreement as a document: printable page, .docx, the signed scan; and what it covers (links)."""
from __future__ import annotations

from flask import Response, flash, g, redirect, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from workspace.agreements import bp
from workspace.agreements.access import (
    WRITE,
    agreement_or_404,
    editable_agreement_or_404,
    editable_link_or_404,
    removable_scan_or_404,
)
from workspace.agreements.exports import DOCX_MIMETYPE, agreement_docx, docx_filename
from workspace.agreements.forms import LinkForm, ScanForm
from workspace.agreements.links import link_choices, parse_target
from workspace.agreements.models import AgreementFile, AgreementLink
from workspace.agreements.queries import files_of, get_agreement_or_404, get_file_or_404
from workspace.agreements.views import page_context
from workspace.core.i18n import gettext as _
from workspace.core.rendering import confirm_page, render
from workspace.core.stored_files import accept_file, send_stored_file
from workspace.core.uploads import content_disposition
from workspace.core.words import plural
from workspace.extensions import db

MAX_FILES = 5


def _back(agreement_id: int, anchor: str = ""):
    return redirect(url_for("agreements.show_agreement", agreement_id=agreement_id, _anchor=anchor or None))


@bp.get("/<int:agreement_id>/print")
@login_required
def print_agreement(agreement_id: int):
    loaded = get_agreement_or_404(agreement_id)
    return render("agreements/print.html", network=g.network, **page_context(loaded))


@bp.get("/<int:agreement_id>/agreement.docx")
@login_required
def export_agreement(agreement_id: int):
    loaded = get_agreement_or_404(agreement_id)
    context = page_context(loaded)
    response = Response(agreement_docx(context, g.network), mimetype=DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = content_disposition(docx_filename(loaded.agreement))
    return response


@bp.post("/<int:agreement_id>/files")
@login_required
def add_scan(agreement_id: int):
    """The signed scan: the parties' admins and coordinators attach it at any stage."""
    loaded = agreement_or_404(agreement_id, WRITE)
    form = ScanForm()
    file_noun = _("файл")
    if form.validate_on_submit() and (accepted := accept_file(
            form.file, stored=len(files_of(agreement_id)), limit=MAX_FILES,
            too_many=_("К договору можно приложить не больше %(files)s.", files=plural(MAX_FILES, file_noun, case="gent")))):
        db.session.add(AgreementFile.from_upload(accepted, network_id=g.network.id, agreement_id=agreement_id,
                                                 author_id=current_user.id))
        flash(_("Скан приложен к договору."), "success")
        return _back(agreement_id, "files")
    return render("agreements/page.html", status=422, **page_context(loaded, scan_form=form))


@bp.get("/<int:agreement_id>/files/<int:scan_id>")
@login_required
def download_scan(agreement_id: int, scan_id: int):
    loaded = get_agreement_or_404(agreement_id)
    stored = get_file_or_404(loaded, scan_id)
    return send_stored_file(stored)


@bp.get("/<int:agreement_id>/files/<int:scan_id>/delete")
@login_required
def confirm_delete_scan(agreement_id: int, scan_id: int):
    _loaded, stored = removable_scan_or_404(agreement_id, scan_id)
    return confirm_page(heading=_("Удалить файл?"), question=stored.filename,
                        action=url_for("agreements.delete_scan", agreement_id=agreement_id, scan_id=stored.id),
                        confirm_label=_("Удалить"),
                        cancel_url=url_for("agreements.show_agreement", agreement_id=agreement_id))


@bp.post("/<int:agreement_id>/files/<int:scan_id>/delete")
@login_required
def delete_scan(agreement_id: int, scan_id: int):
    _loaded, stored = removable_scan_or_404(agreement_id, scan_id)
    db.session.delete(stored)
    flash(_("Файл удалён."), "success")
    return _back(agreement_id, "files")


@bp.post("/<int:agreement_id>/links")
@login_required
def add_link(agreement_id: int):
    loaded = editable_agreement_or_404(agreement_id)
    form = LinkForm(link_choices())
    if not form.validate_on_submit():
        return render("agreements/page.html", status=422, **page_context(loaded, link_form=form))
    kind, target_id = parse_target(form.target.data)
    exists = db.session.scalar(select(AgreementLink.id).where(
        AgreementLink.agreement_id == agreement_id, AgreementLink.target_kind == kind,
        AgreementLink.target_id == target_id))
    if exists is None:
        db.session.add(AgreementLink(network_id=g.network.id, agreement_id=agreement_id, target_kind=kind,
                                     target_id=target_id))
    flash(_("Связь добавлена."), "success")
    return _back(agreement_id, "links")


@bp.get("/<int:agreement_id>/links/<int:link_id>/delete")
@login_required
def confirm_delete_link(agreement_id: int, link_id: int):
    editable_link_or_404(agreement_id, link_id)
    return confirm_page(heading=_("Убрать связь?"), question=_("Договор перестанет ссылаться на этот раздел плана, проект или программу."),
                        action=url_for("agreements.delete_link", agreement_id=agreement_id, link_id=link_id),
                        confirm_label=_("Убрать"),
                        cancel_url=url_for("agreements.show_agreement", agreement_id=agreement_id))


@bp.post("/<int:agreement_id>/links/<int:link_id>/delete")
@login_required
def delete_link(agreement_id: int, link_id: int):
    _loaded, link = editable_link_or_404(agreement_id, link_id)
    db.session.delete(link)
    flash(_("Связь убрана."), "success")
    return _back(agreement_id, "links")
