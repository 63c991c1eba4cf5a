"""A plan as Excel, in the shape institutions print: title, approval block, header, sections, rows.

The sheet reads back through the plan importer (tests prove the round trip)."""
from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from workspace.core.dates import AcademicYear
from workspace.core.excel import neutralise
from workspace.core.labels import label
from workspace.plans.models import Plan, PlanStatus

HEADER = ("№ п/п", "Наименование мероприятия", "Классы", "Сроки", "Ответственные", "Форма отчётности", "Статус")


def plan_workbook(plan: Plan, sections, approval: tuple[str, str] | None = None) -> bytes:
    """``sections``: [(section, items)]; ``approval``: (protocol number, date) once approved."""
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("План"))
    for column, width in zip("ABCDEFG", (7, 60, 12, 18, 30, 24, 14)):
        sheet.column_dimensions[column].width = width

    bold_font = Font(bold=True)  # one style object for every cell that uses it
    wrapped = Alignment(wrap_text=True, vertical="top")

    def cell(value, bold=False, wrap=True):
        written = WriteOnlyCell(sheet, value=neutralise(value) if isinstance(value, str) else value)
        if isinstance(written.value, str):
            written.data_type = "s"
        if bold:
            written.font = bold_font
        if wrap:
            written.alignment = wrapped
        return written

    if plan.status == PlanStatus.APPROVED and approval:
        number, day = approval
        sheet.append([None, None, None, None, cell(_("УТВЕРЖДЕНО решением координационного совета, "
                                                       "протокол № %(number)s от %(date)s", number=number, date=day))])
    sheet.append([cell(plan.title, bold=True, wrap=False)])
    sheet.append([cell(str(AcademicYear(plan.start_year)), wrap=False)])
    sheet.append([])
    sheet.append([cell(name, bold=True) for name in HEADER])
    for section, items in sections:
        sheet.append([cell(section.title, bold=True, wrap=False)])
        for item in items:
            sheet.append([cell(item.number), cell(item.title), cell(item.audience), cell(item.timing),
                          cell(item.responsible), cell(item.report_form), cell(label(item.status))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(plan: Plan) -> str:
    return f"plan-{plan.start_year}-{plan.start_year + 1}.xlsx"



