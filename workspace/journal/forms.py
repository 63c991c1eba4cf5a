from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, IntegerField, StringField
from wtforms.validators import InputRequired, NumberRange

from workspace.core.forms import max_length, strip
from workspace.core.i18n import lazy_gettext as _l


class LessonForm(FlaskForm):
    held_on = DateField(_l("Дата"), validators=[InputRequired(_l("Укажите дату занятия."))])
    topic = StringField(_l("Тема"), validators=[max_length(300)], filters=[strip])
    hours = IntegerField(_l("Часов"), default=1, validators=[
        InputRequired(_l("Укажите число часов.")), NumberRange(1, 8, _l("От 1 до 8 часов."))])
    version = HiddenField()


class GenerateForm(FlaskForm):
    skip_holidays = BooleanField(_l("Пропускать праздничные дни и зимние каникулы (31 декабря — 8 января)"),
                                 default=True)
