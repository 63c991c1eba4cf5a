from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from tenants.models import MemberRole
from workspace.accounts.forms import email_field
from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices
from workspace.institutions.forms import InstitutionProfileForm

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")


def _slug(form, field):
    if not SLUG.match(field.data or ""):
        raise ValidationError(_l("Только латинские строчные буквы, цифры и дефис, от 2 до 63 символов."))


class InstitutionForm(InstitutionProfileForm):
    slug = StringField(_l("Адрес в системе (латиницей)"), validators=[required(), _slug],
                       filters=[strip, lambda v: v.lower() if isinstance(v, str) else v],
                       description=_l("Станет частью адреса страниц: /i/sosh31/"))


def _date_required():
    # InputRequired, not DataRequired: a date that does not parse keeps its own message
    # («Неверное значение даты.») instead of being told to fill in a field that is filled in.
    return InputRequired(message=_l("Заполните это поле."))


class NetworkForm(FlaskForm):
    name = StringField(_l("Название сети (программы сетевого взаимодействия)"),
                       validators=[required(), max_length(400)], filters=[strip])
    slug = StringField(_l("Адрес в системе (латиницей)"), validators=[required(), _slug],
                       filters=[strip, lambda v: v.lower() if isinstance(v, str) else v])
    base_institution_id = SelectField(_l("Базовая организация"), coerce=int, validators=[required()])
    goal = TextAreaField(_l("Цель"), validators=[max_length(4000)], filters=[strip])
    tasks = TextAreaField(_l("Задачи"), validators=[max_length(8000)], filters=[strip])
    starts_on = DateField(_l("Начало"), validators=[_date_required()], format="%Y-%m-%d")
    ends_on = DateField(_l("Окончание"), validators=[_date_required()], format="%Y-%m-%d")

    def __init__(self, institutions: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_institution_id.choices = institutions

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Окончание не может быть раньше начала."))


class MemberForm(FlaskForm):
    institution_id = SelectField(_l("Учреждение"), coerce=int, validators=[required()])
    role = SelectField(_l("Статус в сети"), validators=[required()])

    def __init__(self, institutions: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.institution_id.choices = institutions
        self.role.choices = [c for c in choices(MemberRole) if c[0] != MemberRole.BASE.value]


class AdminForm(FlaskForm):
    full_name = StringField(_l("ФИО руководителя"), validators=[required(), max_length(200)], filters=[strip])
    email = email_field()
