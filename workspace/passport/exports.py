"""The passport as a .docx in the shape the programmes use: A4 portrait with the ГОСТ Р 7.0.97-2016 margins
(core/documents.py), the author institution, the УТВЕРЖДЕНО block of the council once approved, the title and
«Паспорт программы» as a two-column table (heading — content), page numbers from the second page."""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from flask_babel import gettext as _

from workspace.core.documents import a4_blank, add_grid, add_grid_row, add_page_numbers, document_bytes
from workspace.core.words import quoted
from workspace.passport.content import Row
from workspace.plans.exports import approval_lines

WIDTHS_MM = (50, 120)        # a portrait A4 page within the ГОСТ margins: 170 mm
APPROVAL_INDENT_MM = 95      # the approval block on the right 75 mm of the line


def approval_block(protocol) -> list[str]:
    """«УТВЕРЖДЕНО / решением координационного совета, / протокол № 2 от 28.08.2026» once the council approved the
    passport (``protocol``: its number and date), nothing before."""
    if protocol is None:
        return []
    number, day = protocol
    return approval_lines((number, day.strftime("%d.%m.%Y")), "", None)


def title_lines(passport) -> list[str]:
    return [_("ПАСПОРТ ПРОГРАММЫ"), quoted(passport.name)]


def passport_document(author: str, passport, rows: list[Row], protocol) -> bytes:
    title = title_lines(passport)
    document = a4_blank(author, " ".join(title))
    add_page_numbers(document)
    author_line = document.add_paragraph()
    author_line.add_run(author).bold = True
    block = approval_block(protocol)
    if block:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Mm(APPROVAL_INDENT_MM)
        paragraph.paragraph_format.space_after = Pt(12)
        for index, line in enumerate(block):
            run = paragraph.add_run(line)
            run.bold = index == 0
            if index < len(block) - 1:
                run.add_break()
    for index, line in enumerate(title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0 if index < len(title) - 1 else 12)
        paragraph.add_run(line).bold = True
    widths = list(WIDTHS_MM)
    table = add_grid(document, [_("Раздел паспорта"), _("Содержание")], widths)
    for row in rows:
        added = add_grid_row(table, [row.heading, row.text], widths)
        for run in added.cells[0].paragraphs[0].runs:  # the heading of the row, bold as the programmes print it
            run.bold = True
    return document_bytes(document)


def export_filename() -> str:
    return "passport.docx"
