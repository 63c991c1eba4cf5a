"""A group's journal cells drawn in Python, in one pass per row, as plans and projects draw their rows.

A grid page holds up to 35 pupils × 70 lessons: no template macro and no Markup object per cell. The templates
``journal/_grid.html`` and ``journal/_cell_saved.html`` call these functions, so a cell saved through htmx comes
out the same as on the page; the Excel export writes ``cell_text``."""
from __future__ import annotations

from markupsafe import Markup, escape

from workspace.journal.models import Attendance
from workspace.journal.scales import ATTENDANCE_SHORT, GRADE_SHORT


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


def attestation_cell_html(row_id: int, attestation_id: int, result: str | None, can_edit: bool, url: str) -> Markup:
    """One attestation result cell (``a{row}-{attestation}``): «зч»/«нз» or the grade; a click opens its form."""
    text = escape(GRADE_SHORT.get(result or "", result or ""))
    css = "mark graded attest" + (" failed" if result in ("fail", "2") else "")
    if can_edit:
        return Markup(f'<td id="a{row_id}-{attestation_id}" class="{css}"><a href="{url}/{attestation_id}/{row_id}" '
                      f'data-cell>{text}</a></td>')
    return Markup(f'<td id="a{row_id}-{attestation_id}" class="{css}">{text}</td>')


def row_results_html(row, attestations, can_edit: bool, url: str) -> Markup:
    results = row.results
    return Markup("".join(attestation_cell_html(row.id, column.id, results.get(column.id), can_edit, url)
                          for column in attestations))
