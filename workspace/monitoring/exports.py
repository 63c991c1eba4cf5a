"""The monitoring report as Excel: every indicator, then every chart's table, one sheet a section."""
from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from workspace.core.excel import neutralise


def monitoring_workbook(title: str, scope, sections, indicators) -> bytes:
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def cell(sheet, value, is_bold=False):
        written = WriteOnlyCell(sheet, value=neutralise(value))
        if isinstance(written.value, str):
            written.data_type = "s"  # text, never a formula
        if is_bold:
            written.font = bold
        return written

    sheet = workbook.create_sheet(_("Показатели"))
    sheet.column_dimensions["A"].width = 50
    sheet.append([cell(sheet, title, True)])
    sheet.append([cell(sheet, _("Учебный год %(year)s в сравнении с %(previous)s", year=scope.year.label,
                                previous=scope.previous.label))])
    sheet.append([])
    if indicators is not None:
        sheet.append([cell(sheet, name, True) for name in (
            _("Показатель"), _("Критерий"), _("Единица"), _("План"), _("Факт, %(year)s", year=scope.year.label),
            _("Факт, %(year)s", year=scope.previous.label), _("Выполнение, %"), _("Источник"))])
        for row in indicators:
            sheet.append([cell(sheet, value) for value in (
                row.indicator.title, row.indicator.criterion, row.indicator.unit, row.indicator.target, row.fact,
                row.previous, row.progress, row.source_label)])
    for entry, content in sections:
        sheet.append([])
        sheet.append([cell(sheet, str(entry.title), True)])
        for headline in content.headlines:
            sheet.append([cell(sheet, headline.label), cell(sheet, headline.value), cell(sheet, headline.previous),
                          cell(sheet, headline.unit)])
    used = set()
    for entry, content in sections:
        name = str(entry.title)[:31]
        while name in used:
            name = name[:29] + str(len(used))
        used.add(name)
        section_sheet = workbook.create_sheet(name)
        section_sheet.column_dimensions["A"].width = 40
        for figure in content.figures:
            section_sheet.append([cell(section_sheet, figure.title, True)])
            if figure.description:
                section_sheet.append([cell(section_sheet, figure.description)])
            section_sheet.append([cell(section_sheet, name, True) for name in figure.header])
            for values in figure.rows:
                section_sheet.append([cell(section_sheet, value) for value in values])
            if not figure.rows:
                section_sheet.append([cell(section_sheet, _("Данных пока нет."))])
            section_sheet.append([])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
