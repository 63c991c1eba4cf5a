"""The interaction model (модель сетевого взаимодействия) as the network programme prints it: a table of the
partners (members or not) with their forms of interaction and the social effect, as .docx (A4, ГОСТ) and .xlsx."""
from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side

from workspace.core.documents import a4_blank, add_grid, add_grid_row, add_page_numbers, document_bytes
from workspace.core.excel import neutralise, ready_cells, row_height, set_row_height, set_up_print
from workspace.core.i18n import gettext as _
from workspace.networks.interaction import partner_kind_label, partner_name
from workspace.networks.models import PartnerKind

WIDTHS_MM = (10, 50, 60, 50)       # a portrait A4 page within the ГОСТ margins: 170 mm
WIDTHS = (6, 34, 44, 40)           # characters, on the sheet


def model_header() -> list[str]:
    return ["№", _("Социальный партнёр"), _("Формы взаимодействия"), _("Социальный эффект")]


def partner_cell(row) -> str:
    """«Полное наименование (социальный партнёр)» for a member, the typed name for the others (the kind added when
    the name does not say it), with the contact on its own line."""
    name = partner_name(row, full=True)
    if row.kind == PartnerKind.MEMBER and getattr(row, "member_role", None) is not None:
        name = f"{name} ({partner_kind_label(row).lower()})"
    return f"{name}\n{row.contact}" if row.contact else name


def forms_cell(row) -> str:
    forms = row.form_list
    if not forms:
        return "—"
    return forms[0] if len(forms) == 1 else "\n".join(f"– {form}" for form in forms)


def model_rows(network, rows) -> list[list]:
    """[№, partner, forms, effect] for the rows of the model, in its order."""
    return [[number, partner_cell(row), forms_cell(row), row.social_effect or "—"]
            for number, row in enumerate(rows, start=1)]


def model_title(network) -> list[str]:
    return [_("Модель сетевого взаимодействия"), f"«{network.name}»"]


def interaction_model_docx(network, base, rows) -> bytes:
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
    for values in model_rows(network, rows):
        add_grid_row(table, values, list(WIDTHS_MM), centred=(0,))
    return document_bytes(document)


def interaction_model_xlsx(network, model) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = ready_cells(workbook.create_sheet(_("Модель")))
    rows = model_rows(network, model)
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
            set_row_height(sheet, header_row + offset, height)
        sheet.append([cell(values[0], centred=True)] + [cell(value) for value in values[1:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
