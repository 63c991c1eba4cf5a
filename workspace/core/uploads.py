"""Every uploaded file goes through here.

Excel imports (``read_xlsx``) are checked before they are parsed: size, type by content, the zip's declared
sizes, sheet dimensions; parsed with defusedxml (entities and DTDs refused). Stored files (``accept_upload``:
agreement scans, project documents, event report photos, bank files) are checked the same way — an Office
document's zip and every XML part of it, a PDF or an image by its signature — and stored under a clean name;
``file_response`` sends them back as private, sandboxed attachments."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from urllib.parse import quote
from xml.etree.ElementTree import ParseError

import defusedxml  # noqa: F401  (openpyxl uses it for every XML part once it is installed)
from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml_safely
from flask import Response
from flask_babel import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ESCAPED_CONTROL = re.compile(r"_x00[01][0-9A-Fa-f]_")  # Excel's escape of a control character


class UploadRejected(ValueError):
    """The file cannot be taken; the message is for the user."""


@dataclass
class Sheet:
    title: str
    rows: list[tuple]


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


def _check_declared_sizes(archive: zipfile.ZipFile) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO):
            raise UploadRejected(_("Файл после распаковки занял бы слишком много места — "
                                   "похоже на повреждённый или вредоносный архив."))


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
            raise UploadRejected(_("В листе %(rows)d строк — это больше допустимых %(max)d.",
                                   rows=last_row, max=max_rows))
        if (last_col or 0) > max_columns:
            raise UploadRejected(_("В листе %(cols)d столбцов — это больше допустимых %(max)d.",
                                   cols=last_col, max=max_columns))


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
                raise UploadRejected(_("В листе больше %(max)d строк.", max=max_rows))


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
    _check_declared_sizes(archive)
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
                    raise UploadRejected(_("В листе больше %(max)d строк.", max=max_rows))
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


MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
DOCUMENT_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)


def check_document(data: bytes) -> str:
    """A photo or a scan: its type is read from its first bytes, never from its name."""
    if not data:
        raise UploadRejected(_("Файл пустой."))
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UploadRejected(_("Файл больше %(mb)d МБ. Уменьшите фотографию или разделите скан.",
                               mb=MAX_DOCUMENT_BYTES // 2**20))
    for signature, content_type in DOCUMENT_SIGNATURES:
        if data.startswith(signature):
            return content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    raise UploadRejected(_("Принимаются фотографии (JPEG, PNG, WebP) и сканы в PDF; этот файл другого типа."))


OFFICE_PARTS = (
    ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
)
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf",
              **{content_type: extension for _part, content_type, extension in OFFICE_PARTS}}
XML_PART = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)


def _office_type(data: bytes) -> str:
    """A zip-based Office document (DOCX, XLSX, PPTX): sane declared sizes, no macros, and every XML part
    parsed with defusedxml — a DTD or an entity (XXE, billion laughs) refuses the whole file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise UploadRejected(_("Файл повреждён: его не удаётся открыть.")) from None
    _check_declared_sizes(archive)
    content_type = next((kind for part, kind, _extension in OFFICE_PARTS if part in names), None)
    if "[Content_Types].xml" not in names or content_type is None:
        raise UploadRejected(_("Этот архив не документ Word, Excel или PowerPoint."))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UploadRejected(_("Документы с макросами не принимаются. Сохраните файл без макросов "
                               "(DOCX, XLSX, PPTX)."))
    try:
        for name in names:
            if XML_PART.search(name):
                parse_xml_safely(archive.read(name), forbid_dtd=True)
    except DefusedXmlException:
        raise UploadRejected(_("Файл содержит недопустимые XML-конструкции (внешние сущности или DTD). "
                               "Пересохраните документ в Word, Excel или PowerPoint.")) from None
    except (ParseError, zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
        raise UploadRejected(_("Файл повреждён: его не удаётся открыть.")) from None
    return content_type


def check_stored_file(data: bytes, *, office: bool = False) -> str:
    """The content type of a file to store, read from its content; UploadRejected with a Russian message.
    A photo or a PDF by its signature; with ``office`` also Word, Excel and PowerPoint documents."""
    if not office:
        return check_document(data)
    if data and len(data) <= MAX_DOCUMENT_BYTES and data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    try:
        return check_document(data)
    except UploadRejected as error:
        if not data or len(data) > MAX_DOCUMENT_BYTES:
            raise
        raise UploadRejected(_("Принимаются PDF, документы Word, Excel и PowerPoint (DOCX, XLSX, PPTX) "
                               "и изображения (JPEG, PNG, WebP); этот файл другого типа.")) from error


MAX_FILENAME = 120
RESERVED = re.compile(r'[<>:"/\\|?*;]')
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}


def clean_filename(name: str | None, default: str = "file") -> str:
    """A stored file's name: the last component only (of / and \\ paths), no control or format characters
    (a right-to-left override hides an .exe), no reserved characters, no leading dots, at most
    MAX_FILENAME characters with the extension kept; Cyrillic stays. Nothing left: ``default``."""
    name = _plain(unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > 10 or not extension.isalnum():
        stem, extension = name, ""
    if not stem or stem.upper() in WINDOWS_DEVICES:
        stem = default if not stem else f"_{stem}"
    extension = f".{extension}" if extension else ""
    return stem[:MAX_FILENAME - len(extension)].rstrip(". ") + extension


def _plain(name: str) -> str:
    """No control, format or private characters; reserved characters (slashes too) become "_"."""
    name = "".join(char for char in name if unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co"))
    return " ".join(RESERVED.sub("_", name).split()).strip(". ")


@dataclass(frozen=True)
class AcceptedFile:
    content: bytes
    content_type: str
    filename: str

    @property
    def size(self) -> int:
        return len(self.content)


def accept_upload(storage, *, office: bool = False) -> AcceptedFile:
    """Read an uploaded file (werkzeug's FileStorage), check it and clean its name; UploadRejected otherwise.
    The one way a file is taken for storage: nothing is saved by the caller when it raises."""
    try:
        content = storage.read(MAX_DOCUMENT_BYTES + 1)
    finally:
        storage.close()
    content_type = check_stored_file(content, office=office)
    default = _("файл") + EXTENSIONS.get(content_type, "")
    return AcceptedFile(content, content_type, clean_filename(storage.filename, default))


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """RFC 6266 with RFC 5987: an ASCII fallback for old clients and ``filename*`` in UTF-8 for the rest.
    A name made from data (an export's «Журнал 5/6 класс.xlsx») keeps all its parts, slashes become "_"."""
    name = _plain(filename) or "file"
    disposition = "inline" if inline else "attachment"
    if name.isascii():
        return f'{disposition}; filename="{name}"'
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    ascii_stem = "".join(char for char in unicodedata.normalize("NFKD", stem)
                         if char.isascii() and (char.isalnum() or char in "-_ ")).strip(" _-")
    fallback = (ascii_stem or "file") + (f".{extension}" if extension.isascii() and extension else "")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_response(content: bytes, content_type: str, filename: str) -> Response:
    """A stored file sent back: images inline, the rest as attachments; sandboxed (a PDF or an SVG served
    from our origin runs no script). Cache-Control: private, no-store comes from core/security.py."""
    response = Response(content, mimetype=content_type)
    response.headers["Content-Disposition"] = content_disposition(filename, inline=content_type.startswith("image/"))
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
