"""The bank of best practices: the list with active search and filters, a material's page, its files."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import current_user, login_required

from workspace.bank import bp
from workspace.bank.access import editable_material_file_or_404, editable_material_or_404
from workspace.bank.editing import apply_form, replace_tags
from workspace.bank.forms import MaterialFileForm, MaterialForm
from workspace.bank.models import Direction, Material, MaterialFile
from workspace.bank.queries import (
    author_choices,
    can_add_material,
    can_edit_material,
    files_of,
    get_material_file_or_404,
    get_material_or_404,
    institution_name,
    materials_page,
    read_filters,
    tag_cloud,
)
from workspace.bank.sources import describe, held_item_choices, project_choices
from workspace.core.access import require
from workspace.core.i18n import gettext as _
from workspace.core.labels import choices
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, render
from workspace.core.stored_files import accept_file, send_stored_file
from workspace.core.words import plural
from workspace.extensions import db

MAX_FILES = 20


@bp.get("/")
@login_required
def list_materials():
    filters = read_filters(request.args)
    page = materials_page(filters)
    return render("bank/list.html", page=page, filters=filters, directions=choices(Direction),
                  authors=author_choices(), tags=tag_cloud(), can_add=can_add_material(),
                  partials={"materials": "bank/_materials.html"})


def _with_own_source(choices: list[tuple[int, str]], material: Material | None, kind: str) -> list[tuple[int, str]]:
    """The choices, plus the material's own source of this kind when it is no longer among them."""
    if material is not None and material.source_kind == kind and material.source_id not in dict(choices):
        found = describe(kind, material.source_id)
        if found:
            choices.append((material.source_id, found[0][:120]))
    return choices


def _item_choices(material: Material | None) -> list[tuple[int, str]]:
    return _with_own_source(held_item_choices(), material, "plan_item")


def _project_choices(material: Material | None) -> list[tuple[int, str]]:
    return _with_own_source(project_choices(), material, "project")


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_material():
    require(can_add_material())
    form = MaterialForm(_item_choices(None), _project_choices(None))
    if form.validate_on_submit():
        material = Material(network_id=g.network.id, author_institution_id=current_user.institution_id,
                            author_id=current_user.id, title="", direction=Direction.SOCIAL)
        apply_form(material, form)
        db.session.add(material)
        db.session.flush()
        replace_tags(material)
        flash(_("Материал добавлен в банк. Приложите к нему файлы."), "success")
        return redirect(url_for("bank.show_material", material_id=material.id))
    return render("bank/material_form.html", form=form, material=None, status=422 if form.errors else 200)


def _material_context(material: Material, file_form: MaterialFileForm | None = None) -> dict:
    return {"material": material, "files": files_of(material), "source": describe(material.source_kind,
                                                                                  material.source_id),
            "author": institution_name(material.author_institution_id), "can_edit": can_edit_material(material),
            "file_form": file_form or MaterialFileForm(formdata=None)}


@bp.get("/<int:material_id>")
@login_required
def show_material(material_id: int):
    return render("bank/material.html", **_material_context(get_material_or_404(material_id)))


@bp.route("/<int:material_id>/edit", methods=["GET", "POST"])
@login_required
def edit_material(material_id: int):
    material = editable_material_or_404(material_id)
    form = MaterialForm(_item_choices(material), _project_choices(material), obj=material)
    if request.method == "GET":
        form.direction.data = material.direction.value
        form.source_item_id.data = material.source_id if material.source_kind == "plan_item" else 0
        form.source_project_id.data = material.source_id if material.source_kind == "project" else 0
        form.version.data = str(material.version)
    elif form.validate_on_submit():
        if is_stale(material, form.version.data):
            form.form_errors.append(_("Этот материал только что изменил другой пользователь. Проверьте его "
                                      "вариант и сохраните ещё раз."))
            form.version.data = str(material.version)
            return render("bank/material_form.html", form=form, material=material, status=409)
        apply_form(material, form)
        replace_tags(material)
        flash(_("Материал сохранён."), "success")
        return redirect(url_for("bank.show_material", material_id=material.id))
    return render("bank/material_form.html", form=form, material=material, status=422 if form.errors else 200)


@bp.post("/<int:material_id>/files")
@login_required
def add_material_file(material_id: int):
    material = editable_material_or_404(material_id)
    form = MaterialFileForm()
    file_noun = _("файл")
    if form.validate_on_submit() and (accepted := accept_file(
            form.file, office=True, stored=len(files_of(material)), limit=MAX_FILES,
            too_many=_("К материалу можно приложить не больше %(files)s.", files=plural(MAX_FILES, file_noun, case="gent")))):
        db.session.add(MaterialFile.from_upload(accepted, network_id=g.network.id, material_id=material.id,
                                                author_id=current_user.id))
        flash(_("Файл приложен к материалу."), "success")
        return redirect(url_for("bank.show_material", material_id=material.id))
    return render("bank/material.html", status=422, **_material_context(material, form))


@bp.get("/<int:material_id>/files/<int:material_file_id>")
@login_required
def download_material_file(material_id: int, material_file_id: int):
    stored = get_material_file_or_404(get_material_or_404(material_id), material_file_id)
    return send_stored_file(stored)


@bp.route("/<int:material_id>/files/<int:material_file_id>/delete", methods=["GET", "POST"])
@login_required
def delete_material_file(material_id: int, material_file_id: int):
    material, stored = editable_material_file_or_404(material_id, material_file_id)
    if request.method == "GET":
        return confirm_page(heading=_("Удалить файл?"), question=stored.filename,
                            action=url_for("bank.delete_material_file", material_id=material.id,
                                           material_file_id=stored.id),
                            confirm_label=_("Удалить"), cancel_url=url_for("bank.show_material",
                                                                           material_id=material.id))
    db.session.delete(stored)
    flash(_("Файл удалён."), "success")
    return redirect(url_for("bank.show_material", material_id=material.id))


@bp.route("/<int:material_id>/delete", methods=["GET", "POST"])
@login_required
def delete_material(material_id: int):
    material = editable_material_or_404(material_id)
    if request.method == "GET":
        return confirm_page(heading=_("Удалить материал из банка?"), question=material.title,
                            action=url_for("bank.delete_material", material_id=material.id),
                            confirm_label=_("Удалить"),
                            cancel_url=url_for("bank.show_material", material_id=material.id))
    db.session.delete(material)
    flash(_("Материал удалён из банка."), "success")
    return redirect(url_for("bank.list_materials"))
