"""Excel exports: write-only workbooks whose cells can never become formulas."""
from __future__ import annotations

import io
import re
from collections.abc import Iterable

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workspace.core.uploads import content_disposition

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\0")
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """Text that a spreadsheet could run as a formula gets a leading apostrophe."""
    if not isinstance(value, str):
        return value
    if value.startswith(DANGEROUS_START):
        value = "'" + value
    return ILLEGAL_XML.sub("", value)


def _cell(sheet, value, bold: bool = False):
    cell = WriteOnlyCell(sheet, value=neutralise(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # text, never a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


WIDTH_SAMPLE = 500   # rows read to size the columns
MIN_WIDTH, MAX_WIDTH = 6, 60


def _prepare_sheet(workbook, title: str, header: list[str], rows: list[list], caption: str | None):
    """A sheet as it is printed: columns as wide as their texts, the header row bold, frozen and repeated on
    every page, A4 (landscape when wide) fitted to the page width, the table as the print area. In a write-only
    sheet the widths and the frozen row must be set before the first row is written."""
    sheet = workbook.create_sheet(title=title[:31])
    header_row = 3 if caption else 1
    for index, name in enumerate(header, start=1):
        longest = max((len(str(row[index - 1])) for row in rows[:WIDTH_SAMPLE]
                       if index - 1 < len(row) and row[index - 1] is not None), default=0)
        width = max(MIN_WIDTH, min(MAX_WIDTH, max(longest, len(str(name))) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if len(header) > 6 else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    last_column = get_column_letter(max(len(header), 1))
    sheet.print_area = f"A1:{last_column}{header_row + len(rows)}"
    return sheet


def workbook_bytes(title: str, header: list[str], rows: Iterable[Iterable], *, caption: str | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    rows = [list(row) for row in rows]
    sheet = _prepare_sheet(workbook, title, header, rows, caption)
    if caption:
        sheet.append([_cell(sheet, caption, bold=True)])
        sheet.append([])
    sheet.append([_cell(sheet, name, bold=True) for name in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> Response:
    response = Response(content, mimetype=XLSX)
    response.headers["Content-Disposition"] = content_disposition(filename)
    return response


def grid_workbook_bytes(title: str, header: list[str], rows: Iterable[Iterable], *, caption: str | None = None) -> bytes:
    """``workbook_bytes`` for big grids (the journal): the body's values are neutralised and appended as
    plain values, no cell object each — a neutralised text never starts with a formula character, so
    openpyxl stores it as text; only the caption and header are styled cells."""
    workbook = Workbook(write_only=True)
    rows = [list(row) for row in rows]
    sheet = _prepare_sheet(workbook, title, header, rows, caption)
    if caption:
        sheet.append([_cell(sheet, caption, bold=True)])
        sheet.append([])
    sheet.append([_cell(sheet, name, bold=True) for name in header])
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
