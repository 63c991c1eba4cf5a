"""The passport as a .docx in the shape the programmes use: A4 portrait with the ГОСТ Р 7.0.97-2016 margins
(core/documents.py), the author institution, the УТВЕРЖДЕНО block of the council once approved, the title and
«Паспорт программы» as a two-column table (heading — content), page numbers from the second page."""
from __future__ import annotations

from workspace.core.documents import (
    a4_blank,
    add_approval_and_title,
    add_grid,
    add_grid_row,
    add_page_numbers,
    document_bytes,
)
from workspace.core.i18n import gettext as _
from workspace.core.words import quoted
from workspace.passport.content import Row
from workspace.plans.exports import approval_block

WIDTHS_MM = (50, 120)        # a portrait A4 page within the ГОСТ margins: 170 mm
APPROVAL_INDENT_MM = 95      # the approval block on the right 75 mm of the line


def title_lines(passport) -> list[str]:
    return [_("ПАСПОРТ ПРОГРАММЫ"), quoted(passport.name)]


def passport_document(author: str, passport, rows: list[Row], protocol) -> bytes:
    title = title_lines(passport)
    document = a4_blank(author, " ".join(title))
    add_page_numbers(document)
    author_line = document.add_paragraph()
    author_line.add_run(author).bold = True
    add_approval_and_title(document, approval_block(protocol), title, indent_mm=APPROVAL_INDENT_MM)
    widths = list(WIDTHS_MM)
    table = add_grid(document, [_("Раздел паспорта"), _("Содержание")], widths)
    for row in rows:
        added = add_grid_row(table, [row.heading, row.text], widths)
        for run in added.cells[0].paragraphs[0].runs:  # the heading of the row, bold as the programmes print it
            run.bold = True
    return document_bytes(document)


def export_filename() -> str:
    return "passport.docx"
