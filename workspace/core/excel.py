"""Excel exports: write-only workbooks whose cells can never become formulas."""
from __future__ import annotations

import io
import re
from collections.abc import Iterable

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

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


def workbook_bytes(title: str, header: list[str], rows: Iterable[Iterable], *, caption: str | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
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
    sheet = workbook.create_sheet(title=title[:31])
    if caption:
        sheet.append([_cell(sheet, caption, bold=True)])
        sheet.append([])
    sheet.append([_cell(sheet, name, bold=True) for name in header])
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
