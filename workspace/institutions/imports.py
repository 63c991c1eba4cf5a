"""Staff list from Excel: the header row found wherever it is, every row checked, all or nothing."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from workspace.accounts.models import StaffRole, User
from workspace.core.forms import is_email_address
from workspace.core.i18n import gettext as _
from workspace.core.import_preview import RowsImport
from workspace.core.spreadsheets import Sheet, cell_of, clean_text, find_header, folded, read_xlsx, rows_below
from workspace.core.words import plural
from workspace.extensions import db

MAX_STAFF_ROWS = 500
COLUMNS = {
    "full_name": ("фио", "ф.и.о.", "ф. и. о.", "сотрудник", "фамилия имя отчество", "фамилия, имя, отчество",
                  "full name", "name"),
    "email": ("электронная почта", "e-mail", "email", "эл. почта", "почта", "адрес электронной почты"),
    "position": ("должность", "position"),
    "role": ("роль", "роль в системе", "role"),
}
ROLES = {
    "руководитель": StaffRole.ADMIN, "директор": StaffRole.ADMIN, "администратор": StaffRole.ADMIN,
    "координатор": StaffRole.COORDINATOR, "ответственный": StaffRole.COORDINATOR,
    "педагог": StaffRole.TEACHER, "учитель": StaffRole.TEACHER, "сетевой учитель": StaffRole.TEACHER,
    "сотрудник": StaffRole.STAFF, "просмотр": StaffRole.STAFF, "": StaffRole.STAFF,
    # The English interface's template and people who fill the sheet in English.
    "admin": StaffRole.ADMIN, "head": StaffRole.ADMIN, "coordinator": StaffRole.COORDINATOR,
    "teacher": StaffRole.TEACHER, "staff": StaffRole.STAFF, "staff member": StaffRole.STAFF,
}


@dataclass
class StaffRow:
    line: int
    full_name: str
    email: str
    position: str
    role: StaffRole | None
    errors: list[str] = field(default_factory=list)


def read_staff_file(content: bytes) -> list[Sheet]:
    return read_xlsx(content, max_rows=MAX_STAFF_ROWS + 50)


def _role(text: str) -> StaffRole | None:
    normal = folded(text)
    if normal in ROLES:
        return ROLES[normal]
    for name, role in ROLES.items():
        if name and normal.startswith(name):
            return role
    return None


def read_staff(sheets: list[Sheet]) -> RowsImport:
    header = find_header(sheets, COLUMNS, lambda found: "full_name" in found and "email" in found)
    if header is None:
        return RowsImport([], _("Не найдена строка заголовков: в таблице нужны столбцы «ФИО» и «Электронная почта»."))
    sheet, index, columns = header

    def cell(row, key):
        return clean_text(cell_of(row, columns, key))

    rows: list[StaffRow] = []
    for line, row in rows_below(sheet, index):
        role_text = cell(row, "role")
        staff = StaffRow(line, cell(row, "full_name")[:200], cell(row, "email").lower(), cell(row, "position")[:200],
                         _role(role_text))
        if not staff.full_name:
            staff.errors.append(_("не указаны ФИО"))
        if not is_email_address(staff.email) or len(staff.email) > 254:
            staff.errors.append(_("неверный адрес почты «%(email)s»", email=staff.email))
        if staff.role is None:
            staff.errors.append(_("неизвестная роль «%(role)s» (руководитель, координатор, педагог, сотрудник)",
                                  role=role_text))
        rows.append(staff)
    if not rows:
        return RowsImport([], _("В таблице нет ни одной строки с сотрудником."))
    if len(rows) > MAX_STAFF_ROWS:
        staff_noun = _("сотрудник")
        return RowsImport([], _("В таблице %(rows)s — за один раз можно не больше %(max)d.",
                                 rows=plural(len(rows), staff_noun), max=MAX_STAFF_ROWS))
    _mark_duplicates(rows)
    return RowsImport(rows)


def _mark_duplicates(rows: list[StaffRow]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if row.email in seen:
            row.errors.append(_("адрес уже встречался в строке %(line)d", line=seen[row.email]))
        else:
            seen[row.email] = row.line
    emails = [row.email for row in rows if row.email]
    taken = set()
    for start in range(0, len(emails), 200):
        taken |= set(db.session.scalars(select(User.email).where(User.email.in_(emails[start:start + 200]))))
    for row in rows:
        if row.email in taken:
            row.errors.append(_("пользователь с адресом %(email)s уже зарегистрирован", email=row.email))
