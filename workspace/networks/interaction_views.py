"""The interaction model's page (модель сетевого взаимодействия): its rows «Социальный партнёр — Формы взаимодействия
— Социальный эффект» with any partner, added, edited in place, moved and deleted; a row's page with its events of
the year and the indicators of its effect; the printable table."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import func, select

from tenants.permissions import can_edit_interaction_model, can_edit_interaction_row
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, partial_requested, render
from workspace.core.words import plural
from workspace.extensions import db
from workspace.networks import bp
from workspace.networks.access import (
    editable_interaction_row_or_404,
    interaction_model_editor,
    interaction_row_or_404,
    removable_interaction_row_or_404,
)
from workspace.networks.exports import model_header, model_rows, model_title
from workspace.networks.forms import InteractionRowForm
from workspace.networks.interaction import (
    effect_indicators,
    items_using_forms,
    linked_item_counts,
    member_choices,
    partner_name,
    row_with_partner,
    row_year,
    rows_of_current_network,
)
from workspace.networks.models import InteractionRow
from workspace.networks.queries import base_institution


def model_context() -> dict:
    """What the model's table needs: the rows, who may change which, how many plan items each has."""
    network = g.network
    rows = rows_of_current_network()
    return {"network": network, "rows": rows,
            "can_edit_model": can_edit_interaction_model(network),
            "editable_rows": {row.id for row in rows if can_edit_interaction_row(network, row)}}


@bp.get("/model/")
@login_required
def show_model():
    context = model_context()
    if context["can_edit_model"]:  # a partner that joined has no row yet: the base adds it from here
        with_rows = {row.institution_id for row in context["rows"]}
        context["members_without_row"] = [
            (institution_id, name) for institution_id, name in member_choices(g.network)
            if institution_id not in with_rows and institution_id != g.network.base_institution_id]
    return render("networks/model.html", **context)


@bp.get("/model/print")
@login_required
def print_model():
    network, base = g.network, base_institution()
    return render("networks/model_print.html", network=network, author=base.full_name if base else "",
                  title=model_title(network), header=model_header(),
                  rows=model_rows(network, rows_of_current_network()))


def _member_choices_for(row: InteractionRow | None) -> list[tuple[int, str]]:
    members = member_choices(g.network)
    if row is not None and row.institution_id is not None and row.institution_id not in dict(members):
        members.append((row.institution_id, row.institution.short_name if row.institution else "—"))
    return members


def _apply(form: InteractionRowForm, row: InteractionRow) -> None:
    row.kind, row.institution_id, row.partner_name = form.partner_values()
    row.contact = form.contact.data or ""
    row.forms = form.forms.data or ""
    row.social_effect = form.social_effect.data or ""


@bp.route("/model/new", methods=["GET", "POST"])
@login_required
def new_model_row():
    network = interaction_model_editor()
    form = InteractionRowForm(_member_choices_for(None))
    if request.method == "GET" and request.args.get("partner") in dict(form.partner.choices):
        form.partner.data = request.args["partner"]  # «добавить строку» of a member that has none
    status = 200
    if form.validate_on_submit():
        row = InteractionRow(network_id=network.id, position=(db.session.scalar(
            select(func.max(InteractionRow.position)).where(InteractionRow.network_id == network.id)) or 0) + 1)
        _apply(form, row)
        db.session.add(row)
        db.session.flush()
        flash(_("Строка модели добавлена."), "success")
        return redirect(url_for("networks.show_model", _anchor=f"model-row-{row.id}"))
    if form.errors:
        status = 422
    return render("networks/model_row_new.html", form=form, status=status)


@bp.get("/model/<int:row_id>")
@login_required
def show_model_row(row_id: int):
    row = interaction_row_or_404(row_id)
    if partial_requested(f"model-row-{row.id}"):
        return render("networks/_model_row.html", row=row,
                      can_edit=can_edit_interaction_row(g.network, row),
                      can_edit_model=can_edit_interaction_model(g.network))
    year = _year_argument()
    data = row_year(row, year)
    return render("networks/model_row.html", network=g.network, row=row, year=year, data=data,
                  indicators=effect_indicators(row, year, data),
                  can_edit=can_edit_interaction_row(g.network, row),
                  can_edit_model=can_edit_interaction_model(g.network))


def _year_argument() -> AcademicYear:
    value = request.args.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return AcademicYear(int(value))
    return AcademicYear.current()


@bp.route("/model/<int:row_id>/edit", methods=["GET", "POST"])
@login_required
def edit_model_row(row_id: int):
    row = editable_interaction_row_or_404(row_id)
    form = InteractionRowForm(_member_choices_for(row), obj=row if request.method == "GET" else None)
    if not can_edit_interaction_model(g.network):  # a member's own managers keep the partner as it is
        del form.partner
        del form.partner_name
    if request.method == "GET":
        if "partner" in form:
            form.fill_partner(row)
        form.version.data = str(row.version)
    partials = {f"model-row-{row.id}": "networks/_model_row_form_row.html"}
    status, conflict = 200, None
    if form.validate_on_submit():
        status, conflict = _save_row(form, row)
        if status == 200:
            if partial_requested(f"model-row-{row.id}"):
                return render("networks/_model_row.html", row=_reloaded(row), can_edit=True,
                              can_edit_model=can_edit_interaction_model(g.network))
            return redirect(url_for("networks.show_model", _anchor=f"model-row-{row.id}"))
    elif form.errors:
        status = 422
    return render("networks/model_row_edit.html", partials=partials, status=status, row=row, form=form,
                  conflict=conflict, can_edit_model=can_edit_interaction_model(g.network))


def _save_row(form: InteractionRowForm, row: InteractionRow) -> tuple[int, InteractionRow | None]:
    """(200, None) when saved; (409, the row as stored) for a stale version; (422, None) when a form chosen by
    plan items would vanish."""
    if is_stale(row, form.version.data):
        form.version.data = str(row.version)
        form.form_errors.append(_("Эту строку только что изменил другой пользователь. Его вариант показан ниже; "
                                  "ваш текст остался в полях — сохраните ещё раз, если он вернее."))
        return 409, row
    kept = set((form.forms.data or "").splitlines())
    dropped = items_using_forms(row, set(row.form_list) - kept)
    if dropped:
        form.forms.errors = [*form.forms.errors, _(
            "Эти формы выбраны в мероприятиях плана, их нельзя убрать: %(forms)s. Сначала выберите в "
            "мероприятиях другую форму.", forms="; ".join(f"«{name}»" for name in dropped))]
        return 422, None
    if "partner" in form:
        _apply(form, row)
    else:
        row.contact, row.forms = form.contact.data or "", form.forms.data or ""
        row.social_effect = form.social_effect.data or ""
    db.session.flush()
    return 200, None


def _reloaded(row: InteractionRow) -> InteractionRow:
    return row_with_partner(row.id) or row


@bp.get("/model/<int:row_id>/delete")
@login_required
def confirm_delete_model_row(row_id: int):
    row = removable_interaction_row_or_404(row_id)
    linked = linked_item_counts([row.id]).get(row.id, 0)
    if linked:
        return render("networks/model_row_linked.html", row=row, name=partner_name(row),
                      events=plural(linked, _("мероприятие")), status=409)
    return confirm_page(heading=_("Удалить строку модели?"),
                        question=_("Строка «%(name)s» исчезнет из модели взаимодействия; её история сохранится.",
                                   name=partner_name(row)),
                        action=url_for("networks.delete_model_row", row_id=row.id), confirm_label=_("Удалить"),
                        cancel_url=url_for("networks.show_model"))


@bp.post("/model/<int:row_id>/delete")
@login_required
def delete_model_row(row_id: int):
    row = removable_interaction_row_or_404(row_id)
    linked = linked_item_counts([row.id]).get(row.id, 0)
    if linked:
        return render("networks/model_row_linked.html", row=row, name=partner_name(row),
                      events=plural(linked, _("мероприятие")), status=409)
    db.session.delete(row)
    db.session.flush()
    flash(_("Строка «%(name)s» удалена из модели.", name=partner_name(row)), "success")
    return redirect(url_for("networks.show_model"))


@bp.post("/model/<int:row_id>/move")
@login_required
def move_model_row(row_id: int):
    row = removable_interaction_row_or_404(row_id)
    rows = rows_of_current_network()
    index = next(number for number, other in enumerate(rows) if other.id == row.id)
    target = index - 1 if request.form.get("direction") == "up" else index + 1
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
        for position, other in enumerate(rows, start=1):
            if other.position != position:
                other.position = position
        db.session.flush()
    return redirect(url_for("networks.show_model", _anchor=f"model-row-{row.id}"))
