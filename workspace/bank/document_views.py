"""The register of the network's normative documents: kinds, numbers, dates, versions (one current).

Written by the base institution's managers, read by the whole network."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select, update

from workspace.bank import bp
from workspace.bank.access import document_or_404, editable_version_or_404
from workspace.bank.forms import DocumentForm, DocumentVersionForm
from workspace.bank.models import DocumentKind, DocumentVersion, NormativeDocument
from workspace.bank.queries import (
    can_edit_documents,
    documents_with_current,
    get_document_or_404,
    get_version_or_404,
    versions_of,
)
from workspace.core.access import require
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, render
from workspace.core.stored_files import accept_file, send_stored_file
from workspace.core.words import plural
from workspace.extensions import db

MAX_VERSIONS = 30


@bp.route("/documents", methods=["GET", "POST"])
@login_required
def list_documents():
    form = DocumentForm()
    if request.method == "POST":
        require(can_edit_documents())
        if form.validate_on_submit():
            document = NormativeDocument(network_id=g.network.id, kind=DocumentKind(form.kind.data),
                                         number=form.number.data or "", title=form.title.data,
                                         approved_on=form.approved_on.data)
            db.session.add(document)
            db.session.flush()
            flash(_("Документ внесён в реестр. Приложите файл его редакции."), "success")
            return redirect(url_for("bank.show_document", document_id=document.id))
    return render("bank/documents.html", documents=documents_with_current(), form=form,
                  can_edit=can_edit_documents(), status=422 if form.errors else 200)


def _document_context(document: NormativeDocument, form=None, version_form=None) -> dict:
    if form is None:
        form = DocumentForm(obj=document, formdata=None)
        form.kind.data = document.kind.value
        form.version.data = str(document.version)
    return {"document": document, "versions": versions_of(document), "form": form,
            "version_form": version_form or DocumentVersionForm(formdata=None), "can_edit": can_edit_documents()}


@bp.route("/documents/<int:document_id>", methods=["GET", "POST"])
@login_required
def show_document(document_id: int):
    document = document_or_404(document_id, for_edit=request.method != "GET")
    if request.method == "GET":
        return render("bank/document.html", **_document_context(document))
    form = DocumentForm()
    if not form.validate_on_submit():
        return render("bank/document.html", status=422, **_document_context(document, form=form))
    if is_stale(document, form.version.data):
        form.form_errors.append(_("Карточку документа только что изменил другой пользователь. Проверьте её "
                                  "и сохраните ещё раз."))
        form.version.data = str(document.version)
        return render("bank/document.html", status=409, **_document_context(document, form=form))
    document.kind, document.number = DocumentKind(form.kind.data), form.number.data or ""
    document.title, document.approved_on = form.title.data, form.approved_on.data
    flash(_("Карточка документа сохранена."), "success")
    return redirect(url_for("bank.show_document", document_id=document.id))


def _make_current(document: NormativeDocument, version: DocumentVersion) -> None:
    db.session.execute(update(DocumentVersion).where(DocumentVersion.document_id == document.id,
                                                     DocumentVersion.id != version.id)
                       .values(is_current=False).execution_options(synchronize_session=False))
    version.is_current = True
    document.approved_on = version.approved_on


@bp.post("/documents/<int:document_id>/versions")
@login_required
def add_document_version(document_id: int):
    document = document_or_404(document_id, for_edit=True)
    form = DocumentVersionForm()
    version_noun = _("редакция")
    if form.validate_on_submit() and (accepted := accept_file(
            form.file, office=True, stored=(count := len(versions_of(document))), limit=MAX_VERSIONS,
            too_many=_("У документа не может быть больше %(versions)s.",
                                            versions=plural(MAX_VERSIONS, version_noun, case="gent")))):
        version = DocumentVersion.from_upload(accepted, network_id=g.network.id, document_id=document.id,
                                              approved_on=form.approved_on.data, note=form.note.data or "",
                                              author_id=current_user.id, is_current=False)
        db.session.add(version)
        db.session.flush()
        if form.is_current.data or count == 0:
            _make_current(document, version)
        flash(_("Редакция добавлена."), "success")
        return redirect(url_for("bank.show_document", document_id=document.id))
    return render("bank/document.html", status=422, **_document_context(document, version_form=form))


@bp.get("/documents/<int:document_id>/versions/<int:version_id>")
@login_required
def download_document_version(document_id: int, version_id: int):
    version = get_version_or_404(get_document_or_404(document_id), version_id)
    return send_stored_file(version)


@bp.post("/documents/<int:document_id>/versions/<int:version_id>/current")
@login_required
def make_version_current(document_id: int, version_id: int):
    document, version = editable_version_or_404(document_id, version_id)
    _make_current(document, version)
    flash(_("Редакция от %(date)s отмечена как действующая.", date=version.approved_on.strftime("%d.%m.%Y")),
          "success")
    return redirect(url_for("bank.show_document", document_id=document.id))


@bp.route("/documents/<int:document_id>/versions/<int:version_id>/delete", methods=["GET", "POST"])
@login_required
def delete_document_version(document_id: int, version_id: int):
    document, version = editable_version_or_404(document_id, version_id)
    if request.method == "GET":
        return confirm_page(heading=_("Удалить редакцию документа?"),
                            question=f"{document.title}: {version.filename}",
                            action=url_for("bank.delete_document_version", document_id=document.id,
                                           version_id=version.id),
                            confirm_label=_("Удалить"), cancel_url=url_for("bank.show_document",
                                                                           document_id=document.id))
    was_current = version.is_current
    db.session.delete(version)
    db.session.flush()
    if was_current:
        newest = db.session.scalar(select(DocumentVersion).where(DocumentVersion.document_id == document.id)
                                   .order_by(DocumentVersion.approved_on.desc(), DocumentVersion.id.desc()).limit(1))
        if newest is not None:
            _make_current(document, newest)
    flash(_("Редакция удалена."), "success")
    return redirect(url_for("bank.show_document", document_id=document.id))


@bp.route("/documents/<int:document_id>/delete", methods=["GET", "POST"])
@login_required
def delete_document(document_id: int):
    document = document_or_404(document_id, for_edit=True)
    if request.method == "GET":
        return confirm_page(heading=_("Удалить документ из реестра?"), question=document.title,
                            action=url_for("bank.delete_document", document_id=document.id),
                            confirm_label=_("Удалить"), cancel_url=url_for("bank.show_document",
                                                                           document_id=document.id))
    db.session.delete(document)
    flash(_("Документ удалён из реестра."), "success")
    return redirect(url_for("bank.list_documents"))
