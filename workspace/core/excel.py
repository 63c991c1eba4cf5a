"""Excel exports: write-only workbooks whose cells can never become formulas."""
from __future__ import annotations

import io
import re
from collections.abc import Iterable
from functools import lru_cache

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import RowDimension
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


def ready_cells(sheet):
    """Let a write-only ``sheet`` take the cells of an appended row as they are, each given its place. openpyxl's
    own conversion first tries every cell as a value, which fails with an error message that formats the cell,
    then makes a fresh cell after each styled one: a third of the time of a styled export. A value that is not a
    cell is written as openpyxl writes it; the sheet is the same (tests/core/test_excel_cells.py)."""
    def placed(values, row: int):
        spare = WriteOnlyCell(sheet)  # plain values pass through one cell, as in openpyxl's own conversion
        for column, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                cell = spare
                cell.value = value
            cell.column, cell.row = column, row
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell
            if cell is spare and (spare.has_style or spare.hyperlink):  # a date's format: the next value starts clean
                spare = WriteOnlyCell(sheet)

    sheet._values_to_row = placed  # the write-only sheet converts each appended row with this method
    return sheet


@lru_cache(maxsize=64)
def _height_attributes(height: float) -> dict[str, str]:
    """What a row's ``<row>`` element says of its height: what openpyxl's ``RowDimension`` would give."""
    return dict(RowDimension(None, ht=height))


def set_row_height(sheet, row: int, height: float) -> None:
    """A row's height in a write-only ``sheet``: its attributes, as the sheet's writer reads them for the row,
    without a ``RowDimension`` object each (descriptors checked on every set: a tenth of a plan export whose every
    row wraps). Read back it is a plain mapping, not a ``RowDimension``: for sheets written once. Each row gets its
    own copy of the attributes kept per height, so that no row's change can reach another."""
    sheet.row_dimensions[row] = dict(_height_attributes(float(height)))


def _cell(sheet, value, bold: bool = False):
    cell = WriteOnlyCell(sheet, value=neutralise(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # text, never a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


WIDTH_SAMPLE = 500   # rows read to size the columns
MIN_WIDTH, MAX_WIDTH = 6, 60
LINE_HEIGHT = 15     # points: a line of 11-point text
PAGE_NUMBERS = "Страница &P из &N"


def column_widths(header, rows, *, maximum: int = MAX_WIDTH) -> list[int]:
    """Each column as wide as its longest text among the first rows (and its header), within the bounds."""
    widths = []
    for index, name in enumerate(header):
        longest = max((len(str(row[index])) for row in rows[:WIDTH_SAMPLE]
                       if index < len(row) and row[index] is not None), default=0)
        widths.append(max(MIN_WIDTH, min(maximum, max(longest, len(str(name or ""))) + 2)))
    return widths


def row_height(values, widths) -> float | None:
    """The height of a row whose texts wrap (LibreOffice does not measure rows when it opens a file; Excel keeps
    what it is given): its tallest cell's lines, wrapped word by word at the column's width; None for a row of
    one line."""
    lines = 1
    for value, width in zip(values, widths):
        if isinstance(value, str) and (len(value) > width - 2 or "\n" in value):
            lines = max(lines, sum(_wrapped_lines(part, max(width - 2, 1)) for part in value.split("\n")))
    return lines * LINE_HEIGHT + 3 if lines > 1 else None


def _wrapped_lines(text: str, per_line: int) -> int:
    if len(text) <= per_line:
        return 1
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
        while used > per_line:  # a word longer than the line breaks inside
            lines, used = lines + 1, used - per_line
    return lines


def set_up_print(sheet, widths, *, last_row: int, header_row: int | None = None, landscape: bool | None = None,
                 page_numbers: bool = True) -> None:
    """A sheet as it is printed: the columns' widths, the header row frozen and repeated on every page, A4
    (landscape when wide) fitted to the page width, the used range as the print area, «Страница N из M» in the
    footer. In a write-only sheet this is set before the first row is written."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if header_row:
        sheet.freeze_panes = f"A{header_row + 1}"
        sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    if landscape is None:
        landscape = len(widths) > 6 or sum(widths) > 110
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_area = f"A1:{get_column_letter(max(len(widths), 1))}{max(last_row, 1)}"
    if page_numbers:
        sheet.oddFooter.center.text = PAGE_NUMBERS
        sheet.oddFooter.center.size = 9


def _prepare_sheet(workbook, title: str, header: list[str], rows: list[list], caption: str | None):
    """A sheet as it is printed (``set_up_print``): columns as wide as their texts, the header row bold, frozen and
    repeated on every page, A4 (landscape when wide) fitted to the page width, the table as the print area."""
    sheet = ready_cells(workbook.create_sheet(title=title[:31]))
    header_row = 3 if caption else 1
    set_up_print(sheet, column_widths(header, rows), last_row=header_row + len(rows), header_row=header_row,
                 landscape=len(header) > 6)
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
