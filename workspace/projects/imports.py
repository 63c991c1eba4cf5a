"""Roadmap import: an uploaded sheet read by the plan importer's own header and timing reading
(reading/reading.py finds the table wherever it is, reading/timing.py reads the terms), shown as a preview,
then saved whole in one transaction.

A roadmap has two columns a plan has not: «Задача» and «Ожидаемый результат». The plan reader maps a
«результат» header to its report form and keeps unknown headers as extra columns; here the header texts
decide which is which, so «Форма отчётности», «Ожидаемый результат», «Задача», «Ответственный» all land
in their own fields, whatever the column order. A header in two levels («Ответственный» over «от школы |
от партнёра») gives the reader's joined values; a cell of a column no field takes is a doubt on its row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.import_preview import (
    ImportKind,
    Preview,
    PreviewColumn,
    PreviewRow,
    marked_rows_from_form,
    sheet_of,
)
from workspace.core.spreadsheets import Sheet, clean_text
from workspace.core.word_tables import read_table_file
from workspace.core.words import plural
from workspace.plans.imports import candidates, check_title_and_timing
from workspace.projects.editing import add_task, next_position
from workspace.projects.models import ProjectTask
from workspace.reading.matching import Candidate, find_institutions
from workspace.reading.reading import cell_text, choose_sheet, find_table
from workspace.reading.timing import read_timing

MAX_ROADMAP_ROWS = 1000
COLUMNS = (PreviewColumn("number", "№", "number"), PreviewColumn("task", _l("Задача"), "long"),
           PreviewColumn("title", _l("Мероприятие"), "long"), PreviewColumn("timing", _l("Срок")),
           PreviewColumn("expected_result", _l("Ожидаемый результат")),
           PreviewColumn("report_form", _l("Форма отчётности")), PreviewColumn("responsible", _l("Ответственный")))
ROW_FIELDS = tuple(column.name for column in COLUMNS)
LIMITS = {"number": 20, "task": 2000, "title": 2000, "timing": 200, "expected_result": 2000, "report_form": 2000,
          "responsible": 1000}
_RESULT = re.compile(r"результат|эффект")
_REPORT = re.compile(r"отчет|отчёт")
_TASK = re.compile(r"^\W*(?:основные\s+|конкретные\s+)?задач")
_RESPONSIBLE = re.compile(r"ответствен|исполнител|организатор")


@dataclass
class RoadmapRow(PreviewRow):
    number: str = ""
    task: str = ""
    title: str = ""
    timing: str = ""
    expected_result: str = ""
    report_form: str = ""
    responsible: str = ""


def read_roadmap_file(content: bytes) -> list[Sheet]:
    """A roadmap in Excel (.xlsx) or in Word (.docx), told by its content (core/word_tables.py)."""
    no_table = _("В документе нет таблицы с дорожной картой. Задачи дорожной карты должны быть в таблице Word.")
    return read_table_file(content, max_rows=MAX_ROADMAP_ROWS + 200, no_table=no_table)


def check_row(row: RoadmapRow, year: AcademicYear, members: list[Candidate]) -> RoadmapRow:
    """(Re)read a row: dates from the term, institutions from the responsible text."""
    check_title_and_timing(row, read_timing(row.timing, year), untitled=_("нет мероприятия"),
                           unread=_("срок «%(text)s» не прочитан — останется текстом", text=row.timing),
                           missing=_("срок не указан"))
    row.institutions = find_institutions(row.responsible, members)
    if any(len(getattr(row, name)) > limit for name, limit in LIMITS.items()):
        row.errors.append(_("слишком длинный текст"))
    return row


def _header_text(rows: list[tuple], header_index: int, column: int) -> str:
    row = rows[header_index]
    return (cell_text(row[column]) or "").lower().replace("ё", "е") if column < len(row) else ""


def _roadmap_columns(rows: list[tuple], table) -> dict[str, int]:
    """The plan reader's columns, renamed for a roadmap by their header texts."""
    columns: dict[str, int] = {}
    for key, at in table.columns.items():
        if key in ("number", "title", "timing", "responsible"):
            columns[key] = at
        elif key == "report_form":
            text = _header_text(rows, table.header_row_index, at)
            columns["expected_result" if _RESULT.search(text) and not _REPORT.search(text) else "report_form"] = at
        elif key == "partner" and "responsible" not in table.columns:
            columns["responsible"] = at
    for at in table.extra_columns:
        text = _header_text(rows, table.header_row_index, at)
        for key, pattern in (("task", _TASK), ("expected_result", _RESULT), ("report_form", _REPORT),
                             ("responsible", _RESPONSIBLE)):
            if key not in columns and pattern.search(text):
                columns[key] = at
                break
    return columns


def _choose(sheets: list[Sheet]) -> int | None:
    found = choose_sheet([(sheet.title, sheet.rows) for sheet in sheets])
    return 0 if found is None and len(sheets) == 1 else found  # the only sheet: say what is missing in it


def preview_from_sheets(sheets: list[Sheet], year: AcademicYear, sheet_index: int | None) -> Preview:
    sheet_index, unread = sheet_of(sheets, sheet_index, _choose,
                                   _("Не удалось понять, на каком листе дорожная карта: выберите лист."),
                                   _("Такого листа в файле нет."))
    if unread:
        return unread
    names = [sheet.title for sheet in sheets]
    rows = sheets[sheet_index].rows
    table = find_table(rows)
    if table.header_row_index is None or not table.items:
        return Preview([], sheet_index, names, _("Не найдена таблица дорожной карты: нужны столбцы "
                                                        "«Мероприятие» (или «Задача», «Содержание работы») и хотя бы "
                                                        "один из «Срок», «Ответственный», «Форма отчётности»."))
    if len(table.items) > MAX_ROADMAP_ROWS:
        row_noun = _("строка")
        return Preview([], sheet_index, names, _("В дорожной карте больше %(rows)s.", rows=plural(MAX_ROADMAP_ROWS, row_noun, case="gent")))
    columns = _roadmap_columns(rows, table)
    taken = set(columns.values())
    grouped = {at: key for key, at in columns.items() if at in _grouped_columns(table)}
    members = candidates()
    result = []
    for raw in table.items:
        cells = rows[raw.line - 1]
        values = {key: clean_text(cell_text(cells[at]) if at < len(cells) else None) for key, at in columns.items()}
        for at, key in grouped.items():  # a header in two levels: the reader joined the sub-columns
            values[key] = clean_text(getattr(raw, _plan_key(table, at)))
        values["title"] = clean_text(raw.title)  # the reader's title keeps a multi-line cell whole
        values["task"] = values.get("task") or clean_text(raw.section)  # «Задача 1. …» rows above their events
        if raw.partner and table.columns.get("partner") not in taken:  # «Социальный партнёр» beside «Ответственный»
            values["responsible"] = "\n".join(dict.fromkeys(text for text in (values.get("responsible"),
                                                                             clean_text(raw.partner)) if text))
        other = [(name, text) for at, name in table.extra_columns.items() if at not in taken
                 for text in [raw.extra.get(name)] if text]
        result.append(check_row(RoadmapRow(line=raw.line, other=other, **values), year, members))
    return Preview(result, sheet_index, names, caption=table.caption or "", skipped=table.stamps + table.footnotes)


def _grouped_columns(table) -> set[int]:
    return {table.columns[key] for key in table.groups}


def _plan_key(table, at: int) -> str:
    return next(key for key, column in table.columns.items() if column == at)


def preview_from_form(form, year: AcademicYear) -> Preview:
    """The preview as the user corrected it."""
    members = candidates()
    return Preview([check_row(RoadmapRow(line=line, **values, **marks), year, members)
                    for line, values, marks in marked_rows_from_form(
                        form, {name: LIMITS[name] + 1 for name in ROW_FIELDS}, MAX_ROADMAP_ROWS)], None, [])


def save_preview(project, preview: Preview) -> int:
    """Append every row to the roadmap (one transaction: the request's). Returns the number of tasks saved."""
    members = candidates()
    position = next_position(ProjectTask, project.id)
    for offset, row in enumerate(preview.rows):
        add_task(project, {name: getattr(row, name) for name in ROW_FIELDS}, members, position=position + offset)
    return len(preview.rows)


ROADMAP_IMPORT = ImportKind(read=read_roadmap_file, from_sheets=preview_from_sheets, from_form=preview_from_form,
                            columns=COLUMNS, upload_template="projects/import.html",
                            preview_template="projects/preview.html")
