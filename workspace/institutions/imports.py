"""Staff list from Excel: the header row found wherever it is, every row checked, all or nothing."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from workspace.accounts.models import StaffRole, User
from workspace.core.forms import EMAIL
from workspace.core.spreadsheets import Sheet, clean_text
from workspace.extensions import db

MAX_STAFF_ROWS = 500
HEADER_SEARCH_ROWS = 15
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


def _normal(value) -> str:
    return re.sub(r"\s+", " ", clean_text(value).lower().replace("ё", "е")).strip(" :*")


@dataclass
class StaffRow:
    line: int
    full_name: str
    email: str
    position: str
    role: StaffRole | None
    errors: list[str] = field(default_factory=list)


@dataclass
class StaffImport:
    rows: list[StaffRow]
    problem: str | None = None

    @property
    def errors(self) -> list[StaffRow]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return self.problem is None and bool(self.rows) and not self.errors


def _find_header(rows: list[tuple]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {}
        for column, value in enumerate(row):
            text = _normal(value)
            for key, names in COLUMNS.items():
                if key not in found and text in names:
                    found[key] = column
        if "full_name" in found and "email" in found:
            return index, found
    return None


def _role(text: str) -> StaffRole | None:
    normal = _normal(text)
    if normal in ROLES:
        return ROLES[normal]
    for name, role in ROLES.items():
        if name and normal.startswith(name):
            return role
    return None


def read_staff(sheets: list[Sheet]) -> StaffImport:
    for sheet in sheets:
        header = _find_header(sheet.rows)
        if header is not None:
            break
    else:
        return StaffImport([], _("Не найдена строка заголовков: в таблице нужны столбцы «ФИО» и «Электронная почта»."))
    index, columns = header

    def cell(row, key):
        position = columns.get(key)
        return clean_text(row[position]) if position is not None and position < len(row) else ""

    rows: list[StaffRow] = []
    for line, row in enumerate(sheet.rows[index + 1:], start=index + 2):
        if not any(clean_text(value) for value in row):
            continue
        role_text = cell(row, "role")
        staff = StaffRow(line, cell(row, "full_name")[:200], cell(row, "email").lower(), cell(row, "position")[:200],
                         _role(role_text))
        if not staff.full_name:
            staff.errors.append(_("не указаны ФИО"))
        if not EMAIL.match(staff.email) or len(staff.email) > 254:
            staff.errors.append(_("неверный адрес почты «%(email)s»", email=staff.email))
        if staff.role is None:
            staff.errors.append(_("неизвестная роль «%(role)s» (руководитель, координатор, педагог, сотрудник)",
                                  role=role_text))
        rows.append(staff)
    if not rows:
        return StaffImport([], _("В таблице нет ни одной строки с сотрудником."))
    if len(rows) > MAX_STAFF_ROWS:
        return StaffImport([], _("В таблице %(n)d сотрудников — за один раз можно не больше %(max)d.",
                                 n=len(rows), max=MAX_STAFF_ROWS))
    _mark_duplicates(rows)
    return StaffImport(rows)


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
