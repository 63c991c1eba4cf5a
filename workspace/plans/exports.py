"""A plan as Excel, in the shape institutions print: title, approval block, header, sections, rows.

The sheet reads back through the plan importer (tests prove the round trip)."""
from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font

from workspace.core.dates import AcademicYear
from workspace.core.excel import neutralise
from workspace.core.labels import label
from workspace.plans.models import Plan, PlanStatus

HEADER = ("№ п/п", "Наименование мероприятия", "Классы", "Сроки", "Ответственные", "Форма отчётности", "Статус")


def plan_workbook(plan: Plan, sections, approval: tuple[str, str] | None = None) -> bytes:
    """``sections``: [(section, items)]; ``approval``: (protocol number, date) once approved."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("План"))
    for column, width in zip("ABCDEFG", (7, 60, 12, 18, 30, 24, 14)):
        sheet.column_dimensions[column].width = width

    def style(bold: bool, wrap: bool):
        """The style array (indices into the workbook's fonts, alignments…) of one kind of cell, resolved once on
        a template cell: assigning ``font``/``alignment`` hashes the style object and looks it up in the
        workbook's lists, which cost more than writing the cell; each new cell copies the array instead."""
        template = WriteOnlyCell(sheet)
        if bold:
            template.font = Font(bold=True)
        if wrap:
            template.alignment = Alignment(wrap_text=True, vertical="top")
        return template._style

    plain, wrapped, bold, bold_wrapped = style(False, False), style(False, True), style(True, False), style(True, True)

    def safe(value: str) -> str:
        """What openpyxl's value setter would check on each cell, done here: no formula (neutralise), no character
        XML forbids (neutralise drops those openpyxl refuses), at most 32 767 characters."""
        return str(neutralise(value))[:32767]

    def text_cell(text: str, style_array) -> Cell:
        written = Cell(sheet, row=1, column=1, style_array=style_array)
        written._value = text  # already safe: the value setter would check it again
        written.data_type = "s"  # text, never a formula or an error code
        return written

    def cell(value, style_array=wrapped) -> Cell:
        if isinstance(value, str):
            return text_cell(safe(value), style_array)
        return Cell(sheet, row=1, column=1, value=value, style_array=style_array)

    # Classes, timing, responsible, report form and status repeat from item to item: each distinct value is
    # made safe (and a status labelled) once. Numbers and titles don't repeat; keeping them would only hold memory.
    texts: dict[str, str] = {}
    statuses: dict = {}

    def repeating(value) -> Cell:
        if not isinstance(value, str):
            return cell(value)
        text = texts.get(value)
        if text is None:
            text = texts[value] = safe(value)
        return text_cell(text, wrapped)

    def status(value) -> Cell:
        text = statuses.get(value)
        if text is None:
            text = statuses[value] = safe(label(value))
        return text_cell(text, wrapped)

    if plan.status == PlanStatus.APPROVED and approval:
        number, day = approval
        sheet.append([None, None, None, None, cell(_("УТВЕРЖДЕНО решением координационного совета, "
                                                       "протокол № %(number)s от %(date)s", number=number, date=day))])
    sheet.append([cell(plan.title, bold)])
    sheet.append([cell(str(AcademicYear(plan.start_year)), plain)])
    sheet.append([])
    sheet.append([cell(name, bold_wrapped) for name in HEADER])
    for section, items in sections:
        sheet.append([cell(section.title, bold)])
        for item in items:
            sheet.append([cell(item.number), cell(item.title), repeating(item.audience), repeating(item.timing),
                          repeating(item.responsible), repeating(item.report_form), status(item.status)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(plan: Plan) -> str:
    return f"plan-{plan.start_year}-{plan.start_year + 1}.xlsx"
