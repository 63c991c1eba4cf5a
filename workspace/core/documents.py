"""Word documents (.docx) the product produces: A4 with the margins and requisites of ГОСТ Р 7.0.97-2016
(the institution as author above the title, the date, Times New Roman). python-docx."""
from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import _Row

from workspace.core.dates import local_today, ru_date
from workspace.core.excel import ILLEGAL_XML

TWIPS_PER_MM = 1440 / 25.4
DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def a4_blank(author: str, title: str, font_size: int = 12, *, landscape: bool = False):
    """An empty A4 document as ГОСТ Р 7.0.97-2016 sets the page: margins 20 mm top and bottom, 30 mm left,
    10 mm right; Times New Roman; the institution as its author (never «python-docx»), its title. ``landscape``
    turns the sheet (a wide table: a plan, a model of interaction); the margins stay as the standard sets them."""
    document = Document()
    for section in document.sections:
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
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
    document.add_paragraph(ru_date(on or local_today()))
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(title).bold = True
    return document


def add_table(document, header: list[str], rows: list[list[str]], widths_mm: list[float] | None = None):
    """A bordered table with a bold header row (repeated on each page); ``widths_mm`` fixes the columns."""
    table = add_grid(document, header, widths_mm)
    for values in rows:
        add_grid_row(table, values, widths_mm)
    return table


def add_grid(document, header: list[str], widths_mm: list[float] | None = None, *, font_size: int | None = None):
    """A bordered table of one bold header row, marked to repeat at the top of each page (w:tblHeader), its
    columns as wide as ``widths_mm`` (Word and LibreOffice read the width of each cell, not of the column)."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if widths_mm:
        table.autofit = False
        for column, width in zip(table.columns, widths_mm):
            column.width = Mm(width)  # the grid: LibreOffice lays the table out by it
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        if font_size:
            run.font.size = Pt(font_size)
    _set_widths(table.rows[0], widths_mm)
    header_flag = OxmlElement("w:tblHeader")
    header_flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header_flag)
    return table


def add_grid_row(table, values, widths_mm: list[float] | None = None, *, bold: bool = False,
                 font_size: int | None = None, centred: tuple[int, ...] = ()):
    """One row of texts, kept whole on one page (w:cantSplit); a single value spans the whole row (a section of a
    plan); the columns of ``centred`` centred. The row is written as one piece of XML: building it element by
    element through python-docx costs seconds for a plan of a thousand items."""
    columns = len(table._tbl.tblGrid.gridCol_lst)
    span = len(values) == 1 and columns > 1
    widths = [sum(widths_mm)] if span and widths_mm else list(widths_mm or [])
    cells = []
    for index, value in enumerate(values):
        properties = f'<w:tcW w:w="{round(widths[index] * TWIPS_PER_MM)}" w:type="dxa"/>' if index < len(widths) else ""
        if span:
            properties += f'<w:gridSpan w:val="{columns}"/>'
        paragraph = '<w:spacing w:after="0"/>' + ('<w:jc w:val="center"/>' if index in centred else "")
        run = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{font_size * 2}"/>' if font_size else "")
        text = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(part)}</w:t>' for part in _text(value).split("\n"))
        cells.append(f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:pPr>{paragraph}</w:pPr>"
                     f"<w:r><w:rPr>{run}</w:rPr>{text}</w:r></w:p></w:tc>")
    row = parse_xml(f'<w:tr {nsdecls("w")}><w:trPr><w:cantSplit/></w:trPr>{"".join(cells)}</w:tr>')
    table._tbl.append(row)
    return _Row(row, table)


def _text(value) -> str:
    """A value as a cell's text, without the control characters XML refuses (an imported cell may hold one)."""
    return "" if value is None else ILLEGAL_XML.sub("", str(value))


def _set_widths(row, widths_mm) -> None:
    if widths_mm:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)


def add_page_numbers(document) -> None:
    """Page numbers as ГОСТ Р 7.0.97-2016 (п. 5.2) places them: arabic numerals in the middle of the top margin,
    from the second page on (the first page has its own, empty header)."""
    for section in document.sections:
        section.different_first_page_header_footer = True
        section.header_distance = Mm(10)
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_field(paragraph.add_run(), "PAGE")


def _add_field(run, instruction: str) -> None:
    begin, text, separate, shown, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"),
                                         OxmlElement("w:fldChar"), OxmlElement("w:t"), OxmlElement("w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate.set(qn("w:fldCharType"), "separate")
    shown.text = "1"
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._r.append(element)


def document_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_approval_and_title(document, approval: list[str], title: list[str], *, indent_mm: float) -> None:
    """The grant of approval at the right of the first page («УТВЕРЖДЕНО» bold, one line under another, from
    ``indent_mm``), when there is one, then the title centred in bold, 12 pt after its last line."""
    if approval:
        block = document.add_paragraph()
        block.paragraph_format.left_indent = Mm(indent_mm)
        block.paragraph_format.space_after = Pt(12)
        for index, line in enumerate(approval):
            run = block.add_run(line)
            run.bold = index == 0
            if index < len(approval) - 1:
                run.add_break()
    for index, line in enumerate(title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0 if index < len(title) - 1 else 12)
        paragraph.add_run(line).bold = True
