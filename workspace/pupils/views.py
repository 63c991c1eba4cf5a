"""The pupils registry of the home school (/i/<school>/pupils) and the pupil page.

Who: every user of the school reads the registry (teachers need their classes' lists); its admin and
coordinator add, edit, import and export it (export carries parents' contacts). Nobody outside the
school reaches these routes: /i/<slug>/ is entered only by the school's own users.
"""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import login_required

from tenants.permissions import MANAGERS, has_role, require_role
from workspace.core.excel import xlsx_response
from workspace.core.i18n import gettext as _
from workspace.core.import_preview import import_whole
from workspace.core.locking import is_stale
from workspace.core.pagination import paginate
from workspace.core.rendering import render
from workspace.extensions import db
from workspace.programmes.queries import enrollments_of_pupil
from workspace.pupils import bp
from workspace.pupils.access import manageable_pupil_or_404
from workspace.pupils.consents import consents_of, processing_consent_exists
from workspace.pupils.exports import pupils_workbook
from workspace.pupils.forms import PupilForm
from workspace.pupils.imports import MAX_PUPIL_ROWS, read_pupils, read_pupils_file
from workspace.pupils.models import Pupil, grade_of
from workspace.pupils.queries import class_labels, get_pupil_or_404, pupils_query
from workspace.pupils.reads import kind_label, reads_query

RECENT_READS = 5
FIELDS = ("surname", "name", "patronymic", "class_label", "birth_on", "parent_name", "parent_phone", "parent_email",
          "is_active")


@bp.get("/")
@login_required
def list_pupils():
    query = request.args.get("q", "").strip()[:100]
    class_label = request.args.get("class", "").strip()[:20]
    page = paginate(pupils_query(query, class_label).add_columns(processing_consent_exists().label("has_consent")),
                    scalars=False)
    return render("pupils/list.html", partials={"pupil-rows": "pupils/_rows.html"}, page=page, query=query,
                  class_label=class_label, classes=class_labels(), can_manage=has_role(*MANAGERS))


def _apply(pupil: Pupil, form: PupilForm) -> None:
    for name in FIELDS:
        value = getattr(form, name).data
        setattr(pupil, name, "" if value is None and name not in ("birth_on", "is_active") else value)
    pupil.class_label = pupil.class_label.replace(" ", "").upper()
    pupil.grade = grade_of(pupil.class_label)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_pupil():
    require_role(*MANAGERS)
    form = PupilForm()
    if form.validate_on_submit():
        pupil = Pupil(institution_id=g.institution.id)
        _apply(pupil, form)
        db.session.add(pupil)
        db.session.flush()
        flash(_("Обучающийся добавлен: %(name)s.", name=pupil.full_name), "success")
        return redirect(url_for("pupils.show_pupil", pupil_id=pupil.id))
    return render("pupils/form.html", form=form, pupil=None, status=422 if form.errors else 200)


@bp.get("/<int:pupil_id>")
@login_required
def show_pupil(pupil_id: int):
    pupil = get_pupil_or_404(pupil_id)
    enrollments = enrollments_of_pupil(pupil.id)
    can_manage = has_role(*MANAGERS)
    reads = list(db.session.execute(reads_query(pupil.id).limit(RECENT_READS))) if can_manage else []
    # a real cycle: journal.models → programmes (its package registers views) → admission → pupils → here
    from workspace.journal.queries import pupil_summary  # noqa: PLC0415
    return render("pupils/page.html", pupil=pupil, enrollments=enrollments,
                  journal_rows=pupil_summary(pupil.id) if enrollments else [], can_manage=can_manage,
                  consents=consents_of(pupil.id), reads=reads, kind_label=kind_label)


@bp.route("/<int:pupil_id>/edit", methods=["GET", "POST"])
@login_required
def edit_pupil(pupil_id: int):
    pupil = manageable_pupil_or_404(pupil_id)
    form = PupilForm(obj=pupil if request.method == "GET" else None)  # a post carries every field itself
    if form.validate_on_submit():
        if is_stale(pupil, form.version.data):
            form.form_errors.append(_("Данные обучающегося изменил другой пользователь, пока вы редактировали. "
                                      "Обновите страницу и внесите изменения снова."))
        else:
            _apply(pupil, form)
            flash(_("Изменения сохранены."), "success")
            return redirect(url_for("pupils.show_pupil", pupil_id=pupil.id))
    if request.method == "GET":
        form.version.data = pupil.version
    return render("pupils/form.html", form=form, pupil=pupil, status=422 if form.errors else 200)


@bp.get("/export.xlsx")
@login_required
def export_pupils():
    require_role(*MANAGERS)
    caption = _("Обучающиеся: %(school)s", school=g.institution.short_name)
    return xlsx_response(pupils_workbook(caption), f"{g.institution.slug}-pupils.xlsx")


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_pupils():
    require_role(*MANAGERS)
    def save(result):
        for row in result.rows:
            db.session.add(Pupil(institution_id=g.institution.id, surname=row.surname, name=row.name,
                                 patronymic=row.patronymic, class_label=row.class_label,
                                 grade=grade_of(row.class_label), birth_on=row.birth_on, parent_name=row.parent_name,
                                 parent_phone=row.parent_phone, parent_email=row.parent_email, is_active=True))
        flash(_("Добавлено обучающихся: %(n)d.", n=len(result.rows)), "success")
        return redirect(url_for("pupils.list_pupils"))

    return import_whole(read_pupils_file, read_pupils, save, template="pupils/import.html", max_rows=MAX_PUPIL_ROWS)


