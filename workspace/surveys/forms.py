from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError

from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices
from workspace.core.words import plural
from workspace.surveys.models import QuestionKind, SurveyAudience

MAX_OPTIONS = 20


class SurveyForm(FlaskForm):
    title = StringField(_l("Название анкеты"), validators=[required(), max_length(400)], filters=[strip],
                        description=_l("Например: «Удовлетворённость родителей сетевыми мероприятиями»"))
    audience = SelectField(_l("Кого опрашиваем"))
    start_year = SelectField(_l("Учебный год"), coerce=int)
    description = TextAreaField(_l("Обращение к респондентам"), validators=[max_length(2000)], filters=[strip],
                                description=_l("Его увидят над вопросами. Напишите, что анкета анонимная."))

    def __init__(self, years: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.audience.choices = choices(SurveyAudience)
        self.start_year.choices = years


class QuestionForm(FlaskForm):
    text = TextAreaField(_l("Вопрос"), validators=[required(), max_length(1000)], filters=[strip])
    kind = SelectField(_l("Тип ответа"))
    options = TextAreaField(_l("Варианты ответа"), validators=[max_length(4000)], filters=[strip],
                            description=_l("Каждый вариант с новой строки (для выбора одного или нескольких)."))
    is_required = BooleanField(_l("Обязательный вопрос"), default=True)
    is_satisfaction = BooleanField(_l("Вопрос об удовлетворённости (для шкалы 1–5: идёт в показатель)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(QuestionKind)

    def validate_options(self, field):
        lines = [line.strip() for line in (field.data or "").splitlines() if line.strip()]
        if self.kind.data in (QuestionKind.SINGLE.value, QuestionKind.MULTIPLE.value):
            if len(lines) < 2:
                raise ValidationError(_l("Для выбора нужно не меньше двух вариантов, каждый с новой строки."))
            if len(lines) > MAX_OPTIONS:
                option_noun = _l("вариант")
                raise ValidationError(_l("Не больше %(options)s.", options=plural(MAX_OPTIONS, option_noun, case="gent")))

    def validate_is_satisfaction(self, field):
        if field.data and self.kind.data != QuestionKind.SCALE.value:
            raise ValidationError(_l("Удовлетворённость отмечается только у вопроса со шкалой 1–5."))


class VersionForm(FlaskForm):
    version = HiddenField()
