from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import URL, Optional

from tenants.models import InstitutionKind
from workspace.accounts.forms import email_field
from workspace.accounts.models import StaffRole
from workspace.core.forms import EmailAddress, max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices


class InstitutionProfileForm(FlaskForm):
    full_name = StringField(_l("Полное наименование"), validators=[required(), max_length(400)], filters=[strip])
    short_name = StringField(_l("Краткое наименование"), validators=[required(), max_length(120)], filters=[strip])
    kind = SelectField(_l("Тип учреждения"), validators=[required()])
    city = StringField(_l("Населённый пункт"), validators=[max_length(120)], filters=[strip])
    address = StringField(_l("Адрес"), validators=[max_length(400)], filters=[strip])
    phone = StringField(_l("Телефон"), validators=[max_length(60)], filters=[strip])
    email = EmailField(_l("Электронная почта"), validators=[
        Optional(), max_length(254), EmailAddress(message=_l("Введите адрес электронной почты, например info@school.ru."))],
        filters=[strip])
    website = URLField(_l("Сайт"), validators=[
        Optional(), max_length(254), URL(message=_l("Введите адрес сайта, например https://school.ru."))],
        filters=[strip])
    mission = TextAreaField(_l("Миссия и направления работы"), validators=[max_length(4000)], filters=[strip])
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(InstitutionKind)


class InviteForm(FlaskForm):
    full_name = StringField(_l("ФИО"), validators=[required(), max_length(200)], filters=[strip])
    email = email_field()
    position = StringField(_l("Должность"), validators=[max_length(200)], filters=[strip])
    role = SelectField(_l("Роль"), validators=[required()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = choices(StaffRole)


class RoleForm(FlaskForm):
    role = SelectField(_l("Роль"), validators=[required()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = choices(StaffRole)
