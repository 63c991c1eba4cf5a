"""What a grid cell may hold: attendance codes and the grades of each programme scale.

The cell save takes one code (``set``): an attendance code, a grade of the programme's scale, or
``clear``. A grade implies presence; an absence clears the grade. Short cell texts are what the grid
shows; keys are what app.js sends for a keystroke (the grid carries them in ``data-keys``)."""
from __future__ import annotations

from workspace.core.i18n import lazy_gettext as _l
from workspace.journal.models import Attendance
from workspace.programmes.models import GradeScale

GRADES: dict[GradeScale, tuple[str, ...]] = {
    GradeScale.FIVE_POINT: ("5", "4", "3", "2"),
    GradeScale.PASS_FAIL: ("pass", "fail"),
    GradeScale.LEVELS: ("high", "medium", "low"),
}

GRADE_LABELS = {
    "5": "5", "4": "4", "3": "3", "2": "2",
    "pass": _l("зачёт"), "fail": _l("незачёт"),
    "high": _l("высокий"), "medium": _l("средний"), "low": _l("низкий"),
}
# What a cell shows (one or two letters: the grid of 70 lessons must stay narrow).
GRADE_SHORT = {"5": "5", "4": "4", "3": "3", "2": "2", "pass": _l("зч"), "fail": _l("нз"),
               "high": _l("В"), "medium": _l("С"), "low": _l("Н")}
ATTENDANCE_SHORT = {Attendance.PRESENT: "", Attendance.ABSENT: _l("н"), Attendance.EXCUSED: _l("у")}

# Keys (lower-case, both layouts) → code. Digits are grades; the scale decides what they mean.
ATTENDANCE_KEYS = {"н": "absent", "n": "absent", "у": "excused", "e": "excused", " ": "present", "п": "present",
                   "p": "present", "Delete": "clear", "Backspace": "clear"}
GRADE_KEYS: dict[GradeScale, dict[str, str]] = {
    GradeScale.FIVE_POINT: {"5": "5", "4": "4", "3": "3", "2": "2"},
    GradeScale.PASS_FAIL: {"1": "pass", "з": "pass", "0": "fail"},
    GradeScale.LEVELS: {"3": "high", "2": "medium", "1": "low"},
}

ATTENDANCE_CODES = {attendance.value: attendance for attendance in Attendance}


def apply_code(scale: GradeScale, code: str, attendance: Attendance | None,
               grade: str | None) -> tuple[Attendance | None, str | None] | None:
    """The cell's new (attendance, grade) after ``code``, or None when the code is not allowed."""
    if code == "clear":
        return None, None
    if code in ATTENDANCE_CODES:
        chosen = ATTENDANCE_CODES[code]
        return chosen, grade if chosen is Attendance.PRESENT else None
    if code in GRADES[scale]:
        return Attendance.PRESENT, code
    return None


def keys_attribute(scale: GradeScale) -> str:
    """``key:code`` pairs for data-keys (space written as «Space»)."""
    keys = {**ATTENDANCE_KEYS, **GRADE_KEYS[scale]}
    return ",".join(f"{'Space' if key == ' ' else key}:{code}" for key, code in keys.items())


def grade_value(grade: str | None) -> float | None:
    """A numeric value for averages: five-point grades as they are, pass 1 / fail 0, levels 3/2/1."""
    return {"5": 5.0, "4": 4.0, "3": 3.0, "2": 2.0, "pass": 1.0, "fail": 0.0,
            "high": 3.0, "medium": 2.0, "low": 1.0}.get(grade or "")


def percent(present: int, marked: int) -> int | None:
    """Attendance %: lessons present of the lessons with attendance marked (excused counts as missed)."""
    return round(100 * present / marked) if marked else None


GRADE_KEYS_HELP = {
    GradeScale.FIVE_POINT: _l("5, 4, 3, 2 — оценка"),
    GradeScale.PASS_FAIL: _l("1 или з — зачёт, 0 — незачёт"),
    GradeScale.LEVELS: _l("3 — высокий уровень, 2 — средний, 1 — низкий"),
}
