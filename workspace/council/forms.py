from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField

from tenants.models import SeatRole
from workspace.accounts.forms import email_field
from workspace.core.forms import max_length, required, strip
from workspace.core.labels import choices


class _SeatRoleMixin:
    def _seat_roles(self):
        self.role.choices = choices(SeatRole)


class StaffSeatForm(FlaskForm, _SeatRoleMixin):
    user_id = SelectField(_l("Сотрудник учреждения-участника"), coerce=int, validators=[required()])
    role = SelectField(_l("Роль в совете"), validators=[required()])

    def __init__(self, candidates: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_id.choices = candidates
        self._seat_roles()


class ExternalSeatForm(FlaskForm, _SeatRoleMixin):
    full_name = StringField(_l("ФИО"), validators=[required(), max_length(200)], filters=[strip])
    email = email_field()
    represents = StringField(_l("Кого представляет"), validators=[max_length(200)], filters=[strip],
                             description=_l("Например: родитель обучающегося 7 «А» класса"))
    role = SelectField(_l("Роль в совете"), validators=[required()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seat_roles()
