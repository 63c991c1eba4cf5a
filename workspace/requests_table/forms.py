from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional, ValidationError

from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices, label
from workspace.requests_table.models import NEED_CATEGORIES, OFFER_CATEGORIES, RequestKind, RequestStatus


class RequestForm(FlaskForm):
    category = SelectField(_l("Что именно"), validators=[required()])
    title = StringField(_l("Коротко"), validators=[required(), max_length(300)], filters=[strip])
    description = TextAreaField(_l("Подробности"), validators=[max_length(4000)], filters=[strip])
    starts_on = DateField(_l("Когда: с"), validators=[Optional()], format="%Y-%m-%d")
    ends_on = DateField(_l("по"), validators=[Optional()], format="%Y-%m-%d")
    status = SelectField(_l("Статус"), validators=[required()])
    version = HiddenField()

    def __init__(self, kind: RequestKind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = NEED_CATEGORIES if kind is RequestKind.NEED else OFFER_CATEGORIES
        self.category.choices = [(c.value, label(c)) for c in categories]
        self.status.choices = choices(RequestStatus)
        if kind is RequestKind.NEED:
            self.title.description = _l("Например: «Нужна площадка для квеста на 25 человек»")
        else:
            self.title.description = _l("Например: «Читальный зал на 30 мест, проектор»")

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Дата окончания раньше даты начала."))


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Сообщение"), validators=[required(), max_length(4000)], filters=[strip])


class PlanItemFromMatchForm(FlaskForm):
    section_id = SelectField(_l("Раздел плана"), coerce=int, validators=[required()])
    title = TextAreaField(_l("Мероприятие"), validators=[required(), max_length(2000)], filters=[strip])
    audience = StringField(_l("Участники (классы)"), validators=[max_length(200)], filters=[strip])
    timing = StringField(_l("Сроки"), validators=[max_length(200)], filters=[strip])
    responsible = StringField(_l("Ответственные"), validators=[max_length(1000)], filters=[strip])
    report_form = StringField(_l("Форма отчётности"), validators=[max_length(1000)], filters=[strip])

    def __init__(self, sections: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_id.choices = sections


class ProjectTaskFromMatchForm(FlaskForm):
    project_id = SelectField(_l("Проект сети"), coerce=int, validators=[required()])
    title = TextAreaField(_l("Задача дорожной карты"), validators=[required(), max_length(2000)], filters=[strip])
    timing = StringField(_l("Сроки"), validators=[max_length(200)], filters=[strip])
    responsible = StringField(_l("Ответственные"), validators=[max_length(1000)], filters=[strip])
    expected_result = StringField(_l("Ожидаемый результат"), validators=[max_length(1000)], filters=[strip])

    def __init__(self, projects: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.project_id.choices = projects
