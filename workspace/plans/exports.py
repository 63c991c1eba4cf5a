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


_WRAPPED = object()


class _Cells:
    """The cells of one write-only sheet, made cheaply: each kind of cell's style resolved once, and each
    distinct repeating text made safe once."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.plain, self.wrapped = self._style(False, False), self._style(False, True)
        self.bold, self.bold_wrapped = self._style(True, False), self._style(True, True)
        # Classes, timing, responsible, report form and status repeat from item to item: each distinct value is
        # made safe (and a status labelled) once. Numbers and titles don't repeat; keeping them would only hold memory.
        self.texts: dict[str, str] = {}
        self.statuses: dict = {}

    def _style(self, bold: bool, wrap: bool):
        """The style array (indices into the workbook's fonts, alignments…) of one kind of cell, resolved once on
        a template cell: assigning ``font``/``alignment`` hashes the style object and looks it up in the
        workbook's lists, which cost more than writing the cell; each new cell copies the array instead."""
        template = WriteOnlyCell(self.sheet)
        if bold:
            template.font = Font(bold=True)
        if wrap:
            template.alignment = Alignment(wrap_text=True, vertical="top")
        return template._style

    @staticmethod
    def safe(value: str) -> str:
        """What openpyxl's value setter would check on each cell, done here: no formula (neutralise), no character
        XML forbids (neutralise drops those openpyxl refuses), at most 32 767 characters."""
        return str(neutralise(value))[:32767]

    def text(self, text: str, style_array) -> Cell:
        written = Cell(self.sheet, row=1, column=1, style_array=style_array)
        written._value = text  # already safe: the value setter would check it again
        written.data_type = "s"  # text, never a formula or an error code
        return written

    def cell(self, value, style_array=_WRAPPED) -> Cell:
        style_array = self.wrapped if style_array is _WRAPPED else style_array  # a plain cell's array is None
        if isinstance(value, str):
            return self.text(self.safe(value), style_array)
        return Cell(self.sheet, row=1, column=1, value=value, style_array=style_array)

    def repeating(self, value) -> Cell:
        if not isinstance(value, str):
            return self.cell(value)
        text = self.texts.get(value)
        if text is None:
            text = self.texts[value] = self.safe(value)
        return self.text(text, self.wrapped)

    def status(self, value) -> Cell:
        text = self.statuses.get(value)
        if text is None:
            text = self.statuses[value] = self.safe(label(value))
        return self.text(text, self.wrapped)


def plan_workbook(plan: Plan, sections, approval: tuple[str, str] | None = None) -> bytes:
    """``sections``: [(section, items)]; ``approval``: (protocol number, date) once approved."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("План"))
    for column, width in zip("ABCDEFG", (7, 60, 12, 18, 30, 24, 14)):
        sheet.column_dimensions[column].width = width
    cells = _Cells(sheet)
    cell = cells.cell
    if plan.status == PlanStatus.APPROVED and approval:
        number, day = approval
        sheet.append([None, None, None, None, cell(_("УТВЕРЖДЕНО решением координационного совета, "
                                                       "протокол № %(number)s от %(date)s", number=number, date=day))])
    sheet.append([cell(plan.title, cells.bold)])
    sheet.append([cell(str(AcademicYear(plan.start_year)), cells.plain)])
    sheet.append([])
    sheet.append([cell(name, cells.bold_wrapped) for name in HEADER])
    for section, items in sections:
        sheet.append([cell(section.title, cells.bold)])
        for item in items:
            sheet.append([cell(item.number), cell(item.title), cells.repeating(item.audience),
                          cells.repeating(item.timing), cells.repeating(item.responsible),
                          cells.repeating(item.report_form), cells.status(item.status)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(plan: Plan) -> str:
    return f"plan-{plan.start_year}-{plan.start_year + 1}.xlsx"
