"""Forms of the pupils registry."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, EmailField, HiddenField, StringField
from wtforms.validators import Optional, ValidationError

from workspace.core.forms import EmailAddress, max_length, required, strip
from workspace.pupils.models import grade_of


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


class PupilImportForm(FlaskForm):
    file = FileField(_l("Файл Excel (.xlsx)"), validators=[FileRequired(_l("Выберите файл."))],
                     render_kw={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
