"""The pupils registry as Excel (column tuples, write-only, formulas neutralised)."""
from __future__ import annotations

from sqlalchemy import select

from workspace.core.dates import ru_date
from workspace.core.excel import workbook_bytes
from workspace.core.i18n import gettext as _
from workspace.extensions import db
from workspace.pupils.models import Pupil


def pupils_workbook(caption: str) -> bytes:
    rows = db.session.execute(select(Pupil.surname, Pupil.name, Pupil.patronymic, Pupil.class_label, Pupil.birth_on,
                                     Pupil.parent_name, Pupil.parent_phone, Pupil.parent_email)
                              .where(Pupil.is_active.is_(True))
                              .order_by(Pupil.class_label, Pupil.surname, Pupil.name))
    header = [_("Фамилия"), _("Имя"), _("Отчество"), _("Класс"), _("Дата рождения"), _("Родитель"), _("Телефон"),
              _("E-mail")]
    return workbook_bytes(_("Обучающиеся"), header,
                          ((s, n, p, c, ru_date(b) if b else "", pn, ph, em)
                           for s, n, p, c, b, pn, ph, em in rows), caption=caption)
