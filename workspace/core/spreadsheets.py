"""Excel imports: an .xlsx upload checked before it is parsed — size, type by content, the zip's declared sizes,
sheet dimensions — then parsed with defusedxml (entities and DTDs refused), formulas and control characters
refused; the sheets come back as rows of values, and ``find_header`` finds a table's header row in them."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import defusedxml  # noqa: F401  (openpyxl uses it for every XML part once it is installed)
from defusedxml.common import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from workspace.core.i18n import gettext as _
from workspace.core.uploads import UploadRejected, check_declared_sizes
from workspace.core.words import plural

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ESCAPED_CONTROL = re.compile(r"_x00[01][0-9A-Fa-f]_")  # Excel's escape of a control character


@dataclass
class Sheet:
    title: str
    rows: list[tuple]


def read_upload(storage) -> bytes:
    """The bytes of an uploaded file (werkzeug's FileStorage), at most one byte more than any reader takes."""
    try:
        return storage.read(MAX_UPLOAD_BYTES + 1)
    finally:
        storage.close()


def _zip_of(data: bytes) -> zipfile.ZipFile:
    if not data:
        raise UploadRejected(_("Файл пустой. Выберите файл Excel (.xlsx)."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("Файл больше %(mb)d МБ. Разделите его на части.", mb=MAX_UPLOAD_BYTES // 2**20))
    if not data.startswith(b"PK\x03\x04"):
        raise UploadRejected(_("Это не файл Excel (.xlsx): содержимое файла другого типа. "
                               "Сохраните таблицу в Excel как «Книга Excel (.xlsx)»."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise UploadRejected(_("Файл повреждён: его не удаётся открыть как книгу Excel.")) from None
    if not all(part in names for part in REQUIRED_PARTS):
        raise UploadRejected(_("Это не книга Excel (.xlsx): в архиве нет листов таблицы."))
    return archive


def _check_dimensions(archive: zipfile.ZipFile, max_rows: int, max_columns: int) -> None:
    for name in archive.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        with archive.open(name) as part:
            head = part.read(4096)
        match = DIMENSION.search(head)
        if match is None:
            _count_rows_without_parsing(archive, name, max_rows)
            continue
        ref = match.group(1).decode()
        _min_col, _min_row, last_col, last_row = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        if (last_row or 0) > max_rows:
            row_noun = _("строка")
            raise UploadRejected(_("В листе %(rows)s — это больше допустимых %(max)d.",
                                   rows=plural(last_row, row_noun), max=max_rows))
        if (last_col or 0) > max_columns:
            column_noun = _("столбец")
            raise UploadRejected(_("В листе %(columns)s — это больше допустимых %(max)d.",
                                   columns=plural(last_col, column_noun), max=max_columns))


def _too_many_rows(max_rows: int) -> str:
    row_noun = _("строка")
    return _("В листе больше %(rows)s.", rows=plural(max_rows, row_noun, case="gent"))


def _count_rows_without_parsing(archive: zipfile.ZipFile, name: str, max_rows: int) -> None:
    """No declared dimension: count row tags in the raw XML, far cheaper than parsing it."""
    rows = 0
    tail = b""
    with archive.open(name) as part:
        while chunk := part.read(1 << 20):
            block = tail + chunk
            rows += block.count(b"<row ") + block.count(b"<row>") - tail.count(b"<row ") - tail.count(b"<row>")
            tail = block[-8:]
            if rows > max_rows:
                raise UploadRejected(_too_many_rows(max_rows))


def _parse_failure(error: BaseException) -> UploadRejected:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return UploadRejected(_("Файл содержит недопустимые XML-конструкции (внешние сущности или DTD). "
                                    "Пересохраните таблицу в Excel."))
        cause = cause.__cause__ or cause.__context__
    return UploadRejected(_("Файл повреждён: его не удаётся открыть как книгу Excel."))


def clean_text(value) -> str:
    """A cell as text: control characters removed, spaces collapsed at the ends."""
    if value is None:
        return ""
    return CONTROL.sub("", str(value)).strip()


def read_xlsx(data: bytes, *, max_rows: int = 5000, max_columns: int = 60) -> list[Sheet]:
    """Check an .xlsx upload and return its sheets as rows of values (formulas refused)."""
    archive = _zip_of(data)
    check_declared_sizes(archive)
    _check_dimensions(archive, max_rows, max_columns)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl wraps what the XML parser raised in many kinds
        raise _parse_failure(error) from None
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            rows = []
            for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
                if number > max_rows:
                    raise UploadRejected(_too_many_rows(max_rows))
                for value in row[:max_columns]:
                    if not isinstance(value, str):
                        continue
                    if value.startswith("="):
                        raise UploadRejected(_("Лист «%(sheet)s», строка %(row)d: формулы не принимаются — "
                                               "замените их значениями.", sheet=worksheet.title, row=number))
                    if CONTROL.search(value) or ESCAPED_CONTROL.search(value):
                        raise UploadRejected(_("Лист «%(sheet)s», строка %(row)d: в ячейке есть недопустимые "
                                               "управляющие символы.", sheet=worksheet.title, row=number))
                rows.append(tuple(row[:max_columns]))
            sheets.append(Sheet(worksheet.title, rows))
    except UploadRejected:
        raise
    except Exception as error:
        raise _parse_failure(error) from None
    finally:
        workbook.close()
    return sheets


HEADER_SEARCH_ROWS = 15


def folded(value) -> str:
    """A cell as compared with known words: lower case, «ё» as «е», spaces collapsed, no «:» or «*» at the ends."""
    return re.sub(r"\s+", " ", clean_text(value).lower().replace("ё", "е")).strip(" :*")


def find_header(sheets: list[Sheet], columns: Mapping[str, tuple[str, ...]],
                complete: Callable[[dict[str, int]], bool]) -> tuple[Sheet, int, dict[str, int]] | None:
    """The first row, in the first ``HEADER_SEARCH_ROWS`` of a sheet, whose cells name the columns that
    ``complete`` wants (a cell names the key whose words hold its folded text): (the sheet, the row's index,
    {key: column index}); None when no sheet has one."""
    for sheet in sheets:
        for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            found: dict[str, int] = {}
            for column, value in enumerate(row):
                text = folded(value)
                key = next((key for key, names in columns.items() if key not in found and text in names), None)
                if key is not None:
                    found[key] = column
            if complete(found):
                return sheet, index, found
    return None


def rows_below(sheet: Sheet, header_index: int) -> Iterator[tuple[int, tuple]]:
    """The rows under a header with their line numbers in the sheet; empty rows are skipped."""
    for line, row in enumerate(sheet.rows[header_index + 1:], start=header_index + 2):
        if any(clean_text(value) for value in row):
            yield line, row


def cell_of(row: tuple, columns: Mapping[str, int], key: str):
    """The value of a row in the column found for ``key``; None when there is no such column or cell."""
    position = columns.get(key)
    return row[position] if position is not None and position < len(row) else None
