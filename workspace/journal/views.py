"""The journal grid of a group: the page, one cell's form (no JavaScript) and the cell save (htmx)."""
from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from markupsafe import Markup, escape
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workspace.core.rendering import render
from workspace.extensions import htmx
from workspace.journal import bp
from workspace.journal.grid import (Access, access_to, cell_subject, load_aggregates, load_head_and_lessons,
                                    load_rows, save_mark)
from workspace.journal.scales import (ATTENDANCE_SHORT, GRADE_KEYS_HELP, GRADE_LABELS, GRADE_SHORT, GRADES,
                                     keys_attribute)
from workspace.journal.models import Attendance

PREFIX = "/n/<network>/journal"


def cell_text(cell) -> str:
    """What a grid cell shows: the grade, else н / у, else nothing (present without a grade: «·»)."""
    if cell is None:
        return ""
    attendance, grade = cell
    if grade:
        return str(GRADE_SHORT.get(grade, grade))
    if attendance is Attendance.PRESENT:
        return "·"
    return str(ATTENDANCE_SHORT.get(attendance, ""))


def cell_class(cell) -> str:
    """The attendance as the cell's class, and «graded» when it holds a grade (a click must not cycle
    the attendance of a graded cell: an absence would erase the grade)."""
    if cell is None or cell[0] is None:
        return ""
    return f"{cell[0].value} graded" if cell[1] else cell[0].value


def _cell_str(row_id: int, lesson_id: int, text: str, css: str, can_edit: bool, cell_url: str) -> str:
    if can_edit:
        return (f'<td id="c{row_id}-{lesson_id}" class="mark {css}"><a href="{cell_url}/{lesson_id}/{row_id}" '
                f'data-cell>{text}</a></td>')
    return f'<td id="c{row_id}-{lesson_id}" class="mark {css}">{text}</td>'


def _text_and_class(cell, texts: dict) -> tuple[str, str]:
    found = texts.get(cell)
    if found is None:
        found = texts[cell] = (str(escape(cell_text(cell))), cell_class(cell))
    return found


def cell_html(row_id: int, lesson_id: int, cell, can_edit: bool, cell_url: str) -> Markup:
    """One grid cell: the saved cell of an htmx response (the grid's rows use the same ``_cell_str``)."""
    return Markup(_cell_str(row_id, lesson_id, *_text_and_class(cell, {}), can_edit, cell_url))


def row_cells_html(row, lessons, can_edit: bool, cell_url: str, texts: dict) -> Markup:
    """A row's cells in one string (35 × 70 cells: no template macro and no Markup object per cell;
    ``texts`` caches the few distinct, escaped, translated cell texts of the page)."""
    cells, row_id = row.cells, row.id
    return Markup("".join(_cell_str(row_id, lesson.id, *_text_and_class(cells.get(lesson.id), texts), can_edit,
                                    cell_url) for lesson in lessons))


def grid_context(group_id: int) -> dict:
    head, lessons = load_head_and_lessons(group_id)
    access = access_to(head)
    rows = []
    if access in (Access.EDIT, Access.FULL):
        rows = load_rows(head, lessons)
    elif access is Access.OWN_ROWS:
        rows = load_rows(head, lessons, home_institution_id=current_user.institution_id)
        if not rows:
            access = Access.AGGREGATES if g.get("seat") is not None else None
            if access:
                load_aggregates(head, lessons)
    elif access is Access.AGGREGATES:
        load_aggregates(head, lessons)
    if access is None:
        abort(404)
    present = sum(lesson.present for lesson in lessons)
    marked = sum(lesson.marked for lesson in lessons)
    return {"group": head, "lessons": lessons, "rows": rows, "access": access, "Access": Access,
            "can_edit": access is Access.EDIT, "overall": round(100 * present / marked) if marked else None,
            "cell_url": url_for("journal.edit_mark", group_id=head.id, lesson_id=0, enrollment_id=0)[:-4],
            "keys": keys_attribute(head.grade_scale), "grade_keys_help": GRADE_KEYS_HELP[head.grade_scale],
            "row_cells_html": row_cells_html, "texts": {},
            "hours_held": sum(lesson.hours for lesson in lessons)}


@bp.get(f"{PREFIX}/")
@login_required
def list_groups():
    from workspace.journal.queries import visible_groups
    return render("journal/groups.html", groups=visible_groups())


@bp.get(f"{PREFIX}/groups/<int:group_id>")
@login_required
def show_grid(group_id: int):
    return render("journal/grid.html", **grid_context(group_id))


def _code_choices(head) -> list[tuple[str, str]]:
    return ([(attendance.value, label) for attendance, label in (
        (Attendance.PRESENT, _("присутствовал")), (Attendance.ABSENT, _("отсутствовал")),
        (Attendance.EXCUSED, _("уважительная причина")))]
        + [(grade, str(GRADE_LABELS[grade])) for grade in GRADES[head.grade_scale]]
        + [("clear", _("очистить"))])


@bp.route(f"{PREFIX}/groups/<int:group_id>/marks/<int:lesson_id>/<int:enrollment_id>", methods=["GET", "POST"])
@login_required
def edit_mark(group_id: int, lesson_id: int, enrollment_id: int):
    """GET: the small form of one cell (the grid without JavaScript). POST: save it (a keystroke)."""
    subject = cell_subject(group_id, lesson_id, enrollment_id)
    head, home_institution_id, counts = subject["head"], subject["home_institution_id"], subject["counts"]
    if head.teacher_id != current_user.id:
        abort(403 if current_user.institution_id == head.provider_institution_id else 404)
    choices = _code_choices(head)
    if request.method == "GET":
        return render("journal/edit_mark.html", group=head, choices=choices, lesson_id=lesson_id,
                      enrollment_id=enrollment_id, error=None, subject=subject)
    code = request.form.get("set", "")
    saved = save_mark(head, lesson_id, enrollment_id, home_institution_id, code, counts)
    if saved is None:
        if htmx:  # a keystroke off the scale: the cell stays as it is
            response = render("journal/_cell_refused.html", status=422)
            response.headers["HX-Reswap"] = "none"
            return response
        return render("journal/edit_mark.html", status=422, group=head, choices=choices, lesson_id=lesson_id,
                      enrollment_id=enrollment_id, error=_("Выберите отметку из списка."), subject=subject)
    if htmx:
        return render("journal/_cell_saved.html", saved=saved, cell_html=cell_html,
                      cell_url=url_for("journal.edit_mark", group_id=head.id, lesson_id=0, enrollment_id=0)[:-4])
    flash(_("Отметка сохранена."), "success")
    return redirect(url_for("journal.show_grid", group_id=head.id, _anchor=f"c{enrollment_id}-{lesson_id}"))
