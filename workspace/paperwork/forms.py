"""The requisites a user types before a document is downloaded. The forms are read from the page's address (GET:
generating a draft changes nothing, so there is nothing to protect with a CSRF token — as the plan copy's preview)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import InputRequired, ValidationError

from workspace.core.forms import max_length, strip
from workspace.core.i18n import lazy_gettext as _l

NOBODY = 0
NOT_STAFF = _l("Выберите сотрудника школы из списка.")


class StaffField(SelectField):
    """A person of the school's staff (the choices): anything else — another institution's user, a missing id, a
    word — is refused with one clear message."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=int, **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(NOT_STAFF)) from error

    def pre_validate(self, form):
        try:
            super().pre_validate(form)
        except ValidationError as error:
            raise ValidationError(str(NOT_STAFF)) from error


class RequisitesForm(FlaskForm):
    """The document's registration number and date (ГОСТ Р 7.0.97-2016: the date and number of the document)."""

    class Meta:
        csrf = False

    number = StringField(_l("Регистрационный номер"), validators=[max_length(50)], filters=[strip],
                         description=_l("Можно оставить пустым — в документе останется место, чтобы вписать его."))
    signed_on = DateField(_l("Дата документа"), validators=[InputRequired(_l("Укажите дату документа."))])


class OrderForm(RequisitesForm):
    """The director's order: who is responsible, who signs, on whom the control lies — the school's own staff."""

    responsible_id = StaffField(_l("Ответственный за организацию обучения"),
                                validators=[InputRequired(_l("Выберите ответственного из сотрудников школы."))])
    signatory_id = StaffField(_l("Подписывает"), validators=[InputRequired(_l("Выберите, кто подписывает приказ."))])
    controller_id = StaffField(_l("Контроль за исполнением"))

    def __init__(self, staff: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.responsible_id.choices = list(staff)
        self.signatory_id.choices = list(staff)
        self.controller_id.choices = [(NOBODY, str(_l("Оставляет за собой подписывающий приказ")))] + list(staff)
