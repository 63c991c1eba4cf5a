"""Files of the bank and of the register: PDF, images and Office documents (DOCX, XLSX, PPTX).

The type is read from the content, never from the name: a PDF or an image by its first bytes
(workspace/core/uploads.check_document), an Office document as a zip archive whose declared sizes are
sane and which holds the parts of its kind. Downloads are served as attachments in a sandbox."""
from __future__ import annotations

import io
import zipfile
from urllib.parse import quote

from flask import Response
from flask_babel import gettext as _

from workspace.core.uploads import MAX_DOCUMENT_BYTES, UploadRejected, _check_declared_sizes, check_document

OFFICE_PARTS = (
    ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
ACCEPT = ("application/pdf,image/jpeg,image/png,image/webp,.docx,.xlsx,.pptx")


def _office_type(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise UploadRejected(_("Файл повреждён: его не удаётся открыть.")) from None
    _check_declared_sizes(archive)
    if "[Content_Types].xml" in names:
        for part, content_type in OFFICE_PARTS:
            if part in names:
                return content_type
    raise UploadRejected(_("Этот архив не документ Word, Excel или PowerPoint."))


def check_material_file(data: bytes) -> str:
    """The content type of an accepted file; UploadRejected with a Russian message otherwise."""
    if data and len(data) <= MAX_DOCUMENT_BYTES and data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    try:
        return check_document(data)
    except UploadRejected as error:
        if not data or len(data) > MAX_DOCUMENT_BYTES:
            raise
        raise UploadRejected(_("Принимаются PDF, документы Word, Excel и PowerPoint (DOCX, XLSX, PPTX) "
                               "и изображения (JPEG, PNG, WebP); этот файл другого типа.")) from error


def read_upload(storage) -> bytes:
    try:
        return storage.read()
    finally:
        storage.close()


def file_response(content: bytes, content_type: str, filename: str) -> Response:
    response = Response(content, mimetype=content_type)
    disposition = "inline" if content_type.startswith("image/") else "attachment"
    response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
