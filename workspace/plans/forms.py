from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField

from workspace.core.forms import max_length, required, strip
from workspace.core.labels import choices
from workspace.plans.models import ItemStatus


class PlanForm(FlaskForm):
    start_year = SelectField(_l("Учебный год"), coerce=int, validators=[required()])
    title = StringField(_l("Название плана"), validators=[max_length(400)], filters=[strip])

    def __init__(self, years: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_year.choices = years


class SectionForm(FlaskForm):
    title = StringField(_l("Название раздела"), validators=[required(), max_length(400)], filters=[strip],
                        description=_l("Например: «План мероприятий с МБУ «МИБС»»"))
    partner_institution_id = SelectField(_l("Партнёр"), coerce=int)

    def __init__(self, partners: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner_institution_id.choices = [(0, str(_l("— без партнёра —")))] + partners


class ItemForm(FlaskForm):
    title = TextAreaField(_l("Мероприятие"), validators=[required(), max_length(2000)], filters=[strip])
    audience = StringField(_l("Участники (классы)"), validators=[max_length(200)], filters=[strip])
    timing = StringField(_l("Сроки"), validators=[max_length(200)], filters=[strip])
    responsible = StringField(_l("Ответственные"), validators=[max_length(1000)], filters=[strip])
    report_form = StringField(_l("Форма отчётности"), validators=[max_length(1000)], filters=[strip])


CELL_FIELDS = ("title", "audience", "timing", "responsible", "report_form", "status")


class CellForm(FlaskForm):
    """One cell of an item, edited in place; carries the item's version."""

    value = TextAreaField(validators=[max_length(2000)], filters=[strip])
    version = HiddenField()

    def __init__(self, field_name: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_name = field_name
        if field_name == "title":
            self.value.validators = [required(), max_length(2000)]


class StatusCellForm(FlaskForm):
    value = SelectField(_l("Статус"), validators=[required()])
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_name = "status"
        self.value.choices = choices(ItemStatus)
