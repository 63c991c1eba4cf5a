from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices
from workspace.projects.models import RESOURCE_KINDS, RESOURCE_LABELS, Direction, TaskStatus

DATE = "%Y-%m-%d"


class Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _ends_after_start(form, field):
    if form.starts_on.data and field.data and field.data < form.starts_on.data:
        raise ValidationError(_l("Дата окончания раньше даты начала."))


class ProjectForm(FlaskForm):
    title = StringField(_l("Название проекта"), validators=[required(), max_length(400)], filters=[strip])
    goal = TextAreaField(_l("Цель"), validators=[max_length(4000)], filters=[strip])
    tasks = TextAreaField(_l("Задачи"), validators=[max_length(8000)], filters=[strip],
                          description=_l("Каждая задача с новой строки."))
    direction = SelectField(_l("Направленность"), validators=[required()])
    lead_institution_id = SelectField(_l("Ведущее учреждение"), coerce=int, validators=[required()])
    participant_ids = Checkboxes(_l("Участники"), coerce=int,
                                 description=_l("Ведущее учреждение участвует всегда."))
    starts_on = DateField(_l("Начало"), validators=[required()], format=DATE)
    ends_on = DateField(_l("Окончание"), validators=[required(), _ends_after_start], format=DATE)
    version = HiddenField()

    def __init__(self, members: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.direction.choices = choices(Direction)
        self.lead_institution_id.choices = members
        self.participant_ids.choices = members


class StageForm(FlaskForm):
    title = StringField(_l("Этап"), validators=[required(), max_length(200)], filters=[strip])
    starts_on = DateField(_l("С"), validators=[Optional()], format=DATE)
    ends_on = DateField(_l("По"), validators=[Optional(), _ends_after_start], format=DATE)
    version = HiddenField()


class TaskForm(FlaskForm):
    task = TextAreaField(_l("Задача"), validators=[max_length(2000)], filters=[strip])
    title = TextAreaField(_l("Мероприятие"), validators=[required(), max_length(2000)], filters=[strip])
    timing = StringField(_l("Срок"), validators=[max_length(200)], filters=[strip],
                         description=_l("Как в плане: «сентябрь – октябрь», «К маю 2024», «в течение года»."))
    expected_result = StringField(_l("Ожидаемый результат"), validators=[max_length(2000)], filters=[strip])
    report_form = StringField(_l("Форма отчётности"), validators=[max_length(2000)], filters=[strip])
    responsible = StringField(_l("Ответственный"), validators=[max_length(1000)], filters=[strip])
    stage_id = SelectField(_l("Этап"), coerce=int)

    def __init__(self, stages: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage_id.choices = [(0, str(_l("— без этапа —")))] + stages


TASK_FIELDS = ("task", "title", "timing", "expected_result", "report_form", "responsible", "status", "stage_id")
TEXT_LIMITS = {"task": 2000, "title": 2000, "timing": 200, "expected_result": 2000, "report_form": 2000,
               "responsible": 1000}


class TaskCellForm(FlaskForm):
    """One cell of a roadmap task, edited in place; carries the task's version."""

    value = TextAreaField(filters=[strip])
    version = HiddenField()

    def __init__(self, field_name: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_name = field_name
        limit = max_length(TEXT_LIMITS[field_name])
        self.value.validators = [required(), limit] if field_name == "title" else [limit]


class TaskChoiceCellForm(FlaskForm):
    value = SelectField(validators=[required()])
    version = HiddenField()

    def __init__(self, field_name: str, stages: list[tuple[int, str]] | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_name = field_name
        if field_name == "status":
            self.value.label.text = _l("Статус")
            self.value.choices = choices(TaskStatus)
        else:
            self.value.label.text = _l("Этап")
            self.value.choices = [("0", str(_l("— без этапа —")))] + [(str(i), t) for i, t in stages or []]


class ResourcesForm(FlaskForm):
    version = HiddenField()


for _kind in RESOURCE_KINDS:
    setattr(ResourcesForm, f"resources_{_kind}",
            TextAreaField(RESOURCE_LABELS[_kind], validators=[max_length(8000)], filters=[strip],
                          description=_l("Каждый ресурс с новой строки.")))


class NumberField(StringField):
    """A number as people type it: «25», «12,5», «1 200»."""

    def process_formdata(self, valuelist):
        self.data = None
        text = (valuelist[0] if valuelist else "").strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if not text:
            return
        try:
            value = float(text)
        except ValueError:
            raise ValueError(_l("Введите число, например 25 или 12,5.")) from None
        if not 0 <= value <= 1e9:
            raise ValueError(_l("Число от 0 до 1 000 000 000."))
        self.data = value

    def _value(self):
        if self.data is None:
            return ""
        return f"{self.data:g}".replace(".", ",") if isinstance(self.data, float) else str(self.data)


class IndicatorForm(FlaskForm):
    name = StringField(_l("Показатель"), validators=[required(), max_length(400)], filters=[strip])
    unit = StringField(_l("Единица измерения"), validators=[max_length(50)], filters=[strip],
                       description=_l("Например: чел., мероприятий, %"))
    target_value = NumberField(_l("Целевое значение"), validators=[InputRequired(message=_l("Заполните это поле."))])
    actual_value = NumberField(_l("Фактическое значение"), validators=[Optional()])
    version = HiddenField()


class DocumentForm(FlaskForm):
    file = FileField(_l("Документ (PDF, фотография или скан)"), validators=[FileRequired(_l("Выберите файл."))],
                     render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Комментарий"), validators=[required(), max_length(4000)], filters=[strip],
                         description=_l("Чтобы позвать коллегу, напишите @ и фамилию: @Иванова."))
