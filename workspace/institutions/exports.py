"""The staff list as Excel, and the empty template for the import."""
from __future__ import annotations

from flask import g
from sqlalchemy import select

from workspace.accounts.models import User
from workspace.core.excel import workbook_bytes
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.extensions import db


def staff_header() -> list[str]:
    return [_("ФИО"), _("Электронная почта"), _("Должность"), _("Роль")]


def staff_workbook() -> bytes:
    rows = db.session.execute(
        select(User.full_name, User.email, User.position, User.role, User.is_enabled, User.password_hash.is_(None))
        .where(User.institution_id == g.institution.id).order_by(User.full_name))
    state = {(True, False): _("Активен"), (True, True): _("Приглашён"), (False, False): _("Отключён"),
             (False, True): _("Отключён")}
    return workbook_bytes(
        _("Сотрудники"), [*staff_header(), _("Состояние")],
        ([name, email, position, label(role), state[(enabled, invited)]]
         for name, email, position, role, enabled, invited in rows),
        caption=g.institution.full_name,
    )


def staff_template() -> bytes:
    return workbook_bytes(_("Сотрудники"), staff_header(),
                          [[_("Иванова Ольга Николаевна"), "ivanova@school.ru", _("Учитель литературы"), _("педагог")]])
