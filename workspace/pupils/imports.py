"""Pupils from Excel: the header row found wherever it is, every row checked, all or nothing."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from workspace.core.forms import is_email_address
from workspace.core.i18n import gettext as _
from workspace.core.import_preview import RowsImport
from workspace.core.spreadsheets import Sheet, cell_of, clean_text, find_header, read_xlsx, rows_below
from workspace.core.words import plural
from workspace.pupils.models import grade_of

MAX_PUPIL_ROWS = 2000
COLUMNS = {
    "full_name": ("фио", "ф.и.о.", "ф. и. о.", "фио обучающегося", "фио ученика", "обучающийся", "ученик",
                  "фамилия имя отчество", "фамилия, имя, отчество", "full name"),
    "surname": ("фамилия", "surname"),
    "name": ("имя", "name"),
    "patronymic": ("отчество", "patronymic"),
    "class_label": ("класс", "class"),
    "birth_on": ("дата рождения", "date of birth", "birth date"),
    "parent_name": ("родитель", "фио родителя", "родитель (законный представитель)", "законный представитель",
                    "parent"),
    "parent_phone": ("телефон", "телефон родителя", "phone"),
    "parent_email": ("e-mail", "email", "электронная почта", "эл. почта", "почта", "e-mail родителя"),
}


@dataclass
class PupilRow:
    line: int
    surname: str
    name: str
    patronymic: str
    class_label: str
    birth_on: date | None
    parent_name: str
    parent_phone: str
    parent_email: str
    errors: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)


def read_pupils_file(content: bytes) -> list[Sheet]:
    return read_xlsx(content, max_rows=MAX_PUPIL_ROWS + 50)


def _is_header(found: dict[str, int]) -> bool:
    has_name = "full_name" in found or ("surname" in found and "name" in found)
    return has_name and "class_label" in found


def _date(value) -> tuple[date | None, bool]:
    """(the date, whether the cell was understood)."""
    if value is None or value == "":
        return None, True
    if isinstance(value, datetime):
        return value.date(), True
    if isinstance(value, date):
        return value, True
    text = clean_text(value)
    for pattern in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date(), True
        except ValueError:
            continue
    return None, False


def read_pupils(sheets: list[Sheet]) -> RowsImport:
    header = find_header(sheets, COLUMNS, _is_header)
    if header is None:
        return RowsImport([], _("Не найдена строка заголовков: нужны столбцы «ФИО» (или «Фамилия» и «Имя») и «Класс»."))
    sheet, index, columns = header

    def cell(row, key):
        return cell_of(row, columns, key)

    rows: list[PupilRow] = []
    for line, row in rows_below(sheet, index):
        if "full_name" in columns:
            parts = clean_text(cell(row, "full_name")).split()
            surname, name, patronymic = (parts + ["", "", ""])[0], (parts + ["", ""])[1] if len(parts) > 1 else "", \
                " ".join(parts[2:])
        else:
            surname, name, patronymic = (clean_text(cell(row, key)) for key in ("surname", "name", "patronymic"))
        birth_on, understood = _date(cell(row, "birth_on"))
        pupil = PupilRow(line, surname[:100], name[:100], patronymic[:100],
                         clean_text(cell(row, "class_label")).replace(" ", "").upper()[:20], birth_on,
                         clean_text(cell(row, "parent_name"))[:200], clean_text(cell(row, "parent_phone"))[:60],
                         clean_text(cell(row, "parent_email")).lower()[:254])
        if not pupil.surname or not pupil.name:
            pupil.errors.append(_("не указаны фамилия и имя"))
        if grade_of(pupil.class_label) is None:
            pupil.errors.append(_("класс «%(value)s» не понят (нужно, например, «5А»)", value=pupil.class_label))
        if not understood:
            pupil.errors.append(_("дата рождения «%(value)s» не понята (нужно ДД.ММ.ГГГГ)",
                                  value=clean_text(cell(row, "birth_on"))))
        if pupil.parent_email and not is_email_address(pupil.parent_email):
            pupil.errors.append(_("неверный адрес почты «%(email)s»", email=pupil.parent_email))
        rows.append(pupil)
    if not rows:
        return RowsImport([], _("В таблице нет ни одной строки с обучающимся."))
    if len(rows) > MAX_PUPIL_ROWS:
        pupil_noun = _("обучающийся")
        return RowsImport([], _("В таблице %(rows)s — за один раз можно не больше %(max)d.",
                                 rows=plural(len(rows), pupil_noun), max=MAX_PUPIL_ROWS))
    return RowsImport(rows)
