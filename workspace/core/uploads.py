"""What every uploaded file is checked against, and how a file's name is made safe.

``check_declared_sizes`` refuses a zip (an .xlsx, a .docx) that would unpack too large; ``check_stored_file`` reads a
stored file's type from its content — an Office document's zip and every XML part of it, a PDF or an image by its
signature; ``clean_filename`` makes the name it is stored under and ``content_disposition`` the name it is sent
under. Excel imports are read by core/spreadsheets.py, stored files taken and sent by core/stored_files.py."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from urllib.parse import quote
from xml.etree.ElementTree import ParseError

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml_safely

from workspace.core.i18n import gettext as _

MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


class UploadRejected(ValueError):
    """The file cannot be taken; the message is for the user."""


MAX_ZIP_ENTRIES = 2000  # an ordinary document or workbook holds tens of parts; thousands only in a crafted one


def check_declared_sizes(archive: zipfile.ZipFile) -> None:
    """A zip (an .xlsx, a .docx) that would unpack too large, with too many entries, or a part inflating more
    than ``MAX_COMPRESSION_RATIO`` times: refused before any part of it is read."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise UploadRejected(_("В архиве файла слишком много частей — "
                               "похоже на повреждённый или вредоносный архив."))
    total = 0
    for info in entries:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO):
            raise UploadRejected(_("Файл после распаковки занял бы слишком много места — "
                                   "похоже на повреждённый или вредоносный архив."))


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
    check_declared_sizes(archive)
    content_type = next((kind for part, kind, _extension in OFFICE_PARTS if part in names), None)
    if "[Content_Types].xml" not in names or content_type is None:
        raise UploadRejected(_("Этот архив не документ Word, Excel или PowerPoint."))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UploadRejected(_("Документы с макросами не принимаются. Сохраните файл без макросов "
                               "(DOCX, XLSX, PPTX)."))
    resave = _("Файл содержит недопустимые XML-конструкции (внешние сущности или DTD). "
               "Пересохраните документ в Word, Excel или PowerPoint.")
    broken = _("Файл повреждён: его не удаётся открыть.")
    check_xml_parts(archive, unsafe=resave, broken=broken)
    return content_type


def check_xml_parts(archive: zipfile.ZipFile, *, unsafe: str, broken: str) -> None:
    """Every XML part of an Office zip parsed with defusedxml: a DTD or an entity (XXE, billion laughs) refuses
    the whole file (``unsafe``), an unparsable part too (``broken``). Call after ``check_declared_sizes``."""
    try:
        for name in archive.namelist():
            if XML_PART.search(name):
                parse_xml_safely(archive.read(name), forbid_dtd=True)
    except DefusedXmlException:
        raise UploadRejected(unsafe) from None
    except (ParseError, zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error):
        raise UploadRejected(broken) from None


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
