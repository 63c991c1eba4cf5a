"""Imports with a preview: reader → preview → confirm, whole or nothing.

1. ``upload_step``: the uploaded file is read once by the area's reader (a function that turns the file's bytes
   into sheets of rows — ``read_xlsx`` today, a Word reader tomorrow; UploadRejected when it cannot), so that a
   file which cannot be read is refused at once, then kept as a draft (a model with ``ImportDraft``'s columns).
2. ``preview_step``: the draft read again into preview rows by the area's row reader (a sheet chosen by
   ``?sheet=``), shown with every doubt and error; the user corrects any cell and checks again (the rows come
   back from the form); any row can be left out («не переносить»: a checkbox, no script needed) and a left-out
   row never stops the saving, whatever its errors; «save» hands the kept rows to the area's saver when none has
   an error, in the request's one transaction, and the draft goes. Every text travels in a text area, so the
   line breaks of a cell («октябрь,\nмарт») reach the saved row as the file had them.

Every area registers an ``ImportKind`` (its reader, row readers, columns and pages: the preview page extends
``templates/_import/preview.html``, the upload page includes ``templates/_import/_upload_form.html``) and gives
its saver. Imports without a preview page (staff, pupils: the rows shown only with their errors) run through
``import_whole`` with ``RowsImport``; ``core/spreadsheets.py`` finds their header row.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import KW_ONLY, dataclass, field
from datetime import date

from flask import Response, abort, make_response, redirect, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from workspace.core.dates import AcademicYear
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.models import CreatedAtMixin
from workspace.core.rendering import render
from workspace.core.spreadsheets import Sheet, clean_text, read_upload
from workspace.core.uploads import UploadRejected
from workspace.extensions import db, htmx

Reader = Callable[[bytes], list[Sheet]]  # the uploaded file → its sheets (tables) of rows; UploadRejected if unreadable


class SpreadsheetUploadForm(FlaskForm):
    file = FileField(_l("Файл Excel (.xlsx)"), validators=[FileRequired(_l("Выберите файл."))],
                     render_kw={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})


class PreviewForm(FlaskForm):
    """Only the CSRF token: the rows are read from the request by ``rows_from_form``."""


class ImportDraft(CreatedAtMixin):
    """An uploaded file waiting in preview: nothing reaches the area until the user confirms."""

    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(255), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)


@dataclass(frozen=True)
class ImportKind:
    """What an area supplies to import with a preview: its ``read``er (the file → sheets of rows), its row reader
    ``from_sheets(sheets, year, sheet index or None)`` and ``from_form(corrected form, year)`` (both → Preview, the
    dates read in the academic ``year``), its ``columns`` and its two pages (``upload_template`` includes
    _import/_upload_form.html, ``preview_template`` extends _import/preview.html)."""

    read: Reader
    from_sheets: Callable[[list[Sheet], AcademicYear, int | None], Preview]
    from_form: Callable[[Mapping, AcademicYear], Preview]
    columns: tuple[PreviewColumn, ...]
    upload_template: str
    preview_template: str


@dataclass(frozen=True)
class PreviewColumn:
    """An editable column of the preview: ``kind`` is "number" (a short field labelled by its caption alone),
    "text" (a text area in a narrow cell) or "long" (a text area across the row); text areas are as tall as
    their text (``text_rows``) and keep its line breaks."""

    name: str
    caption: str
    kind: str = "text"


@dataclass
class PreviewRow:
    """A row of a preview: the area's subclass adds its columns. ``periods`` and ``institutions`` are what the
    reader found (shown in «Прочитано»; every period of «октябрь, март»); a doubt is shown, an error stops the saving unless the row is
    ``dropped`` (left out by the user). ``other`` holds the cells of columns the area does not take (column, text):
    they travel with the row and are shown as its doubts."""

    line: int
    _: KW_ONLY
    periods: tuple[tuple[date, date], ...] = ()
    institutions: list = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dropped: bool = False
    other: list[tuple[str, str]] = field(default_factory=list)

    @property
    def other_json(self) -> str:
        return json.dumps(self.other, ensure_ascii=False)


@dataclass
class Preview:
    rows: list[PreviewRow]
    sheet_index: int | None
    sheet_names: list[str]
    problem: str | None = None
    caption: str = ""
    skipped: list[str] = field(default_factory=list)   # stamps, signatures and footnotes the reader left out
    message: str | None = None

    @property
    def skipped_json(self) -> str:
        return json.dumps(self.skipped, ensure_ascii=False)

    @property
    def kept(self) -> list[PreviewRow]:
        return [row for row in self.rows if not row.dropped]

    @property
    def dropped(self) -> int:
        return len(self.rows) - len(self.kept)

    @property
    def doubts(self) -> int:
        return sum(1 for row in self.kept if row.doubts)

    @property
    def errors(self) -> int:
        return sum(1 for row in self.kept if row.errors)


def sheet_of(sheets: list[Sheet], sheet_index: int | None, choose: Callable[[list[Sheet]], int | None],
             not_chosen: str, missing: str) -> tuple[int | None, Preview | None]:
    """The sheet to read — the one asked for, or the one ``choose`` finds — or the preview that says why none."""
    names = [sheet.title for sheet in sheets]
    if sheet_index is None:
        sheet_index = choose(sheets)
        if sheet_index is None:
            return None, Preview([], None, names, not_chosen)
    if not 0 <= sheet_index < len(sheets):
        return None, Preview([], None, names, missing)
    return sheet_index, None


def form_text(value) -> str:
    """A field as typed: the browser's CRLF line breaks as "\n", control characters removed, ends stripped."""
    return clean_text(str(value or "").replace("\r\n", "\n").replace("\r", "\n"))


def rows_from_form(form: Mapping, limits: Mapping[str, int], max_rows: int) -> Iterator[tuple[int, dict[str, str]]]:
    """The preview's rows as the user corrected them: (the sheet's line, {column: text cut to its limit})."""
    for line, values, _marks in marked_rows_from_form(form, limits, max_rows):
        yield line, values


def marked_rows_from_form(form: Mapping, limits: Mapping[str, int],
                          max_rows: int) -> Iterator[tuple[int, dict[str, str], dict]]:
    """``rows_from_form`` with each row's marks: {"dropped": left out by the user, "other": its cells of columns
    the area does not take, as the preview sent them}."""
    count = max(0, min(form.get("rows", 0, type=int) or 0, max_rows))
    for index in range(count):
        values = {name: form_text(form.get(f"row-{index}-{name}", ""))[:limit] for name, limit in limits.items()}
        line = form.get(f"row-{index}-line", "0")
        marks = {"dropped": bool(form.get(f"row-{index}-dropped")),
                 "other": _other_from_form(form.get(f"row-{index}-other", ""))}
        yield (int(line) if line.isdigit() else 0), values, marks


def _other_from_form(value: str) -> list[tuple[str, str]]:
    try:
        pairs = json.loads(value) if value else []
    except ValueError:
        return []
    if not isinstance(pairs, list):
        return []
    return [(form_text(pair[0])[:200], form_text(pair[1])[:2000]) for pair in pairs[:30]
            if isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)]


def _texts_from_form(value: str) -> list[str]:
    try:
        texts = json.loads(value) if value else []
    except ValueError:
        return []
    return [form_text(text)[:2000] for text in texts[:200] if isinstance(text, str)] if isinstance(texts, list) else []


def text_rows(value: str | None, kind: str = "text") -> int:
    """How many lines a text area needs to show ``value`` whole (a narrow cell wraps sooner than a wide one)."""
    width = 60 if kind == "long" else 24
    lines = (value or "").split("\n")
    needed = sum(1 + len(line) // width for line in lines)
    return max(2 if kind == "long" else 1, min(needed, 12))


def upload_step(kind: ImportKind, draft: ImportDraft, preview_url: Callable[[ImportDraft], str], *, cancel_url: str,
                form: FlaskForm | None = None, **context) -> Response:
    """The upload page and its post: a file the reader can read is kept in ``draft`` (the area's model, its owner,
    parent and author set) and the browser goes to its preview — by HX-Redirect after an htmx upload (with its
    progress bar). Otherwise the upload page with the reason on the file field; ``context`` is the area's."""
    form = form or SpreadsheetUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        content = read_upload(upload)
        try:
            kind.read(content)
        except UploadRejected as error:
            form.file.errors.append(str(error))
        else:
            draft.filename, draft.content = (upload.filename or "")[:255], content
            db.session.add(draft)
            db.session.flush()
            target = preview_url(draft)
            if htmx:
                response = make_response("", 204)
                response.headers["HX-Redirect"] = target
                return response
            return redirect(target)
    return render(kind.upload_template, form=form, status=422 if form.errors else 200, cancel_url=cancel_url,
                  upload_url=url_for(request.endpoint, **request.view_args),
                  partials={"upload-form": "_import/_upload_form.html"}, **context)


def preview_step(kind: ImportKind, draft: ImportDraft, save: Callable[[Preview], Response], *, year: AcademicYear,
                 upload_url: str, cancel_url: str, **context) -> Response:
    """The preview page and its posts. GET: the draft read into rows (``?sheet=`` chooses the sheet). POST: the
    corrected rows checked again, and with «save» and no errors given to ``save`` (whose answer goes back) and the
    draft deleted. Otherwise the preview page: 422 with a problem or errors."""
    form = PreviewForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        preview = kind.from_form(request.form, year)
        preview.skipped = _texts_from_form(request.form.get("skipped", ""))
        saving = request.form.get("action") == "save"
        if saving and preview.kept and not preview.errors:
            response = save(Preview(preview.kept, preview.sheet_index, preview.sheet_names, caption=preview.caption))
            db.session.delete(draft)
            return response
        if saving and not preview.kept:
            preview.message = _l("Все строки исключены — сохранять нечего.")
        status = 422 if preview.errors or preview.message else 200
    else:
        try:
            sheets = kind.read(draft.content)
        except UploadRejected as error:
            abort(make_response(str(error), 422))
        preview = kind.from_sheets(sheets, year, request.args.get("sheet", type=int))
        status = 422 if preview.problem else 200
    return render(kind.preview_template, draft=draft, preview=preview, form=form, columns=kind.columns, year=year,
                  upload_url=upload_url, cancel_url=cancel_url, status=status, text_rows=text_rows, **context)


@dataclass
class RowsImport:
    """An import without a preview page (staff, pupils): every row read and checked, and shown with its errors;
    saved only when all are right."""

    rows: list  # the area's rows, each with ``line`` and ``errors``
    problem: str | None = None

    @property
    def errors(self) -> list:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return self.problem is None and bool(self.rows) and not self.errors


def import_whole(read: Reader, read_rows: Callable[[list[Sheet]], RowsImport], save: Callable[[RowsImport], Response],
                 *, template: str, form: FlaskForm | None = None, **context) -> Response:
    """Upload → rows → saved whole: ``save``'s answer when every row is right; otherwise ``template`` with the
    reason on the file field, or the rows (``result``) with their errors (422)."""
    form = form or SpreadsheetUploadForm()
    result = None
    if form.validate_on_submit():
        try:
            sheets = read(read_upload(form.file.data))
        except UploadRejected as error:
            form.file.errors.append(str(error))
        else:
            result = read_rows(sheets)
            if result.problem:
                form.file.errors.append(result.problem)
            elif result.ok:
                return save(result)
    return render(template, form=form, result=result, status=422 if form.errors or (result and not result.ok) else 200,
                  **context)
