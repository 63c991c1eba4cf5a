"""The interaction model (модель сетевого взаимодействия) as the network programme prints it: a table of the
partners with their forms of interaction and the social effect, as .docx (A4, ГОСТ) and .xlsx."""
from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side

from tenants.models import MemberRole
from workspace.core.documents import a4_blank, add_grid, add_grid_row, add_page_numbers, document_bytes
from workspace.core.excel import neutralise, row_height, set_up_print
from workspace.core.labels import label

WIDTHS_MM = (10, 50, 60, 50)       # a portrait A4 page within the ГОСТ margins: 170 mm
WIDTHS = (6, 34, 44, 40)           # characters, on the sheet


def model_header() -> list[str]:
    return ["№", _("Партнёр"), _("Формы взаимодействия"), _("Социальный эффект")]


def model_rows(network, members) -> list[list]:
    """[№, partner, forms, effect]: every member but the base institution (the model is its partners'), the base
    too when its own forms or effect are written down."""
    rows = []
    for member in members:
        is_base = member.role == MemberRole.BASE or member.institution_id == network.base_institution_id
        if is_base and not (member.interaction_forms or member.social_effect):
            continue
        partner = f"{member.institution.full_name or member.institution.short_name} ({label(member.role).lower()})"
        rows.append([len(rows) + 1, partner, member.interaction_forms or "—", member.social_effect or "—"])
    return rows


def model_title(network) -> list[str]:
    return [_("Модель сетевого взаимодействия"), f"«{network.name}»"]


def interaction_model_docx(network, base, members) -> bytes:
    title = model_title(network)
    document = a4_blank(base.full_name if base else "", " ".join(title))
    add_page_numbers(document)
    author = document.add_paragraph()
    author.add_run(base.full_name if base else "").bold = True
    for index, line in enumerate(title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0 if index < len(title) - 1 else 12)
        paragraph.add_run(line).bold = True
    table = add_grid(document, model_header(), list(WIDTHS_MM))
    for values in model_rows(network, members):
        add_grid_row(table, values, list(WIDTHS_MM), centred=(0,))
    return document_bytes(document)


def interaction_model_xlsx(network, members) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Модель"))
    rows = model_rows(network, members)
    title = model_title(network)
    header_row = len(title) + 2
    set_up_print(sheet, WIDTHS, last_row=header_row + len(rows), header_row=header_row, landscape=False)
    thin = Side(style="thin")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)

    def cell(value, bold=False, bordered=True, centred=False):
        written = WriteOnlyCell(sheet, value=neutralise(value))
        if isinstance(written.value, str):
            written.data_type = "s"  # text, never a formula
        written.font = Font(bold=bold)
        written.alignment = Alignment(wrap_text=bordered, vertical="top",
                                      horizontal="center" if centred else None)
        if bordered:
            written.border = grid
        return written

    for number, line in enumerate(title, start=1):
        sheet.append([cell(line, bold=True, bordered=False, centred=True)])
        sheet.merged_cells.add(f"A{number}:D{number}")
    sheet.append([])
    sheet.append([cell(name, bold=True, centred=True) for name in model_header()])
    for offset, values in enumerate(rows, start=1):
        height = row_height(values, WIDTHS)
        if height:
            sheet.row_dimensions[header_row + offset].height = height
        sheet.append([cell(values[0], centred=True)] + [cell(value) for value in values[1:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
