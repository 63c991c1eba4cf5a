"""The request table: needs and offers of the network, suggested matches, a row's page."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import current_user, login_required

from workspace.core.access import require
from workspace.core.i18n import gettext as _
from workspace.core.labels import choices
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.requests_table import bp
from workspace.requests_table.access import editable_request_or_404
from workspace.requests_table.forms import RequestForm
from workspace.requests_table.matching import suggestions
from workspace.requests_table.models import RequestCategory, RequestKind, RequestStatus, ResourceRequest
from workspace.requests_table.queries import (
    active_rows,
    can_add_request,
    can_edit_request,
    conversations_by_pair,
    get_request_or_404,
    institution_names,
    requests_page,
)

SUGGESTED = 12


def _enum_arg(enum_cls, name: str):
    try:
        return enum_cls(request.args.get(name)) if request.args.get(name) else None
    except ValueError:
        return None


def _suggested(rows, limit=None, only=None):
    found = [s for s in suggestions(rows) if only is None or only in (s.need.id, s.offer.id)]
    own = current_user.institution_id
    found.sort(key=lambda s: own not in (s.need.institution_id, s.offer.institution_id))  # mine first, stable
    return found[:limit] if limit else found


@bp.get("/")
@login_required
def list_requests():
    kind, status = _enum_arg(RequestKind, "kind"), _enum_arg(RequestStatus, "status")
    page = requests_page(kind, status)
    found = _suggested(active_rows(), SUGGESTED)
    names = institution_names([s.need.institution_id for s in found] + [s.offer.institution_id for s in found])
    return render("requests_table/list.html", page=page, kind=kind, status_filter=status, statuses=choices(RequestStatus),
                  suggestions=found, names=names, conversations=conversations_by_pair(), can_add=can_add_request(),
                  can_start=can_add_request(),
                  partials={"requests": "requests_table/_rows.html"})


def _apply(row: ResourceRequest, form: RequestForm) -> None:
    row.category, row.title = RequestCategory(form.category.data), form.title.data
    row.description = form.description.data or ""
    row.starts_on, row.ends_on = form.starts_on.data, form.ends_on.data
    row.status = RequestStatus(form.status.data)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_request():
    require(can_add_request())
    kind = _enum_arg(RequestKind, "kind") or RequestKind.NEED
    form = RequestForm(kind)
    if request.method == "GET":
        form.status.data = RequestStatus.OPEN.value
    if form.validate_on_submit():
        row = ResourceRequest(network_id=g.network.id, institution_id=current_user.institution_id, kind=kind,
                              author_id=current_user.id, category=RequestCategory.OTHER, title="")
        _apply(row, form)
        db.session.add(row)
        db.session.flush()
        flash(_("Запрос добавлен в таблицу.") if kind is RequestKind.NEED else _("Ресурс добавлен в таблицу."),
              "success")
        return redirect(url_for("requests_table.show_request", request_id=row.id))
    return render("requests_table/form.html", form=form, kind=kind, row=None, status=422 if form.errors else 200)


@bp.get("/<int:request_id>")
@login_required
def show_request(request_id: int):
    row = get_request_or_404(request_id)
    found = _suggested(active_rows(), only=row.id)
    names = institution_names([row.institution_id] + [s.need.institution_id for s in found]
                              + [s.offer.institution_id for s in found])
    return render("requests_table/request.html", row=row, suggestions=found, names=names,
                  conversations=conversations_by_pair(), can_edit=can_edit_request(row), can_start=can_add_request())


@bp.route("/<int:request_id>/edit", methods=["GET", "POST"])
@login_required
def edit_request(request_id: int):
    row = editable_request_or_404(request_id)
    form = RequestForm(row.kind, obj=row)
    if request.method == "GET":
        form.category.data, form.status.data, form.version.data = row.category.value, row.status.value, str(row.version)
    elif form.validate_on_submit():
        if is_stale(row, form.version.data):
            form.form_errors.append(_("Эту строку только что изменил другой пользователь. Проверьте её и "
                                      "сохраните ещё раз."))
            form.version.data = str(row.version)
            return render("requests_table/form.html", form=form, kind=row.kind, row=row, status=409)
        _apply(row, form)
        flash(_("Строка таблицы сохранена."), "success")
        return redirect(url_for("requests_table.show_request", request_id=row.id))
    return render("requests_table/form.html", form=form, kind=row.kind, row=row, status=422 if form.errors else 200)


@bp.route("/<int:request_id>/delete", methods=["GET", "POST"])
@login_required
def delete_request(request_id: int):
    row = editable_request_or_404(request_id)
    if request.method == "GET":
        return confirm_page(heading=_("Удалить строку таблицы запросов?"), question=row.title,
                            action=url_for("requests_table.delete_request", request_id=row.id),
                            confirm_label=_("Удалить"),
                            cancel_url=url_for("requests_table.show_request", request_id=row.id))
    db.session.delete(row)
    flash(_("Строка удалена из таблицы запросов."), "success")
    return redirect(url_for("requests_table.list_requests"))
