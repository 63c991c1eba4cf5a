"""Word imports: a plan or a roadmap kept as tables in a .docx, read into the same sheets of rows as an .xlsx.

``read_table_file`` takes an upload that may be either: the reader is chosen by the content (a zip holding
``word/document.xml`` or ``xl/workbook.xml``), never by the name. ``read_docx`` checks a .docx like an .xlsx
(size, the zip's declared sizes and entry count, every XML part parsed with defusedxml, no macros) before
python-docx opens it, then walks the document's body **in order** into one sheet:

* a non-empty paragraph is a one-cell row — a title above a table («План совместных мероприятий … и ГАУК
  «Театр юного зрителя»…») is a title row, as in Excel; a title between two tables starts a new section the
  same way a lone title row does in a sheet. A text box (a stamp «УТВЕРЖДАЮ» in a corner) is a one-cell row
  of its lines, before the paragraph that anchors it;
* every row of every table is a row: a cell spanning several grid columns (``gridSpan``) gives its text once
  and then None, as openpyxl gives a merged range; the continuation of a vertically merged cell is None;
  ``gridBefore`` leaves None in the columns the row skips;
* a cell's paragraphs are joined by "\\n" (line breaks inside a paragraph too); a table nested in a cell is
  flattened into lines of that cell, the texts of each nested row joined by "; " — but a one-column table that
  holds a table (a frame drawn around the whole plan) is read as the body it frames;
* several tables go into the one sheet in document order: a stamp table (УТВЕРЖДАЮ in a borderless corner),
  the plan's tables, the signatures below — the plan reader finds the header and skips repeated headers,
  stamps and signatures exactly as it does in a sheet.

Deleted revisions and the fallback copy of a drawing are not read; a document with no table at all is refused
with the caller's message.
"""
from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.spreadsheets import MAX_UPLOAD_BYTES, Sheet, read_xlsx
from workspace.core.uploads import UploadRejected, check_declared_sizes, check_xml_parts
from workspace.core.words import plural

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a .doc, an .xls, or an encrypted .docx/.xlsx
MACRO_CONTENT = re.compile(rb"macroEnabled", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_NESTING = 5  # tables nested in cells deeper than this are read as their text only
CONTAINERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag", f"{W}ins", f"{W}moveTo"}
SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}rPr", f"{W}pPr", f"{W}instrText", f"{W}delText", f"{MC}Fallback"}
DOCX_TYPES = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TableFileUploadForm(FlaskForm):
    """The upload of a plan or a roadmap: an Excel workbook or a Word document."""

    file = FileField(_l("Файл Excel (.xlsx) или Word (.docx)"), validators=[FileRequired(_l("Выберите файл."))],
                     description=_l("Из документа Word читаются все его таблицы по порядку вместе с заголовками "
                                    "над ними."),
                     render_kw={"accept": f"{XLSX_TYPES},{DOCX_TYPES}"})


def read_table_file(data: bytes, *, max_rows: int, no_table: str | None = None) -> list[Sheet]:
    """An uploaded .xlsx or .docx as sheets of rows, the reader chosen by the content. UploadRejected with a
    Russian message for anything else; ``no_table`` is said of a Word document without a table."""
    if not data:
        raise UploadRejected(_("Файл пустой. Выберите файл Excel (.xlsx) или Word (.docx)."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("Файл больше %(mb)d МБ. Разделите его на части.", mb=MAX_UPLOAD_BYTES // 2**20))
    if data.startswith(OLE_SIGNATURE):
        raise UploadRejected(_("Файл защищён паролем или сохранён в старом формате (.doc, .xls). Снимите пароль "
                               "и сохраните его как «Документ Word (.docx)» или «Книга Excel (.xlsx)»."))
    if data.lstrip()[:5] == b"{\\rtf":
        raise UploadRejected(_("Это документ RTF, а не Word (.docx). Откройте его в Word и сохраните как "
                               "«Документ Word (.docx)»."))
    if not data.startswith(b"PK\x03\x04"):
        raise UploadRejected(_("Это не файл Excel или Word: содержимое файла другого типа. Сохраните таблицу "
                               "как «Книга Excel (.xlsx)» или «Документ Word (.docx)»."))
    names = set(_archive(data).namelist())
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UploadRejected(_("Файлы с макросами (.docm, .xlsm) не принимаются. Сохраните файл без макросов: "
                               "«Документ Word (.docx)» или «Книга Excel (.xlsx)»."))
    if "word/document.xml" in names:
        return read_docx(data, max_rows=max_rows, no_table=no_table)
    if "xl/workbook.xml" in names:
        return read_xlsx(data, max_rows=max_rows)
    raise UploadRejected(_("Это не документ Word (.docx) и не книга Excel (.xlsx): в архиве нет ни текста "
                           "документа, ни листов таблицы."))


def _archive(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        archive.namelist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise UploadRejected(_("Файл повреждён: его не удаётся открыть как документ Word или книгу Excel.")) from None
    return archive


def read_docx(data: bytes, *, max_rows: int = 5000, max_columns: int = 60, no_table: str | None = None) -> list[Sheet]:
    """Check a .docx upload and return its body as one sheet of rows (see the module docstring)."""
    if not data.startswith(b"PK\x03\x04"):
        raise UploadRejected(_("Это не документ Word (.docx): содержимое файла другого типа."))
    archive = _archive(data)
    check_declared_sizes(archive)
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise UploadRejected(_("Это не документ Word (.docx): в архиве нет текста документа."))
    broken = _("Файл повреждён: его не удаётся открыть как документ Word.")
    if any(name.lower().endswith("vbaproject.bin") for name in names) or MACRO_CONTENT.search(
            archive.read("[Content_Types].xml")):
        raise UploadRejected(_("Документы Word с макросами (.docm) не принимаются. Сохраните документ как "
                               "«Документ Word (.docx)»."))
    unsafe = _("Файл содержит недопустимые XML-конструкции (внешние сущности или DTD). Пересохраните документ в Word.")
    check_xml_parts(archive, unsafe=unsafe, broken=broken)
    try:
        body = Document(io.BytesIO(data)).element.body
    except Exception:  # python-docx raises many kinds for a package it cannot open (a template, a broken part)
        raise UploadRejected(broken) from None
    reader = _BodyReader(max_rows, max_columns)
    reader.read_blocks(body)
    if not reader.tables:
        missing = no_table or _("В документе нет таблицы. Сохраните план таблицей Word или Excel.")
        raise UploadRejected(missing)
    sheet_title = _("Документ Word")
    return [Sheet(sheet_title, reader.rows)]


class _BodyReader:
    """The body's paragraphs and tables, in order, as rows."""

    def __init__(self, max_rows: int, max_columns: int):
        self.rows: list[tuple] = []
        self.tables = 0
        self.max_rows, self.max_columns = max_rows, max_columns

    def add(self, row: tuple) -> None:
        if len(self.rows) >= self.max_rows:
            row_noun = _("строка")
            raise UploadRejected(_("В документе больше %(rows)s.", rows=plural(self.max_rows, row_noun, case="gent")))
        if len(row) > self.max_columns:
            column_noun = _("столбец")
            raise UploadRejected(_("В таблице документа %(columns)s — это больше допустимых %(max)d.",
                                   columns=plural(len(row), column_noun), max=self.max_columns))
        self.rows.append(row)

    def read_blocks(self, parent) -> None:
        for element in parent:
            if element.tag == f"{W}p":
                for text in _text_box_paragraphs(element):
                    self.add((text,))
                text = _paragraph_text(element)
                if text:
                    self.add((text,))
            elif element.tag == f"{W}tbl" and _is_frame(element):
                for cell in (cell for row in _children(element, f"{W}tr") for cell in _children(row, f"{W}tc")):
                    self.read_blocks(cell)
            elif element.tag == f"{W}tbl":
                self.tables += 1
                for row in _table_rows(element, depth=0):
                    self.add(row)
            elif element.tag in CONTAINERS:
                self.read_blocks(element)


def _is_frame(table) -> bool:
    """A one-column table holding a table: a frame drawn around the plan, read as the body it holds."""
    rows = list(_children(table, f"{W}tr"))
    cells = [list(_children(row, f"{W}tc")) for row in rows]
    return bool(rows) and all(len(row) == 1 for row in cells) and any(
        element.tag == f"{W}tbl" for row in cells for element in _block_elements(row[0]))


def _table_rows(table, depth: int) -> list[tuple]:
    """A table's rows as tuples of cell texts: a spanned cell's text once then None, a vertical continuation
    None, the columns a row skips (``gridBefore``) None."""
    rows = []
    for tr in _children(table, f"{W}tr"):
        row: list[str | None] = [None] * _grid_value(tr.find(f"{W}trPr"), "gridBefore")
        for tc in _children(tr, f"{W}tc"):
            properties = tc.find(f"{W}tcPr")
            span = max(1, min(_grid_value(properties, "gridSpan") or 1, 1000))
            if _continues(properties):
                row.extend([None] * span)
                continue
            row.append(_cell_text(tc, depth) or None)
            row.extend([None] * (span - 1))
        rows.append(tuple(row))
    return rows


def _children(parent, tag: str):
    """The ``tag`` children of an element, also those wrapped in content controls or custom XML."""
    for element in parent:
        if element.tag == tag:
            yield element
        elif element.tag in CONTAINERS:
            yield from _children(element, tag)


def _grid_value(properties, name: str) -> int:
    element = properties.find(f"{W}{name}") if properties is not None else None
    value = element.get(f"{W}val") if element is not None else None
    return int(value) if value is not None and value.isdigit() else 0


def _continues(properties) -> bool:
    """A continuation of a vertical merge (``<w:vMerge/>`` or val="continue"), or of a legacy horizontal one."""
    if properties is None:
        return False
    for name in ("vMerge", "hMerge"):
        merge = properties.find(f"{W}{name}")
        if merge is not None and merge.get(f"{W}val", "continue") == "continue":
            return True
    return False


def _cell_text(cell, depth: int) -> str:
    lines: list[str] = []
    for element in _block_elements(cell):
        if element.tag == f"{W}p":
            lines.extend(_text_box_paragraphs(element))
            lines.append(_paragraph_text(element))
        elif depth >= MAX_NESTING:
            lines.append(" ".join(filter(None, (_paragraph_text(p) for p in element.iter(f"{W}p")))))
        else:
            for row in _table_rows(element, depth + 1):
                lines.append("; ".join(text.replace("\n", " ") for text in row if text))
    return _joined(lines)


def _block_elements(parent):
    for element in parent:
        if element.tag in (f"{W}p", f"{W}tbl"):
            yield element
        elif element.tag in CONTAINERS:
            yield from _block_elements(element)


def _joined(lines: list[str]) -> str:
    """Lines of a cell: blank lines at the ends dropped, runs of blank lines inside made one."""
    text = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n").strip()


def _paragraph_text(paragraph) -> str:
    """A paragraph's visible text: runs, hyperlinks, fields' results, inserted revisions; line breaks as "\\n",
    tabs as spaces; not deleted revisions, field codes, or text boxes (read as paragraphs of their own)."""
    parts: list[str] = []
    _collect(paragraph, parts)
    return CONTROL.sub("", "".join(parts)).strip()


def _collect(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED or tag == f"{W}txbxContent":
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag in (f"{W}tab", f"{W}ptab"):
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            _collect(child, parts)


def _text_box_paragraphs(paragraph) -> list[str]:
    """The texts of the text boxes anchored in a paragraph (a stamp in a corner), once each: the copy that
    Word keeps for old readers (``mc:Fallback``) is skipped."""
    texts = []
    for box in paragraph.iter(f"{W}txbxContent"):
        if any(ancestor.tag == f"{MC}Fallback" for ancestor in box.iterancestors()):
            continue
        if any(ancestor.tag == f"{W}txbxContent" for ancestor in box.iterancestors()):
            continue
        lines = [_paragraph_text(p) for p in box.iter(f"{W}p")]
        text = _joined(lines)
        if text:
            texts.append(text)
    return texts
