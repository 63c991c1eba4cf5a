"""Forms of the pupils registry."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional, ValidationError

from workspace.core.forms import EmailAddress, max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.pupils.models import ConsentPurpose, grade_of


class ClassLabel:
    def __call__(self, form, field):
        if field.data and grade_of(field.data) is None:
            raise ValidationError(_l("Класс пишется с номера от 1 до 11, например «5А»."))


class PupilForm(FlaskForm):
    surname = StringField(_l("Фамилия"), validators=[required(), max_length(100)], filters=[strip])
    name = StringField(_l("Имя"), validators=[required(), max_length(100)], filters=[strip])
    patronymic = StringField(_l("Отчество"), validators=[max_length(100)], filters=[strip])
    class_label = StringField(_l("Класс"), validators=[required(), max_length(20), ClassLabel()], filters=[strip],
                              description=_l("Например, 5А"))
    birth_on = DateField(_l("Дата рождения"), validators=[Optional()],
                         render_kw={"type": "date"})
    parent_name = StringField(_l("Родитель (законный представитель)"), validators=[max_length(200)], filters=[strip])
    parent_phone = StringField(_l("Телефон родителя"), validators=[max_length(60)], filters=[strip])
    parent_email = EmailField(_l("Электронная почта родителя"), validators=[Optional(), max_length(254), EmailAddress()],
                              filters=[strip])
    is_active = BooleanField(_l("Обучается в школе"), default=True)
    version = HiddenField()


class ConsentForm(FlaskForm):
    purpose = SelectField(_l("На что дано согласие"), validators=[required()])
    purpose_note = StringField(_l("Уточнение цели"), validators=[max_length(300)], filters=[strip],
                               description=_l("Обязательно, если выбрано «иное»"))
    given_by = StringField(_l("Кто дал согласие (родитель, законный представитель)"),
                           validators=[required(), max_length(200)], filters=[strip])
    given_on = DateField(_l("Дата согласия"), validators=[InputRequired(_l("Укажите дату."))],
                         render_kw={"type": "date"})
    document = StringField(_l("Документ"), validators=[max_length(300)], filters=[strip],
                           description=_l("Например, «Заявление-согласие от 01.09.2026, хранится в личном деле»"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.purpose.choices = [(purpose.value, str(label(purpose))) for purpose in ConsentPurpose]

    def validate_purpose_note(self, field):
        if self.purpose.data == ConsentPurpose.OTHER.value and not field.data:
            raise ValidationError(_l("Опишите, на что дано согласие."))


class WithdrawConsentForm(FlaskForm):
    withdrawn_on = DateField(_l("Дата отзыва"), validators=[InputRequired(_l("Укажите дату."))],
                             render_kw={"type": "date"})
    withdrawn_by = StringField(_l("Кто отозвал согласие"), validators=[required(), max_length(200)], filters=[strip])
    withdrawal_note = TextAreaField(_l("Примечание"), validators=[max_length(2000)], filters=[strip])
    version = HiddenField()


class ErasePupilForm(FlaskForm):
    surname = StringField(_l("Фамилия обучающегося"), validators=[required(), max_length(100)], filters=[strip])
