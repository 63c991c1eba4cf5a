from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, NumberRange, Optional

from workspace.core.forms import max_length, strip


class LessonForm(FlaskForm):
    held_on = DateField(_l("Дата"), validators=[InputRequired(_l("Укажите дату занятия."))])
    topic = StringField(_l("Тема"), validators=[max_length(300)], filters=[strip])
    hours = IntegerField(_l("Часов"), default=1, validators=[
        InputRequired(_l("Укажите число часов.")), NumberRange(1, 8, _l("От 1 до 8 часов."))])
    version = HiddenField()


class GenerateForm(FlaskForm):
    skip_holidays = SelectField(_l("Праздничные дни"), choices=[("1", _l("пропускать")), ("0", _l("не пропускать"))],
                                default="1")


class ReportForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter

    half = SelectField(_l("Полугодие"), validators=[Optional()])
