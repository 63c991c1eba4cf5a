"""Plan pages: the list of plans, one plan with its sections, items edited in place with htmx."""
from __future__ import annotations

from flask import abort, flash, g, make_response, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import func, select

from tenants.permissions import is_base_manager
from workspace.core.access import require
from workspace.core.dates import AcademicYear, ru_date
from workspace.core.excel import xlsx_response
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.locking import is_stale
from workspace.core.ordering import move_among
from workspace.core.pagination import Page
from workspace.core.rendering import confirm_page, partial_requested, per_request, render
from workspace.council.approval import approval_histories, approval_history, approved_protocol
from workspace.council.forms import SubmitForm
from workspace.extensions import db, htmx
from workspace.networks.interaction import interaction_options, interaction_text
from workspace.plans import bp
from workspace.plans.access import (
    editable_item_or_404,
    editable_plan_or_404,
    editable_section_or_404,
    may_create_plan,
    may_edit_cell,
)
from workspace.plans.approval import is_editable
from workspace.plans.copying import copy_offer
from workspace.plans.editing import apply_cell, apply_new_item
from workspace.plans.exports import export_filename, plan_workbook
from workspace.plans.forms import (
    CELL_FIELDS,
    CellForm,
    InteractionCellForm,
    ItemForm,
    PlanForm,
    SectionForm,
    StatusCellForm,
    plan_years,
    year_choices,
)
from workspace.plans.models import Plan, PlanItem, PlanSection
from workspace.plans.permissions import can_edit_plan_section
from workspace.plans.queries import (
    get_item_or_404,
    get_plan_or_404,
    item_with_plan_or_404,
    items_and_links,
    links_of,
    member_institutions,
    plan_and_outline_or_404,
    plans_of_network,
    section_outline,
    sections_with_items,
)


@bp.route("/", methods=["GET", "POST"])
@login_required
def list_plans():
    plans = plans_of_network()
    taken = {plan.start_year for plan, _total, _held in plans}
    form = PlanForm(year_choices(taken))
    if request.method == "GET":
        current = AcademicYear.current().start_year
        free = [year for year in [current, current + 1, *plan_years()] if year not in taken]
        form.start_year.data = free[0] if free else current
    if form.validate_on_submit():
        require(may_create_plan())
        if form.start_year.data in taken:
            form.start_year.errors.append(_("План на этот учебный год уже есть."))
        else:
            year = AcademicYear(form.start_year.data)
            plan = Plan(network_id=g.network.id, start_year=year.start_year,
                        title=form.title.data or _("Сетевой план мероприятий на %(year)s", year=str(year)))
            db.session.add(plan)
            db.session.flush()
            flash(_("План создан. Добавьте разделы по партнёрам или загрузите план из Excel или Word."), "success")
            return redirect(url_for("plans.show_plan", plan_id=plan.id))
    elif form.is_submitted():
        require(may_create_plan())
    return render("plans/list.html", plans=plans, form=form, can_create=may_create_plan(),
                  copy_offer=copy_offer(plans), status=422 if form.errors else 200)


LONG_PLAN_ITEMS = 200    # above this the page shows one section at a time, with a table of contents
SECTION_PAGE_ITEMS = 100  # and a long section in pages


def _shown_sections(plan: Plan, outline: list, section_id: int | None, page_number: int | None):
    """Which sections the page shows and which of their items: (sections with items, page or None, the
    names linked to the items shown)."""
    total = sum(count for _section, count, _held in outline)
    if total <= LONG_PLAN_ITEMS:
        items, links = items_and_links(plan, [section.id for section, _count, _held in outline])
        return [(section, items[section.id]) for section, _count, _held in outline], None, links
    chosen = next((row for row in outline if row[0].id == section_id), None) or outline[0]
    section, count, _held = chosen
    page = Page(items=[], number=1, size=SECTION_PAGE_ITEMS, total=count)
    page.number = min(max(1, page_number or 1), page.pages)
    items, links = items_and_links(plan, [section.id], (page.number - 1) * SECTION_PAGE_ITEMS, SECTION_PAGE_ITEMS)
    return [(section, items[section.id])], page, links


def _plan_context(plan: Plan, section_form: SectionForm | None = None, section_id: int | None = None,
                  outline: list | None = None) -> dict:
    """What the plan page shows. A long plan (a city's generated one, or years of partners' sections) shows
    one section at a time, a long section a page at a time: the page costs the same whatever the plan's size."""
    outline = section_outline(plan) if outline is None else outline
    sections, section_page, links = _shown_sections(
        plan, outline, section_id or request.args.get("section", type=int), request.args.get("page", type=int))
    shown_ids = [section.id for section, _items in sections]
    partners = member_institutions()
    may_edit = {section.id for section, _items in sections
                if can_edit_plan_section(g.network, section.partner_institution_id)}
    histories = approval_histories({"plan": [plan.id], "plan_section": shown_ids})
    history = histories.get(("plan", plan.id), [])
    section_histories = {section.id: histories[("plan_section", section.id)] for section, _items in sections
                         if ("plan_section", section.id) in histories}
    return {
        "plan": plan, "year": AcademicYear(plan.start_year), "sections": sections,
        "outline": outline if section_page is not None else [], "section_page": section_page,
        "partner_names": dict(partners),
        "editable": {section.id for section, _items in sections
                     if section.id in may_edit and is_editable(plan, section)},
        "status_editable": may_edit,
        # a section goes to the council on its own only while the whole plan is not on approval or approved
        "section_submitters": may_edit if is_editable(plan) else set(),
        "section_rounds": section_histories,
        "section_protocols": {section_id: approved_protocol(rounds)
                              for section_id, rounds in section_histories.items()},
        "can_manage": is_base_manager(g.network) and is_editable(plan),
        "can_submit": is_base_manager(g.network),
        "approval_rounds": history, "protocol": approved_protocol(history), "submit_form": SubmitForm(),
        "section_form": section_form or SectionForm(partners),
        # the add-forms (and the interaction model's rows they offer) only where the user may add
        "item_forms": {section.id: item_form(section.id, formdata=None) for section, _items in sections
                       if section.id in may_edit and is_editable(plan, section)},
        "links": links,
        # Item URLs are built from this prefix: a long plan would otherwise call url_for thousands of times.
        "plan_items_url": url_for("plans.show_plan", plan_id=plan.id) + "/items/",
        "held": sum(held for _section, _count, held in outline),
        "total": sum(count for _section, count, _held in outline),
    }


def item_form(section_id: int, **kwargs) -> ItemForm:
    """One add-form per section: field ids stay unique on the page; the interaction model's rows are read once per
    request."""
    return ItemForm(per_request(interaction_options), prefix=f"s{section_id}", **kwargs)


@bp.get("/<int:plan_id>")
@login_required
def show_plan(plan_id: int):
    plan, outline = plan_and_outline_or_404(plan_id)
    return render("plans/page.html", **_plan_context(plan, outline=outline))


@bp.post("/<int:plan_id>/sections")
@login_required
def add_section(plan_id: int):
    plan = editable_plan_or_404(plan_id)
    form = SectionForm(member_institutions())
    if not form.validate_on_submit():
        return render("plans/page.html", status=422, **_plan_context(plan, form))
    position = db.session.scalar(select(func.coalesce(func.max(PlanSection.position), 0))
                                 .where(PlanSection.plan_id == plan.id)) + 1
    db.session.add(PlanSection(network_id=g.network.id, plan_id=plan.id, title=form.title.data, position=position,
                               partner_institution_id=form.partner_institution_id.data or None))
    flash(_("Раздел добавлен."), "success")
    return redirect(url_for("plans.show_plan", plan_id=plan.id))


@bp.post("/<int:plan_id>/sections/<int:section_id>/items")
@login_required
def add_item(plan_id: int, section_id: int):
    plan, section = editable_section_or_404(plan_id, section_id)
    form = item_form(section.id)
    target = f"new-item-{section.id}"
    if not form.validate_on_submit():
        context = _plan_context(plan, section_id=section.id)
        context["item_forms"][section.id] = form
        return render("plans/page.html", partials={target: "plans/_new_item.html"}, status=422,
                      **context, section=section)
    item = apply_new_item(plan, section, form)
    if partial_requested(target):
        return render("plans/_item_added.html", item=item, section=section, plan=plan, can_edit=True,
                      links=links_of(plan.id, item.id),
                      item_forms={section.id: item_form(section.id, formdata=None)})
    flash(_("Мероприятие добавлено."), "success")
    return redirect(_item_url(plan, item))


def _item_url(plan: Plan, item: PlanItem) -> str:
    """The plan page where the item is seen: its section and the page of it, when the plan is long."""
    before = db.session.scalar(select(func.count()).select_from(PlanItem).where(
        PlanItem.section_id == item.section_id,
        (PlanItem.position < item.position) | ((PlanItem.position == item.position) & (PlanItem.id < item.id))))
    page = before // SECTION_PAGE_ITEMS + 1
    return url_for("plans.show_plan", plan_id=plan.id, section=item.section_id, page=page if page > 1 else None,
                   _anchor=f"item-{item.id}")


@bp.get("/<int:plan_id>/items/<int:item_id>")
@login_required
def show_item(plan_id: int, item_id: int):
    """An item's address (calendar, desk, search, feeds link here): the plan page where the item is seen.

    A boosted htmx request would follow a redirect and drop its #item anchor: it is told to navigate instead."""
    plan = get_plan_or_404(plan_id)
    target = _item_url(plan, get_item_or_404(plan, item_id))
    if htmx:
        response = make_response("", 204)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


def _cell_form(field: str, item: PlanItem):
    if field not in CELL_FIELDS:
        abort(404)
    if field == "interaction":
        form = InteractionCellForm(interaction_options())
        if request.method == "GET":
            form.value.data = InteractionCellForm.value_of(item)
    else:
        form = StatusCellForm() if field == "status" else CellForm(field)
        if request.method == "GET":
            value = getattr(item, field)
            form.value.data = value.value if field == "status" else value
    if request.method == "GET":
        form.version.data = str(item.version)
    return form


@bp.route("/<int:plan_id>/items/<int:item_id>/cells/<field>", methods=["GET", "POST"])
@login_required
def edit_cell(plan_id: int, item_id: int, field: str):
    plan, item, _section = editable_item_or_404(plan_id, item_id, field)
    form = _cell_form(field, item)
    context = {"plan": plan, "item": item, "field": field, "form": form, "year": AcademicYear(plan.start_year),
               "conflict": None}
    status = 200
    if form.validate_on_submit():
        if is_stale(item, form.version.data):
            context["conflict"] = item
            form.version.data = str(item.version)
            form.form_errors.append(_("Это мероприятие только что изменил другой пользователь: "
                                      "сейчас сохранено «%(value)s». Сохраните ещё раз, если ваш вариант вернее.",
                                      value=_cell_text(item, field)))
            status = 409
        else:
            linked = None
            if field == "interaction":
                item.interaction_row_id, item.interaction_form = form.chosen()
            else:
                linked = apply_cell(item, field, form.value.data or "", AcademicYear(plan.start_year))
            db.session.flush()
            if htmx:  # only the responsible cell shows links: the names just linked, not read back
                return render("plans/_item_cell.html", item=item, plan=plan, field=field, can_edit=True,
                              links={item.id: linked} if linked else None)
            return redirect(_item_url(plan, item))
    elif form.errors:
        status = 422
    return render("plans/edit_cell.html", partials={f"item-{item.id}-{field}": "plans/_cell_form.html"},
                  status=status, **context)


def _cell_text(item: PlanItem, field: str) -> str:
    if field == "interaction":
        return interaction_text(item) or "—"
    value = getattr(item, field)
    return label(value) if field == "status" else (value or "—")


@bp.get("/<int:plan_id>/items/<int:item_id>/cells/<field>/view")
@login_required
def show_cell(plan_id: int, item_id: int, field: str):
    """The cell as shown (the «Отмена» of an in-place edit)."""
    plan, item, section = item_with_plan_or_404(plan_id, item_id)
    if field not in CELL_FIELDS:
        abort(404)
    if not htmx:
        return redirect(_item_url(plan, item))
    links = links_of(plan.id, item.id) if field == "responsible" else None  # only that cell shows links
    return render("plans/_item_cell.html", item=item, plan=plan, field=field, links=links,
                  can_edit=may_edit_cell(plan, section, field))


@bp.post("/<int:plan_id>/items/<int:item_id>/move")
@login_required
def move_item(plan_id: int, item_id: int):
    plan, item, section = editable_item_or_404(plan_id, item_id)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    siblings = list(db.session.scalars(select(PlanItem).where(PlanItem.section_id == section.id)
                                       .order_by(PlanItem.position, PlanItem.id)))
    move_among(siblings, item.id, direction)
    return redirect(_item_url(plan, item))


@bp.get("/<int:plan_id>/items/<int:item_id>/delete")
@login_required
def confirm_delete_item(plan_id: int, item_id: int):
    plan, item, _section = editable_item_or_404(plan_id, item_id)
    return confirm_page(heading=_("Удалить мероприятие?"), question=item.title,
                        action=url_for("plans.delete_item", plan_id=plan.id, item_id=item.id),
                        confirm_label=_("Удалить"), cancel_url=url_for("plans.show_plan", plan_id=plan.id))


@bp.post("/<int:plan_id>/items/<int:item_id>/delete")
@login_required
def delete_item(plan_id: int, item_id: int):
    plan, item, _section = editable_item_or_404(plan_id, item_id)
    db.session.delete(item)
    db.session.flush()
    if htmx:
        return ""  # the row is removed in place (hx-swap="delete")
    flash(_("Мероприятие удалено."), "success")
    return redirect(url_for("plans.show_plan", plan_id=plan.id))


@bp.get("/<int:plan_id>/export.xlsx")
@login_required
def export_plan(plan_id: int):
    plan = get_plan_or_404(plan_id)
    protocol = approved_protocol(approval_history("plan", plan.id))
    approval = (str(protocol[0]), ru_date(protocol[1])) if protocol else None
    return xlsx_response(plan_workbook(plan, sections_with_items(plan), approval=approval), export_filename(plan))


from workspace.plans import copy_views  # noqa: E402,F401  (a new year's plan as a copy of an earlier one)
