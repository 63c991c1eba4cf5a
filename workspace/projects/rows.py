"""A project's roadmap rows drawn in Python, in one pass per row (see ``workspace.core.cells``).

The templates ``projects/_roadmap.html`` and ``projects/_task_cell.html`` call these functions, so a cell
saved through htmx comes out the same as on the page."""
from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from workspace.core import cells
from workspace.core.labels import label
from workspace.core.rendering import per_request
from workspace.plans.periods import decode_periods
from workspace.projects.models import TaskStatus

ROW_FIELDS = ("task", "title", "timing", "expected_result", "report_form", "responsible", "stage_id")
OPEN = (TaskStatus.PLANNED, TaskStatus.IN_PROGRESS)


class _Texts:
    """The roadmap's own texts, translated and escaped once per request."""

    def __init__(self) -> None:
        common = self.common = per_request(cells.Texts)
        _ = common.translate
        self.unread = str(escape(_("Не удалось прочитать срок: уточните")))
        self.delete_question = _("Удалить задачу «%(title)s»?")
        self.statuses = {status: str(escape(label(status))) for status in TaskStatus}


def _cell(task, field: str, can_edit: bool, base: str, links, stage_names, texts: _Texts,
          short_title: str | None = None) -> str:
    if field == "status":
        body = texts.statuses[task.status]
    elif field == "stage_id":
        body = str(escape(stage_names.get(task.stage_id, "—") if task.stage_id else "—"))
    elif field == "timing":
        body = cells.timing(task.timing, task.starts_on, task.ends_on, texts.unread,
                            decode_periods(task.periods, task.starts_on, task.ends_on) if task.periods else None)
    else:
        body = cells.prose(getattr(task, field))
        if field == "responsible" and links and links.get(task.id):
            body += cells.linked((name for _id, name in links[task.id]), texts.common)
    return cells.cell(f"task-{task.id}-{field}", body, field == "timing" and not task.timing_is_read,
                      f"{base}{task.id}/cells/{field}" if can_edit else None, field, texts.common, task.title,
                      short_title)


def task_cell_html(task, field: str, can_edit: bool, base: str, links=None, stage_names=None) -> Markup:
    """One cell of a task (an htmx swap after an edit or a «Отмена»)."""
    return Markup(_cell(task, field, can_edit, base, links, stage_names or {}, per_request(_Texts)))


def task_rows_html(tasks, can_edit: bool, base: str, links, stage_names, status_editable, csrf: str,
                   today: date) -> Markup:
    """The roadmap's rows, one string."""
    texts = per_request(_Texts)
    rows = []
    for task in tasks:
        overdue = task.ends_on and task.ends_on < today and task.status in OPEN
        short_title = str(escape(cells.short(task.title, 40)))  # the row's cells and its actions name it
        row = "".join(_cell(task, field, can_edit, base, links, stage_names, texts, short_title)
                      for field in ROW_FIELDS)
        row += _cell(task, "status", task.id in status_editable, base, links, stage_names, texts, short_title)
        if can_edit:
            row += ('<td class="row-actions">'
                    + cells.move_and_delete(f"{base}{task.id}", f"task-{task.id}", csrf, task.title,
                                            texts.delete_question % {"title": cells.short(task.title, 60)},
                                            texts.common, short_title)
                    + "</td>")
        rows.append(f'<tr id="task-{task.id}" class="{"overdue" if overdue else ""}">'
                    f'<td>{escape(task.number)}</td>{row}</tr>')
    return Markup("".join(rows))
