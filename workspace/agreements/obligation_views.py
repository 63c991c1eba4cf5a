"""Each party's obligations, edited in place with htmx while the agreement is a draft
(every action also works as a plain form and link)."""
from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import func, select

from workspace.agreements import bp
from workspace.agreements.access import editable_obligation_or_404, editable_party_or_404
from workspace.agreements.forms import ObligationForm
from workspace.agreements.models import Obligation
from workspace.agreements.queries import get_agreement_or_404, get_obligation_or_404
from workspace.agreements.views import page_context
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, partial_requested, render
from workspace.extensions import db, htmx


def _to_page(agreement_id: int, anchor: str):
    return redirect(url_for("agreements.show_agreement", agreement_id=agreement_id, _anchor=anchor))


@bp.post("/<int:agreement_id>/parties/<int:party_id>/obligations")
@login_required
def add_obligation(agreement_id: int, party_id: int):
    loaded, party = editable_party_or_404(agreement_id, party_id)
    form = ObligationForm(prefix=f"p{party.id}")
    target = f"party-{party.id}-obligations"
    if not form.validate_on_submit():
        context = page_context(loaded)
        context["new_obligation_forms"][party.id] = form
        return render("agreements/page.html", partials={target: "agreements/_party_obligations.html"},
                      status=422, party=party, **context)
    position = db.session.scalar(select(func.coalesce(func.max(Obligation.position), 0))
                                 .where(Obligation.party_id == party.id)) + 1
    db.session.add(Obligation(network_id=g.network.id, agreement_id=loaded.agreement.id, party_id=party.id,
                              position=position, text=form.text.data, term=form.term.data or ""))
    db.session.flush()
    if partial_requested(target):
        context = page_context(loaded)
        return render("agreements/_party_obligations.html", party=party, **context)
    flash(_("Обязательство добавлено."), "success")
    return _to_page(agreement_id, target)


@bp.route("/<int:agreement_id>/obligations/<int:obligation_id>", methods=["GET", "POST"])
@login_required
def edit_obligation(agreement_id: int, obligation_id: int):
    loaded, obligation = editable_obligation_or_404(agreement_id, obligation_id)
    form = ObligationForm(obj=obligation, prefix=f"o{obligation.id}")
    status = 200
    if form.is_submitted() and not form.validate():
        status = 422
    elif form.is_submitted():
        if is_stale(obligation, form.version.data):
            form.form_errors.append(_("Это обязательство только что изменил другой пользователь: сейчас сохранено "
                                      "«%(text)s». Сохраните ещё раз, если ваш вариант вернее.", text=obligation.text))
            form.version.data = str(obligation.version)
            status = 409
        else:
            obligation.text, obligation.term = form.text.data, form.term.data or ""
            db.session.flush()
            if htmx:
                return render("agreements/_obligation_row.html", obligation=obligation, agreement=loaded.agreement,
                              editable=True)
            flash(_("Обязательство сохранено."), "success")
            return _to_page(agreement_id, f"obligation-{obligation.id}")
    else:
        form.version.data = str(obligation.version)
    return render("agreements/edit_obligation.html",
                  partials={f"obligation-{obligation.id}": "agreements/_obligation_form.html"}, status=status,
                  form=form, obligation=obligation, agreement=loaded.agreement)


@bp.get("/<int:agreement_id>/obligations/<int:obligation_id>/view")
@login_required
def show_obligation(agreement_id: int, obligation_id: int):
    """The row as shown (the «Отмена» of an in-place edit)."""
    loaded = get_agreement_or_404(agreement_id)
    obligation = get_obligation_or_404(loaded, obligation_id)
    if not htmx:
        return _to_page(agreement_id, f"obligation-{obligation.id}")
    return render("agreements/_obligation_row.html", obligation=obligation, agreement=loaded.agreement,
                  editable=loaded.may_write and loaded.is_draft)


@bp.get("/<int:agreement_id>/obligations/<int:obligation_id>/delete")
@login_required
def confirm_delete_obligation(agreement_id: int, obligation_id: int):
    loaded, obligation = editable_obligation_or_404(agreement_id, obligation_id)
    return confirm_page(heading=_("Удалить обязательство?"), question=obligation.text,
                        action=url_for("agreements.delete_obligation", agreement_id=agreement_id,
                                       obligation_id=obligation.id),
                        confirm_label=_("Удалить"),
                        cancel_url=url_for("agreements.show_agreement", agreement_id=agreement_id))


@bp.post("/<int:agreement_id>/obligations/<int:obligation_id>/delete")
@login_required
def delete_obligation(agreement_id: int, obligation_id: int):
    loaded, obligation = editable_obligation_or_404(agreement_id, obligation_id)
    db.session.delete(obligation)
    db.session.flush()
    if htmx:
        return ""  # the row is removed in place (hx-swap="delete")
    flash(_("Обязательство удалено."), "success")
    return _to_page(agreement_id, "obligations")


@bp.post("/<int:agreement_id>/obligations/<int:obligation_id>/move")
@login_required
def move_obligation(agreement_id: int, obligation_id: int):
    """Up or down within its party's list (a plain form: the order is the document's order)."""
    loaded, obligation = editable_obligation_or_404(agreement_id, obligation_id)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    siblings = list(db.session.scalars(select(Obligation).where(Obligation.party_id == obligation.party_id)
                                       .order_by(Obligation.position, Obligation.id)))
    index = next(i for i, sibling in enumerate(siblings) if sibling.id == obligation.id)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.position != position:
                sibling.position = position
    return _to_page(agreement_id, f"obligation-{obligation.id}")
