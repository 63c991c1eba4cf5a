"""A write-only sheet given ready cells (workspace.core.excel.ready_cells) and rows' heights (set_row_height) writes
what openpyxl's own conversion and row dimensions write, byte for byte: styled and plain cells, gaps, plain values,
numbers, dates, a formula typed as text, a link, heights."""
import io
import zipfile
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side

from workspace.core.excel import ready_cells, set_row_height, workbook_bytes

THIN = Side(style="thin")


def _sheet_xml(ready: bool) -> bytes:
    """The same rows through ``ready_cells`` and ``set_row_height`` (``ready``) or through openpyxl's own ways."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("План")
    if ready:
        ready_cells(sheet)
    for row, height in ((3, 33), (5, 48.0), (7, 18.75)):
        if ready:
            set_row_height(sheet, row, height)
        else:
            sheet.row_dimensions[row].height = height

    def cell(value, bold=False, border=False):
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            made.data_type = "s"
        if bold:
            made.font = Font(bold=True)
            made.alignment = Alignment(wrap_text=True, vertical="top")
        if border:
            made.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
        return made

    sheet.append([None, None, cell("УТВЕРЖДАЮ", bold=True)])
    sheet.append([])
    sheet.append([cell("№", bold=True, border=True), cell("Мероприятие «Ёлка»", border=True), cell(""), None,
                  cell(3, border=True), cell(2.5), cell(date(2026, 12, 5)), cell("=СУММ(A1:A2)")])
    sheet.append(["просто текст", 7, None, date(2027, 1, 10), "=1+1", cell("в конце", bold=True)])
    linked = cell("ссылка")
    linked.hyperlink = "https://example.org/plan"
    sheet.append([linked, "после ссылки"])
    for n in range(30):
        sheet.append([cell(f"{n}.1", border=True), cell("Экскурсия", border=True), f"строка {n}", n])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return b"".join(archive.read(name) for name in sorted(archive.namelist()) if name.startswith("xl/"))


def test_ready_cells_write_what_openpyxl_writes():
    assert _sheet_xml(ready=True) == _sheet_xml(ready=False)


def test_a_list_export_reads_back(app):
    with app.test_request_context("/"):
        content = workbook_bytes("Список", ["№", "Название"], [[1, "=опасно"], [2, "Ёлка"]], caption="Подпись")
    from openpyxl import load_workbook
    sheet = load_workbook(io.BytesIO(content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Подпись", None], [None, None], ["№", "Название"], [1, "'=опасно"], [2, "Ёлка"]]
