"""The passport's page (or its empty state, inviting the base to fill it in) and its form."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import login_required

from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import render
from workspace.council.approval import approval_history, approved_protocol
from workspace.passport import bp
from workspace.passport.access import editable_or_new_passport, may_edit, may_edit_passport
from workspace.passport.content import ground_line, missing_parts, passport_rows, stages_outside
from workspace.passport.editing import apply_form, create_passport, defaults, set_grounds
from workspace.passport.forms import PassportForm, StageForm
from workspace.passport.models import OFFERED_STAGES, RESOURCE_KINDS, RESULT_KINDS
from workspace.passport.queries import current_passport, ground_ids_of, grounds_of, register_documents, stages_of


def page_context(passport, **overrides) -> dict:
    stages = stages_of(passport.id)
    history = approval_history("passport", passport.id)
    context = {
        "passport": passport, "stages": stages,
        "rows": passport_rows(passport, grounds_of(passport.id), stages),
        "approval_rounds": history, "protocol": approved_protocol(history),
        "is_editor": may_edit_passport(), "can_edit": may_edit(passport),
        "missing": missing_parts(passport, stages), "outside": stages_outside(passport, stages),
        "stage_form": StageForm(formdata=None), "offered_stages": OFFERED_STAGES,
    }
    context.update(overrides)
    return context


@bp.get("/")
@login_required
def show_passport():
    passport = current_passport()
    if passport is None:
        return render("passport/page.html", passport=None, is_editor=may_edit_passport(), network=g.network)
    return render("passport/page.html", **page_context(passport))


def _documents() -> list[tuple[int, str]]:
    return [(row.id, ground_line(row.kind, row.number, row.title, row.approved_on)) for row in register_documents()]


@bp.route("/edit", methods=["GET", "POST"])
@login_required
def edit_passport():
    passport = editable_or_new_passport()
    form = PassportForm(_documents(), obj=passport if request.method == "GET" else None)
    if request.method == "GET":
        if passport is None:
            for name, value in defaults().items():
                getattr(form, name).data = value
        else:
            form.document_ids.data = sorted(ground_ids_of(passport.id))
        form.version.data = str(passport.version if passport is not None else 0)
    status = 200
    if form.validate_on_submit():
        if is_stale(passport, form.version.data):
            form.version.data = str(passport.version if passport is not None else 0)
            form.form_errors.append(_("Паспорт только что изменил другой пользователь. Проверьте значения и "
                                      "сохраните ещё раз."))
            status = 409
        else:
            if passport is None:
                passport = create_passport(form)
                flash(_("Паспорт программы создан с четырьмя этапами. Укажите сроки и содержание каждого этапа."),
                      "success")
            else:
                apply_form(passport, form)
                flash(_("Паспорт программы сохранён."), "success")
            set_grounds(passport, form.document_ids.data or [])
            return redirect(url_for("passport.show_passport"))
    elif form.errors:
        status = 422
    return render("passport/edit.html", form=form, passport=passport, result_kinds=RESULT_KINDS,
                  resource_kinds=RESOURCE_KINDS, status=status)
