"""The requisites a user types before a document is downloaded. The forms are read from the page's address (GET:
generating a draft changes nothing, so there is nothing to protect with a CSRF token — as the plan copy's preview)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import InputRequired

from workspace.core.forms import max_length, strip

NOBODY = 0


class RequisitesForm(FlaskForm):
    """The document's registration number and date (ГОСТ Р 7.0.97-2016: the date and number of the document)."""

    class Meta:
        csrf = False

    number = StringField(_l("Регистрационный номер"), validators=[max_length(50)], filters=[strip],
                         description=_l("Можно оставить пустым — в документе останется место, чтобы вписать его."))
    signed_on = DateField(_l("Дата документа"), validators=[InputRequired(_l("Укажите дату документа."))])


class OrderForm(RequisitesForm):
    """The director's order: who is responsible, who signs, on whom the control lies — the school's own staff."""

    responsible_id = SelectField(_l("Ответственный за организацию обучения"), coerce=int,
                                 validators=[InputRequired(_l("Выберите ответственного из сотрудников школы."))])
    signatory_id = SelectField(_l("Подписывает"), coerce=int,
                               validators=[InputRequired(_l("Выберите, кто подписывает приказ."))])
    controller_id = SelectField(_l("Контроль за исполнением"), coerce=int)

    def __init__(self, staff: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.responsible_id.choices = list(staff)
        self.signatory_id.choices = list(staff)
        self.controller_id.choices = [(NOBODY, str(_l("Оставляет за собой подписывающий приказ")))] + list(staff)
