"""A plan in the shapes institutions print and sign: Excel (.xlsx) and Word (.docx).

Both carry the approval block at the top right (the council's protocol once approved, otherwise «УТВЕРЖДАЮ» for
the base institution's head), a title naming the network, the partner of a section and the academic year, a bold
header repeated on each page, borders, sections as merged bold rows, an A4 landscape page with its numbers.
The sheet reads back through the plan importer (tests prove the round trip)."""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from flask import g, has_request_context
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from sqlalchemy import select

from tenants.models import Institution
from workspace.accounts.models import StaffRole, User
from workspace.core.dates import AcademicYear
from workspace.core.documents import (
    a4_blank,
    add_approval_and_title,
    add_grid,
    add_grid_row,
    add_page_numbers,
    document_bytes,
)
from workspace.core.excel import LINE_HEIGHT, neutralise, ready_cells, row_height, set_row_height, set_up_print
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.extensions import db
from workspace.networks.interaction import row_names
from workspace.plans.models import Plan, PlanStatus

INTERACTION_HEADER = "Партнёр и форма взаимодействия"   # read back by the importer (reading.reading, «interaction»)
HEADER = ("№ п/п", "Наименование мероприятия", "Классы", "Сроки", "Ответственные", "Форма отчётности",
          INTERACTION_HEADER, "Статус")
WIDTHS = (7, 42, 11, 15, 27, 20, 24, 14)                  # characters, on the sheet
WIDTHS_MM = (10, 62, 20, 24, 40, 32, 38, 31)              # on a landscape A4 page within the margins (257 mm)
HEAD_POSITIONS = ("директор", "заведующ", "руководител", "начальник", "ректор", "президент")


@dataclass(frozen=True)
class Heading:
    """What stands above the table: the approval block (lines, top right) and the title (lines, centred)."""
    approval: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    author: str = ""


def initials_name(full_name: str) -> str:
    """«Сергеева Наталья Петровна» → «Н.П. Сергеева», as a signature line writes it."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    return "".join(f"{part[0]}." for part in parts[1:3]) + " " + parts[0]


def _head_of(institution_id: int) -> tuple[str, str] | None:
    """(position, full name) of the institution's head: its admin whose position names a head (директор,
    заведующий…), else its first admin with a position; None when nobody is recorded."""
    admins = db.session.execute(select(User.position, User.full_name).where(
        User.institution_id == institution_id, User.role == StaffRole.ADMIN, User.is_enabled.is_(True))
        .order_by(User.id)).all()
    for position, full_name in admins:
        if position and position.lower().startswith(HEAD_POSITIONS):
            return position, full_name
    return next(((position, full_name) for position, full_name in admins if position), None)


def approval_lines(approval: tuple[str, str] | None, base_short_name: str, head: tuple[str, str] | None) -> list[str]:
    if approval:
        number, day = approval
        return [_("УТВЕРЖДЕНО"), _("решением координационного совета,"),
                _("протокол № %(number)s от %(date)s", number=number, date=day)]
    position = head[0] if head else _("Руководитель")
    signature = initials_name(head[1]) if head else "_" * 18
    return [_("УТВЕРЖДАЮ"), f"{position} {base_short_name}".strip(), f"__________ {signature}",
            _("«___» __________ 20___ г.")]


def approval_block(protocol) -> list[str]:
    """«УТВЕРЖДЕНО / решением координационного совета, / протокол № 2 от 28.08.2026» once the council approved an
    object (``protocol``: its number and date, as council.approval.approved_protocol gives it), nothing before."""
    if protocol is None:
        return []
    number, day = protocol
    return approval_lines((number, day.strftime("%d.%m.%Y")), "", None)


def plan_heading(plan: Plan, section=None, approval: tuple[str, str] | None = None) -> Heading:
    """The heading of the plan (or of one section) in the current network; without a network (a bench, a unit
    test) the plan's own title and year."""
    year = str(AcademicYear(plan.start_year))
    network = g.get("network") if has_request_context() else None
    if network is None:
        return Heading(approval=approval_lines(approval, "", None), title=[plan.title, year])
    base = db.session.execute(select(Institution.short_name, Institution.full_name)
                              .where(Institution.id == network.base_institution_id)).one()
    lines = [_("План совместных мероприятий")]
    partner_id = getattr(section, "partner_institution_id", None) if section is not None else None
    if section is not None and partner_id and partner_id != network.base_institution_id:
        partner = db.session.scalar(select(Institution.short_name).where(Institution.id == partner_id))
        lines.append(_("%(base)s и %(partner)s", base=base.short_name, partner=partner))
    elif section is not None:
        lines.append(_("раздел «%(section)s»", section=section.title))
    network_name = f"«{network.name}»"
    lines.append(_("в рамках сетевого взаимодействия %(network)s", network=network_name))
    years = f"{plan.start_year}/{plan.start_year + 1}"
    lines.append(_("на %(year)s учебный год", year=years))
    return Heading(approval=approval_lines(approval, base.short_name, _head_of(network.base_institution_id)),
                   title=lines, author=base.full_name)


def interaction_names() -> dict[int, str]:
    """The partners' names of the current network's interaction model by row id; none without a network (a bench,
    a unit test)."""
    if not has_request_context() or g.get("network") is None:
        return {}
    return row_names()


def interaction_cell(item, names: dict[int, str]) -> str:
    """«Драмтеатр — Спектакли»: the row's partner and the form, as the importer reads it back; empty for none."""
    if item.interaction_row_id is None:
        return ""
    name = names.get(item.interaction_row_id, "")
    return f"{name} — {item.interaction_form}" if name and item.interaction_form else name


def _number(value):
    """«1» is the number 1 (it sorts and sums), «1.1» and «2а» stay text."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 10:
        return int(value.strip())
    return value


# ---- Excel -----------------------------------------------------------------------------------------------

_WRAPPED = object()
_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


class _Cells:
    """The cells of one write-only sheet, made cheaply: each kind of cell's style resolved once, and each
    distinct repeating text made safe once."""

    def __init__(self, sheet):
        self.sheet = ready_cells(sheet)  # every row this sheet is given is of cells made here
        self.plain = self._style()
        self.wrapped = self._style(wrap=True, border=True)                        # a cell of the table
        self.number = self._style(wrap=True, border=True, horizontal="center")    # the № column
        self.header = self._style(bold=True, wrap=True, border=True, horizontal="center", vertical="center")
        self.section = self._style(bold=True, border=True)
        self.title = self._style(bold=True, horizontal="center", vertical="center", size=12)
        self.bold = self._style(bold=True)
        # Classes, timing, responsible, report form and status repeat from item to item: each distinct value is
        # made safe (and a status labelled) once. Numbers and titles don't repeat; keeping them would only hold memory.
        self.texts: dict[str, str] = {}
        self.statuses: dict = {}

    def _style(self, bold=False, wrap=False, border=False, horizontal=None, vertical="top", size=None):
        """The style array (indices into the workbook's fonts, alignments, borders…) of one kind of cell, resolved
        once on a template cell: assigning ``font``/``alignment`` hashes the style object and looks it up in the
        workbook's lists, which cost more than writing the cell; each new cell copies the array instead."""
        template = WriteOnlyCell(self.sheet)
        if bold or size:
            template.font = Font(bold=bold, size=size)
        if wrap or horizontal:
            template.alignment = Alignment(wrap_text=wrap, vertical=vertical, horizontal=horizontal)
        if border:
            template.border = _GRID
        return template._style

    @staticmethod
    def safe(value: str) -> str:
        """What openpyxl's value setter would check on each cell, done here: no formula (neutralise), no character
        XML forbids (neutralise drops those openpyxl refuses), at most 32 767 characters."""
        return str(neutralise(value))[:32767]

    def text(self, text: str, style_array) -> Cell:
        written = Cell(self.sheet, row=1, column=1, style_array=style_array)
        written._value = text  # already safe: the value setter would check it again
        written.data_type = "s"  # text, never a formula or an error code
        return written

    def cell(self, value, style_array=_WRAPPED) -> Cell:
        style_array = self.wrapped if style_array is _WRAPPED else style_array  # a plain cell's array is None
        if isinstance(value, str):
            return self.text(self.safe(value), style_array)
        return Cell(self.sheet, row=1, column=1, value=value, style_array=style_array)

    def repeating(self, value) -> Cell:
        if not isinstance(value, str):
            return self.cell(value)
        text = self.texts.get(value)
        if text is None:
            text = self.texts[value] = self.safe(value)
        return self.text(text, self.wrapped)

    def status(self, value) -> Cell:
        text = self.statuses.get(value)
        if text is None:
            text = self.statuses[value] = self.safe(label(value))
        return self.text(text, self.wrapped)

    def blanks(self, count: int, style_array) -> list[Cell]:
        """Bordered empty cells under a merged range (Excel draws a merged range's border from them)."""
        return [Cell(self.sheet, row=1, column=1, style_array=style_array) for _index in range(count)]


def _prepare(sheet, header_row: int, last_row: int) -> None:
    set_up_print(sheet, WIDTHS, last_row=last_row, header_row=header_row, landscape=True)
    sheet.page_margins.left, sheet.page_margins.right = 30 / 25.4, 10 / 25.4     # ГОСТ: 30 mm binding, 10 mm
    sheet.page_margins.top = sheet.page_margins.bottom = 20 / 25.4


def plan_workbook(plan: Plan, sections, approval: tuple[str, str] | None = None, heading: Heading | None = None,
                  section=None, names: dict[int, str] | None = None) -> bytes:
    """``sections``: [(section, items)]; ``approval``: (protocol number, date) once approved; ``heading``: what
    stands above the table (built from the current network when not given); ``section``: the one exported;
    ``names``: the interaction model's partners by row id (the current network's when not given)."""
    names = interaction_names() if names is None else names
    if plan.status != PlanStatus.APPROVED and section is None:
        approval = None
    heading = heading or plan_heading(plan, section, approval)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("План"))
    header_row = len(heading.approval) + 1 + len(heading.title) + 2
    _prepare(sheet, header_row, header_row + sum(1 + len(items) for _section, items in sections))
    cells = _Cells(sheet)
    cell = cells.cell
    row = 0
    for index, line in enumerate(heading.approval):        # E:G, top right; «УТВЕРЖДАЮ» bold
        row += 1
        sheet.append([None, None, None, None, None, cell(line, cells.bold if index == 0 else cells.plain)])
        sheet.merged_cells.add(f"F{row}:H{row}")
    sheet.append([])
    row += 1
    for line in heading.title:                             # A:H, centred
        row += 1
        sheet.append([cell(line, cells.title)])
        sheet.merged_cells.add(f"A{row}:H{row}")
    sheet.append([])
    row += 2
    set_row_height(sheet, row, 2 * LINE_HEIGHT + 3)
    sheet.append([cell(name, cells.header) for name in HEADER])
    for plan_section, items in sections:
        row += 1
        sheet.append([cell(plan_section.title, cells.section), *cells.blanks(len(HEADER) - 1, cells.section)])
        sheet.merged_cells.add(f"A{row}:H{row}")
        for item in items:
            row += 1
            link = interaction_cell(item, names)
            height = row_height((item.number, item.title, item.audience, item.timing, item.responsible,
                                 item.report_form, link), WIDTHS)
            if height:
                set_row_height(sheet, row, height)
            sheet.append([cell(_number(item.number), cells.number), cell(item.title), cells.repeating(item.audience),
                          cells.repeating(item.timing), cells.repeating(item.responsible),
                          cells.repeating(item.report_form), cells.repeating(link), cells.status(item.status)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---- Word ------------------------------------------------------------------------------------------------

def plan_document(plan: Plan, sections, heading: Heading, names: dict[int, str] | None = None) -> bytes:
    """The plan as a .docx: A4 landscape with the ГОСТ margins, the approval block at the top right, the title,
    the table whose header row repeats on each page, page numbers from the second page."""
    names = interaction_names() if names is None else names
    document = a4_blank(heading.author, " ".join(heading.title), font_size=12, landscape=True)
    add_page_numbers(document)
    add_approval_and_title(document, heading.approval, heading.title, indent_mm=175)  # the right 82 mm of 257
    widths = list(WIDTHS_MM)
    table = add_grid(document, list(HEADER), widths, font_size=11)
    statuses: dict = {}
    for plan_section, items in sections:
        add_grid_row(table, [plan_section.title], widths, bold=True, font_size=11)
        for item in items:
            status = statuses.get(item.status) or statuses.setdefault(item.status, label(item.status))
            add_grid_row(table, [item.number, item.title, item.audience, item.timing, item.responsible,
                                 item.report_form, interaction_cell(item, names), status], widths, font_size=11,
                         centred=(0,))
    return document_bytes(document)


def export_filename(plan: Plan, extension: str = "xlsx", section=None) -> str:
    suffix = f"-section-{section.id}" if section is not None else ""
    return f"plan-{plan.start_year}-{plan.start_year + 1}{suffix}.{extension}"
