"""The programme's stages (подготовительный, организационный, практический (основной), обобщающий are offered;
any other name is allowed): added with their dates and content, changed, reordered, removed after a confirmation.
A stage's dates stay within the programme's period."""
from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_login import login_required

from workspace.core.dates import ru_date
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.ordering import move_among
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.passport import bp
from workspace.passport.access import editable_passport_or_404, editable_stage_or_404
from workspace.passport.editing import next_position
from workspace.passport.forms import StageForm
from workspace.passport.models import OFFERED_STAGES, PassportStage
from workspace.passport.queries import stages_of
from workspace.passport.views import page_context


def _back():
    return redirect(url_for("passport.show_passport", _anchor="stages"))


def _within_period(form, passport) -> bool:
    """A stage's dates inside the programme's period, else a message under the date and False."""
    inside = True
    for field in (form.starts_on, form.ends_on):
        if field.data and not passport.starts_on <= field.data <= passport.ends_on:
            field.errors = [*field.errors, _("Дата вне сроков программы (%(start)s — %(end)s).",
                                              start=ru_date(passport.starts_on), end=ru_date(passport.ends_on))]
            inside = False
    return inside


@bp.post("/stages")
@login_required
def add_stage():
    passport = editable_passport_or_404()
    form = StageForm()
    if not (form.validate_on_submit() and _within_period(form, passport)):
        return render("passport/page.html", status=422, **page_context(passport, stage_form=form))
    db.session.add(PassportStage(network_id=g.network.id, passport_id=passport.id, title=form.title.data,
                                 starts_on=form.starts_on.data, ends_on=form.ends_on.data,
                                 content=form.content.data or "", position=next_position(passport.id)))
    flash(_("Этап добавлен."), "success")
    return _back()


@bp.route("/stages/<int:passport_stage_id>/edit", methods=["GET", "POST"])
@login_required
def edit_stage(passport_stage_id: int):
    passport, stage = editable_stage_or_404(passport_stage_id)
    form = StageForm(obj=stage if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(stage.version)
    status = 200
    if form.validate_on_submit() and _within_period(form, passport):
        if is_stale(stage, form.version.data):
            form.version.data = str(stage.version)
            form.form_errors.append(_("Этот этап только что изменил другой пользователь: сейчас он называется "
                                      "«%(title)s». Проверьте значения и сохраните ещё раз.", title=stage.title))
            status = 409
        else:
            stage.title, stage.starts_on, stage.ends_on = form.title.data, form.starts_on.data, form.ends_on.data
            stage.content = form.content.data or ""
            flash(_("Этап сохранён."), "success")
            return _back()
    elif form.errors:
        status = 422
    return render("passport/edit_stage.html", form=form, passport=passport, stage=stage,
                  offered_stages=OFFERED_STAGES, status=status)


@bp.post("/stages/<int:passport_stage_id>/move")
@login_required
def move_stage(passport_stage_id: int):
    passport, stage = editable_stage_or_404(passport_stage_id)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    move_among(stages_of(passport.id), stage.id, direction)
    return _back()


@bp.get("/stages/<int:passport_stage_id>/delete")
@login_required
def confirm_delete_stage(passport_stage_id: int):
    passport, stage = editable_stage_or_404(passport_stage_id)
    return confirm_page(heading=_("Удалить этап?"),
                        question=_("Этап «%(title)s» будет удалён из паспорта программы вместе с его содержанием.",
                                   title=stage.title),
                        action=url_for("passport.delete_stage", passport_stage_id=stage.id),
                        confirm_label=_("Удалить"), cancel_url=url_for("passport.show_passport", _anchor="stages"))


@bp.post("/stages/<int:passport_stage_id>/delete")
@login_required
def delete_stage(passport_stage_id: int):
    _passport, stage = editable_stage_or_404(passport_stage_id)
    db.session.delete(stage)
    flash(_("Этап удалён."), "success")
    return _back()
