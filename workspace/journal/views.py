"""The journal grid of a group: the page, one cell's form (no JavaScript) and the cell save (htmx)."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user, login_required

from tenants.permissions import MANAGERS, has_role
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.rendering import render
from workspace.extensions import htmx
from workspace.journal import bp
from workspace.journal.access import markable_cell_or_404
from workspace.journal.attestation import load_attestations, result_label
from workspace.journal.grid import (
    Access,
    access_to,
    load_aggregates,
    load_head_and_lessons,
    load_rows,
    record_reads_of_rows,
    save_mark,
)
from workspace.journal.queries import visible_groups
from workspace.journal.roll import attendance_choices, grade_choices
from workspace.journal.rows import cell_html, row_cells_html, row_results_html
from workspace.journal.scales import GRADE_KEYS_HELP, keys_attribute

PREFIX = "/n/<network>/journal"


def visible_rows(head, lessons, lesson_id: int | None = None) -> tuple[Access, list]:
    """What the current user reads of the group: the access and the rows (with the marks of one lesson
    if ``lesson_id``); a council seat's counts go into ``lessons``. 404 when nothing."""
    access = access_to(head)
    rows = []
    if access in (Access.EDIT, Access.FULL):
        rows = load_rows(head, lessons, lesson_id=lesson_id)
        record_reads_of_rows("journal", head.id, rows)
    elif access is Access.OWN_ROWS:
        rows = load_rows(head, lessons, home_institution_id=current_user.institution_id, lesson_id=lesson_id)
        if not rows:
            access = Access.AGGREGATES if g.get("seat") is not None else None
            if access:
                load_aggregates(head, lessons)
    elif access is Access.AGGREGATES:
        load_aggregates(head, lessons)
    if access is None:
        abort(404)
    return access, rows


def _attestation_columns(head, access, rows) -> list:
    """Statement 3: the programme's attestations with the results of the rows read (a council seat: counts)."""
    home = current_user.institution_id if access is Access.OWN_ROWS else None
    return load_attestations(head, rows if access is not Access.AGGREGATES else [], home_institution_id=home)


def _grid_keys(head) -> str:
    """The grid's keys with those of attestation results (з or 1 — зачтено, 0 — не зачтено) where still free."""
    keys = keys_attribute(head.grade_scale)
    taken = {pair.rsplit(":", 1)[0] for pair in keys.split(",")}
    extra = [f"{key}:{code}" for key, code in (("з", "pass"), ("1", "pass"), ("0", "fail")) if key not in taken]
    return ",".join([keys, *extra])


def grid_context(group_id: int) -> dict:
    head, lessons = load_head_and_lessons(group_id)
    access, rows = visible_rows(head, lessons)
    attestations = _attestation_columns(head, access, rows)
    can_attest = access in (Access.EDIT, Access.FULL)
    present = sum(lesson.present for lesson in lessons)
    marked = sum(lesson.marked for lesson in lessons)
    return {"group": head, "lessons": lessons, "rows": rows, "access": access, "Access": Access,
            "can_edit": access is Access.EDIT, "overall": round(100 * present / marked) if marked else None,
            "cell_url": _cell_url(head), "attestations": attestations, "can_attest": can_attest,
            "result_url": url_for("journal.show_grid", group_id=head.id) + "/attestations",
            "row_results_html": row_results_html, "result_label": result_label,
            "keys": _grid_keys(head), "grade_keys_help": GRADE_KEYS_HELP[head.grade_scale],
            "row_cells_html": row_cells_html, "texts": {},
            "hours_held": sum(lesson.hours for lesson in lessons)}


@bp.get(f"{PREFIX}/")
@login_required
def list_groups():
    """The network's groups; the institution's managers also find their school's report and the register of
    documents of completion (their own institution's pages)."""
    institution = current_user.institution if has_role(*MANAGERS) else None
    return render("journal/groups.html", groups=visible_groups(), own_institution=institution)


@bp.get(f"{PREFIX}/groups/<int:group_id>")
@login_required
def show_grid(group_id: int):
    return render("journal/grid.html", **grid_context(group_id))


def nearest_lesson(lessons, chosen_id: int | None, today: date):
    """The lesson asked for, else the one nearest to today (an earlier one on a tie); None without lessons."""
    for lesson in lessons:
        if lesson.id == chosen_id:
            return lesson
    if not lessons:
        return None
    return min(lessons, key=lambda lesson: (abs((lesson.held_on - today).days), lesson.held_on > today))


@bp.get(f"{PREFIX}/groups/<int:group_id>/lesson")
@login_required
def show_lesson(group_id: int):
    """One lesson of the group as a list of its pupils (the journal on a phone): for the teacher a row of
    large buttons per pupil, each a real form that saves through ``edit_mark``; others read as the grid."""
    head, lessons = load_head_and_lessons(group_id)
    lesson = nearest_lesson(lessons, request.args.get("lesson", type=int), local_today())
    access, rows = visible_rows(head, lessons, lesson_id=lesson.id if lesson else None)
    position = lessons.index(lesson) if lesson else 0
    return render("journal/lesson.html", group=head, lessons=lessons, lesson=lesson, rows=rows, access=access,
                  Access=Access, can_edit=access is Access.EDIT,
                  previous=lessons[position - 1] if lesson and position > 0 else None,
                  following=lessons[position + 1] if lesson and position + 1 < len(lessons) else None,
                  cell_url=_cell_url(head))


def _cell_url(head) -> str:
    """The group's marks: a cell's link (``edit_mark``) is ``{this}/{lesson_id}/{enrollment_id}``, joined in Python
    per cell as plans and projects join their rows' links (a url_for per cell would cost more than the cell)."""
    return url_for("journal.show_grid", group_id=head.id) + "/marks"


def _code_choices(head) -> list[tuple[str, str]]:
    return attendance_choices() + grade_choices(head.grade_scale) + [("clear", _("очистить"))]


@bp.route(f"{PREFIX}/groups/<int:group_id>/marks/<int:lesson_id>/<int:enrollment_id>", methods=["GET", "POST"])
@login_required
def edit_mark(group_id: int, lesson_id: int, enrollment_id: int):
    """GET: the small form of one cell (the grid without JavaScript). POST: save it (a keystroke)."""
    subject = markable_cell_or_404(group_id, lesson_id, enrollment_id)
    head, home_institution_id, counts = subject["head"], subject["home_institution_id"], subject["counts"]
    choices = _code_choices(head)
    if request.method == "GET":
        return render("journal/edit_mark.html", group=head, choices=choices, lesson_id=lesson_id,
                      enrollment_id=enrollment_id, error=None, subject=subject)
    code = request.form.get("set", "")
    if code != "clear" and subject["held_on"] > local_today():  # a lesson yet to come takes no marks
        refusal = _("Занятие ещё не проведено: отметки ставятся в день занятия или позже.")
        if htmx:
            response = render("journal/_cell_refused.html", status=422, message=refusal)
            response.headers["HX-Reswap"] = "none"
            return response
        return render("journal/edit_mark.html", status=422, group=head, choices=choices, lesson_id=lesson_id,
                      enrollment_id=enrollment_id, error=refusal, subject=subject)
    saved = save_mark(head, lesson_id, enrollment_id, home_institution_id, code, counts)
    if saved is None:
        if htmx:  # a keystroke off the scale: the cell stays as it is
            response = render("journal/_cell_refused.html", status=422)
            response.headers["HX-Reswap"] = "none"
            return response
        return render("journal/edit_mark.html", status=422, group=head, choices=choices, lesson_id=lesson_id,
                      enrollment_id=enrollment_id, error=_("Выберите отметку из списка."), subject=subject)
    from_lesson = request.form.get("view") == "lesson"  # the per-lesson page: its pupil's buttons come back
    if htmx and from_lesson:
        return render("journal/_roll_marks.html", group=head, lesson_id=lesson_id, enrollment_id=enrollment_id,
                      cell=(saved.attendance, saved.grade), can_edit=True, cell_url=_cell_url(head))
    if htmx:
        return render("journal/_cell_saved.html", saved=saved, cell_html=cell_html, cell_url=_cell_url(head))
    flash(_("Отметка сохранена."), "success")
    if from_lesson:
        return redirect(url_for("journal.show_lesson", group_id=head.id, lesson=lesson_id,
                                _anchor=f"p{enrollment_id}"))
    return redirect(url_for("journal.show_grid", group_id=head.id, _anchor=f"c{enrollment_id}-{lesson_id}"))
