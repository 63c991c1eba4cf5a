"""Word documents (.docx) the product produces: A4 with the margins and requisites of ГОСТ Р 7.0.97-2016
(the institution as author above the title, the date, Times New Roman). python-docx."""
from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from workspace.core.dates import ru_date

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def a4_blank(author: str, title: str, font_size: int = 12):
    """An empty A4 document as ГОСТ Р 7.0.97-2016 sets the page: margins 20 mm top and bottom, 30 mm left,
    10 mm right; Times New Roman; the institution as its author (never «python-docx»), its title."""
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(10)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(font_size)
    properties = document.core_properties
    properties.author = properties.last_modified_by = author
    properties.title = title
    properties.comments = ""
    return document


def a4_document(author: str, title: str, on: date | None = None, font_size: int = 12):
    """A new A4 document (``a4_blank``) with the author (institution) and date above the title, centred."""
    document = a4_blank(author, title, font_size)
    document.add_paragraph().add_run(author).bold = True
    document.add_paragraph(ru_date(on or date.today()))
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(title).bold = True
    return document


def add_table(document, header: list[str], rows: list[list[str]]) -> None:
    """A bordered table with a bold header row (repeated on each page)."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    header_flag = OxmlElement("w:tblHeader")
    header_flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header_flag)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = "" if text is None else str(text)


def document_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
