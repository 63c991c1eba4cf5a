"""A programme's forms and dates of intermediate and final attestation: listed on the programme page, added and
deleted there by the provider's managers. Pupils' results are entered in the journal (``journal.attestation``)."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from workspace.core.access import require
from workspace.core.i18n import gettext as _
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.programmes import bp
from workspace.programmes.access import editable_programme_or_404
from workspace.programmes.forms import AttestationEditForm
from workspace.programmes.models import Attestation, AttestationForm, AttestationKind
from workspace.programmes.queries import get_programme_or_404, is_provider_manager
from workspace.programmes.views import _page_context


@bp.post("/<int:programme_id>/attestations")
@login_required
def add_attestation(programme_id: int):
    programme = editable_programme_or_404(programme_id)
    form = AttestationEditForm(prefix="att")
    if not form.validate_on_submit():
        return render("programmes/page.html", status=422, **_page_context(programme, attestation_form=form))
    db.session.add(Attestation(network_id=programme.network_id, programme_id=programme.id,
                               kind=AttestationKind(form.kind.data), form=AttestationForm(form.form.data),
                               title=form.title.data or "", held_on=form.held_on.data))
    flash(_("Аттестация добавлена. Её результаты вносятся в журнале групп."), "success")
    return redirect(url_for("programmes.show_programme", programme_id=programme.id, _anchor="attestations"))


@bp.route("/<int:programme_id>/attestations/<int:attestation_id>/delete", methods=["GET", "POST"])
@login_required
def delete_attestation(programme_id: int, attestation_id: int):
    programme = get_programme_or_404(programme_id)
    attestation = db.first_or_404(select(Attestation).where(Attestation.id == attestation_id,
                                                            Attestation.programme_id == programme.id))
    require(is_provider_manager(programme))  # loaded through its programme first: a foreign one is 404
    back = url_for("programmes.show_programme", programme_id=programme.id, _anchor="attestations")
    if request.method == "GET":
        return confirm_page(heading=_("Удалить аттестацию?"),
                            question=_("Аттестация %(date)s будет удалена вместе с результатами обучающихся.",
                                       date=f"{attestation.held_on:%d.%m.%Y}"),
                            action=request.path, confirm_label=_("Удалить"), cancel_url=back)
    db.session.delete(attestation)
    flash(_("Аттестация удалена."), "success")
    return redirect(back)
