"""Files kept in the database — agreement scans, project documents, event report photos, bank files and
register versions: one set of columns, one way in, one way out.

``StoredFile`` is the model mixin (name, type, size, bytes, author, created_at); ``accept_file`` takes a form's
file field through the hostile checks of core/uploads.py under a clean name (nothing is stored when it refuses,
the reason goes to the field); ``send_stored_file`` sends one back as a private, sandboxed download."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from flask import Response
from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from workspace.core.i18n import gettext as _
from workspace.core.models import CreatedAtMixin
from workspace.core.uploads import (
    EXTENSIONS,
    MAX_DOCUMENT_BYTES,
    UploadRejected,
    check_stored_file,
    clean_filename,
    content_disposition,
)


class StoredFile(CreatedAtMixin):
    """The columns of a stored file; the owner key and the parent's key are the model's own. Kept in the
    database: backed up, scoped and row-level secured like the rest."""

    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    @classmethod
    def from_upload(cls, accepted: AcceptedFile, **values) -> Self:
        """A new row holding an accepted file; ``values`` are the owner, the parent and the author."""
        return cls(content=accepted.content, filename=accepted.filename, content_type=accepted.content_type,
                   size=accepted.size, **values)

    def audit_label(self) -> str:
        return self.filename


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
    A photo or a PDF; with ``office`` also Word, Excel and PowerPoint documents."""
    try:
        content = storage.read(MAX_DOCUMENT_BYTES + 1)
    finally:
        storage.close()
    content_type = check_stored_file(content, office=office)
    default = _("файл") + EXTENSIONS.get(content_type, "")
    return AcceptedFile(content, content_type, clean_filename(storage.filename, default))


def accept_file(field, *, stored: int, limit: int, too_many: str, office: bool = False) -> AcceptedFile | None:
    """The file of a form's file field, accepted while fewer than ``limit`` are ``stored``; otherwise None, with
    the reason (the check's, or ``too_many``) on the field. The one way a file is taken for storage: the caller
    stores nothing when None comes back."""
    try:
        accepted = accept_upload(field.data, office=office)
        if stored >= limit:
            raise UploadRejected(too_many)
    except UploadRejected as error:
        field.errors = [str(error)]
        return None
    return accepted


def send_stored_file(stored) -> Response:
    """A stored file sent back: images inline, the rest as attachments; sandboxed (a PDF or an SVG served
    from our origin runs no script). Cache-Control: private, no-store comes from core/security.py."""
    response = Response(stored.content, mimetype=stored.content_type)
    response.headers["Content-Disposition"] = content_disposition(stored.filename,
                                                                  inline=stored.content_type.startswith("image/"))
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
