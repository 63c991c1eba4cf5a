"""A new year's plan as a copy of an earlier one (plans/copying.py): the preview is a GET page (the plan and the
year chosen in its address), the confirm button posts the same choice with its CSRF token and creates the whole
plan in the request's one transaction. Who may: those who create plans."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required

from workspace.core.access import require
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.rendering import render
from workspace.core.words import plural
from workspace.cycle.queries import approved_analysis
from workspace.plans import bp
from workspace.plans.access import may_create_plan
from workspace.plans.copying import copy_offer, copy_preview, create_copy, source_before
from workspace.plans.forms import CopyPlanForm, year_choices
from workspace.plans.queries import plans_of_network


def _form(plans, taken: set[int]) -> CopyPlanForm:
    sources = [(plan.id, f"{AcademicYear(plan.start_year).label} — {plan.title}") for plan, _total, _held in plans]
    if request.method == "POST":
        return CopyPlanForm(sources, year_choices(taken))
    form = CopyPlanForm(sources, year_choices(taken), formdata=request.args or None, meta={"csrf": False})
    offer = copy_offer(plans)
    if not request.args and offer is not None:
        form.source_plan_id.data = offer[0].id if offer[0] else None
        form.start_year.data = offer[1]
    return form


def _check(form: CopyPlanForm, plans, taken: set[int]):
    """The chosen source plan (one of this network's, of an earlier year) or None, with the errors on the form."""
    if not form.validate():
        return None
    source = next((plan for plan, _total, _held in plans if plan.id == form.source_plan_id.data), None)
    year = form.start_year.data
    if source is None:
        unknown = _("Выберите план из списка.")
        form.source_plan_id.errors.append(unknown)
    elif year in taken:
        taken_message = _("План на этот учебный год уже есть.")
        form.start_year.errors.append(taken_message)
    elif source.start_year >= year:
        suggested = source_before(plans, year)
        hint = (_("Например, план %(year)s.", year=AcademicYear(suggested.start_year).label) if suggested else "")
        later = _("Копируется план одного из прошлых лет: выберите план до %(year)s.", year=AcademicYear(year).label)
        form.source_plan_id.errors.append(later + (" " + hint if hint else ""))
    else:
        return source
    return None


@bp.route("/copy", methods=["GET", "POST"])
@login_required
def copy_plan():
    require(may_create_plan())
    plans = plans_of_network()
    taken = {plan.start_year for plan, _total, _held in plans}
    form = _form(plans, taken)
    if request.method == "POST":
        source = _check(form, plans, taken) if form.validate_on_submit() else None
    else:
        source = _check(form, plans, taken) if request.args or copy_offer(plans) else None
    preview = (copy_preview(source, AcademicYear(form.start_year.data), approved_analysis(source.start_year))
               if source is not None else None)
    if request.method == "POST" and preview is not None:
        plan = create_copy(preview)
        item_noun = _("мероприятие")
        flash(_("План на %(year)s создан как копия плана %(old)s: %(items)s. Проверьте сроки и отправьте план на "
                "согласование.", year=str(preview.year), old=AcademicYear(preview.source.start_year).label,
                items=plural(preview.items, item_noun)), "success")
        return redirect(url_for("plans.show_plan", plan_id=plan.id))
    failed = bool(form.errors) or (request.method == "POST")
    return render("plans/copy_preview.html", form=form, preview=preview, has_plans=bool(plans),
                  offer=copy_offer(plans), status=422 if failed else 200)
