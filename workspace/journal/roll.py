"""One pupil's mark of a lesson on the per-lesson page (the journal on a phone), drawn in Python.

For the teacher it is one form of large buttons (each saves at once through the cell save; htmx swaps the
block, and without JavaScript the page comes back); for others the mark in words. A lesson of 30 pupils drew a
template include of up to ten buttons per pupil: half of the page's time. The page and the htmx answer to a tap
both call ``roll_marks_html``, so the block swapped in is the page's block. Each button has an id, so htmx gives
the focus back to the tapped button after the swap."""
from __future__ import annotations

from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from workspace.core.i18n import gettext as _
from workspace.core.rendering import per_request
from workspace.journal.models import Attendance
from workspace.journal.scales import GRADE_LABELS, GRADES


def attendance_choices() -> list[tuple[str, str]]:
    return [(Attendance.PRESENT.value, _("присутствовал")), (Attendance.ABSENT.value, _("отсутствовал")),
            (Attendance.EXCUSED.value, _("уважительная причина"))]


def attendance_buttons() -> list[tuple[str, str]]:
    """The per-lesson page's attendance buttons: short words that fit three in a row on a phone."""
    return [(Attendance.PRESENT.value, _("был")), (Attendance.ABSENT.value, _("не был")),
            (Attendance.EXCUSED.value, _("уваж. причина"))]


def grade_choices(grade_scale: str) -> list[tuple[str, str]]:
    return [(grade, str(GRADE_LABELS[grade])) for grade in GRADES[grade_scale]]


def mark_text(cell) -> str:
    """A pupil's mark of one lesson in words (the per-lesson page read by others than the teacher)."""
    if cell is None or (cell[0] is None and not cell[1]):
        return _("не отмечено")
    words = [label for code, label in attendance_choices() if cell[0] is not None and code == cell[0].value]
    if cell[1]:
        words.append(_("оценка: %(grade)s", grade=GRADE_LABELS.get(cell[1], cell[1])))
    return ", ".join(words)


class _Texts:
    """The block's constant texts, translated and escaped once per request."""

    def __init__(self) -> None:
        self.attendance = str(escape(_("Посещение")))
        self.grade = str(escape(_("Оценка")))
        self.clear = str(escape(_("очистить")))
        self.buttons = [(code, str(escape(label)), f' class="roll-{code}"') for code, label in attendance_buttons()]
        self.grades: dict[str, list[tuple[str, str]]] = {}  # per grade scale: (code, escaped label)

    def grades_of(self, grade_scale: str) -> list[tuple[str, str]]:
        found = self.grades.get(grade_scale)
        if found is None:
            found = self.grades[grade_scale] = [(str(escape(code)), str(escape(label)))
                                                for code, label in grade_choices(grade_scale)]
        return found


def _pressed(code: str, chosen: str) -> str:
    return "true" if code == chosen else "false"


def roll_marks_html(enrollment_id: int, lesson_id: int, cell, can_edit: bool, cell_url: str,
                    grade_scale: str) -> Markup:
    """The block ``m{enrollment_id}`` of one pupil; ``cell`` is (attendance, grade) or None."""
    attendance = cell[0].value if cell and cell[0] else ""
    grade = cell[1] if cell and cell[1] else ""
    css = f"roll-marks {attendance}" if attendance else "roll-marks"
    if not can_edit:
        return Markup(f'<div id="m{enrollment_id}" class="{css}"><p>{escape(mark_text(cell))}</p></div>')
    texts = per_request(_Texts)
    url = f"{escape(cell_url)}/{lesson_id}/{enrollment_id}"
    e = enrollment_id
    buttons = "".join(
        f'<button type="submit" name="set" value="{code}" id="b{e}-{code}"{css_class} '
        f'aria-pressed="{_pressed(code, attendance)}">{label}</button>'
        for code, label, css_class in texts.buttons)
    grades = "".join(
        f'<button type="submit" name="set" value="{code}" id="b{e}-{code}" '
        f'aria-pressed="{_pressed(code, grade)}">{label}</button>'
        for code, label in texts.grades_of(grade_scale))
    clear = (f'<button type="submit" name="set" value="clear" class="roll-clear" title="{texts.clear}">×'
             f'<span class="visually-hidden"> {texts.clear}</span></button>' if attendance or grade else "")
    return Markup(
        f'<div id="m{e}" class="{css}">'
        f'<form method="post" action="{url}" hx-post="{url}" hx-target="#m{e}" hx-swap="outerHTML">'
        f'<input type="hidden" name="csrf_token" value="{escape(generate_csrf())}">'
        f'<input type="hidden" name="view" value="lesson">'
        f'<div class="roll-buttons attendance" role="group" aria-labelledby="n{e} a{e}">'
        f'<span id="a{e}" class="visually-hidden">{texts.attendance}</span>{buttons}</div>'
        f'<div class="roll-buttons grades" role="group" aria-labelledby="n{e} g{e}">'
        f'<span id="g{e}" class="visually-hidden">{texts.grade}</span>{grades}{clear}</div>'
        f'</form></div>')
