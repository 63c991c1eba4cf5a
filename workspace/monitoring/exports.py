"""The monitoring report as Excel: every indicator, then every chart's table, one sheet a section. Each sheet prints
as filed (core/excel.set_up_print): columns as wide as their texts, bold headers, the indicators' header frozen and
repeated on each page, A4 fitted to the width, the used range as the print area, page numbers."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from workspace.core.excel import column_widths, neutralise, ready_cells, set_up_print
from workspace.core.i18n import gettext as _
from workspace.monitoring.catalogue import LEVEL_LABELS, POINT_LABELS
from workspace.monitoring.models import POINTS

BOLD, PLAIN = "bold", "plain"
CAPTION, NOTE = "caption", "note"   # a line of text above a table (bold, plain) that does not widen its column


def _write(workbook, name: str, lines: list[tuple[str, list]], header_row: int | None) -> None:
    """``lines``: (style, values) — written after the print set-up, which must come first in a write-only sheet."""
    sheet = ready_cells(workbook.create_sheet(name))
    measured = [values for style, values in lines if style not in (CAPTION, NOTE)]
    count = max((len(values) for _style, values in lines), default=1)
    widths = column_widths([""] * count, measured)
    set_up_print(sheet, widths, last_row=len(lines), header_row=header_row)
    bold = Font(bold=True)
    for style, values in lines:
        row = []
        for value in values:
            written = WriteOnlyCell(sheet, value=neutralise(value))
            if isinstance(written.value, str):
                written.data_type = "s"  # text, never a formula
            if style in (BOLD, CAPTION):
                written.font = bold
            row.append(written)
        sheet.append(row)


def monitoring_workbook(title: str, scope, sections, indicators) -> bytes:
    workbook = Workbook(write_only=True)
    lines: list[tuple[str, list]] = [
        (CAPTION, [title]),
        (NOTE, [_("Учебный год %(year)s в сравнении с %(previous)s", year=scope.year.label,
                     previous=scope.previous.label)]),
        (PLAIN, []),
    ]
    header_row = None
    if indicators is not None:
        years = (scope.previous, scope.year)
        lines.append((BOLD, [_("Показатель"), _("Критерий"), _("Единица"), _("План"),
                             _("Факт, %(year)s", year=scope.year.label),
                             _("Факт, %(year)s", year=scope.previous.label), _("Выполнение, %"), _("Источник"),
                             _("Уровень"), _("Изменение за год"),
                             *[f"{POINT_LABELS[point]}, {year.label}" for year in years for point in POINTS]]))
        header_row = len(lines)
        lines += [(PLAIN, [row.indicator.title, row.indicator.criterion, row.indicator.unit, row.indicator.target,
                           row.fact, row.previous, row.progress, row.source_label,
                           str(LEVEL_LABELS[row.level]) if row.level else None, row.change,
                           *[row.at(year.start_year, point) for year in years for point in POINTS]])
                  for row in indicators]
    for entry, content in sections:
        lines += [(PLAIN, []), (BOLD, [str(entry.title)])]
        lines += [(PLAIN, [headline.label, headline.value, headline.previous, headline.unit])
                  for headline in content.headlines]
    _write(workbook, _("Показатели"), lines, header_row)

    used = set()
    for entry, content in sections:
        name = str(entry.title)[:31]
        while name in used:
            name = name[:29] + str(len(used))
        used.add(name)
        figure_lines: list[tuple[str, list]] = []
        for figure in content.figures:
            figure_lines.append((CAPTION, [figure.title]))
            if figure.description:
                figure_lines.append((NOTE, [figure.description]))
            figure_lines.append((BOLD, list(figure.header)))
            figure_lines += [(PLAIN, list(values)) for values in figure.rows]
            if not figure.rows:
                figure_lines.append((PLAIN, [_("Данных пока нет.")]))
            figure_lines.append((PLAIN, []))
        _write(workbook, name, figure_lines, None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
