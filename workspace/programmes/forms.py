"""Forms of the programmes area."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices
from workspace.programmes.models import WEEKDAYS, AttestationForm, AttestationKind, Direction, GradeScale
from workspace.pupils.models import grade_of


def number(low: int, high: int):
    return NumberRange(min=low, max=high, message=_l("Число от %(min)d до %(max)d.", min=low, max=high))


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class ProgrammeForm(FlaskForm):
    title = StringField(_l("Название программы"), validators=[required(), max_length(300)], filters=[strip])
    direction = SelectField(_l("Направленность"), validators=[required()])
    description = TextAreaField(_l("Описание"), validators=[max_length(8000)], filters=[strip])
    hours = IntegerField(_l("Объём, часов"), validators=[InputRequired(_l("Заполните это поле.")), number(1, 2000)])
    grade_min = IntegerField(_l("С класса"), validators=[InputRequired(_l("Заполните это поле.")), number(1, 11)])
    grade_max = IntegerField(_l("По какой класс"), validators=[InputRequired(_l("Заполните это поле.")), number(1, 11)])
    capacity = IntegerField(_l("Мест"), validators=[InputRequired(_l("Заполните это поле.")), number(1, 1000)])
    grade_scale = SelectField(_l("Система оценивания"), validators=[required()])
    starts_on = DateField(_l("Начало"), validators=[Optional()], render_kw={"type": "date"})
    ends_on = DateField(_l("Окончание"), validators=[Optional()], render_kw={"type": "date"})
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.direction.choices = choices(Direction)
        self.grade_scale.choices = choices(GradeScale)

    def validate_grade_max(self, field):
        if self.grade_min.data and field.data and field.data < self.grade_min.data:
            raise ValidationError(_l("«По какой класс» не может быть меньше «С класса»."))

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Окончание не может быть раньше начала."))


class GroupForm(FlaskForm):
    name = StringField(_l("Название группы"), validators=[required(), max_length(200)], filters=[strip])
    teacher_id = SelectField(_l("Педагог"), coerce=_int_or_none, validate_choice=False)
    place = StringField(_l("Место занятий"), validators=[max_length(300)], filters=[strip])
    capacity = IntegerField(_l("Мест в группе"), validators=[InputRequired(_l("Заполните это поле.")), number(1, 200)])
    version = HiddenField()

    def __init__(self, teachers: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher_choices = teachers
        self.teacher_id.choices = [("", _l("— не назначен —"))] + teachers

    def validate_teacher_id(self, field):
        if field.data is not None and field.data not in {id_ for id_, _name in self.teacher_choices}:
            raise ValidationError(_l("Выберите педагога из списка."))


class SlotForm(FlaskForm):
    weekday = SelectField(_l("День недели"), coerce=int)
    starts_at = TimeField(_l("Начало"), validators=[InputRequired(_l("Укажите время."))])
    ends_at = TimeField(_l("Окончание"), validators=[InputRequired(_l("Укажите время."))])
    place = StringField(_l("Место (если не как у группы)"), validators=[max_length(300)], filters=[strip])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.weekday.choices = list(enumerate(WEEKDAYS))

    def validate_ends_at(self, field):
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("Занятие должно заканчиваться позже, чем начинается."))


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("Причина отказа"), validators=[required(), max_length(1000)], filters=[strip])
    version = HiddenField()


class DecisionForm(FlaskForm):
    version = HiddenField()


class PlaceForm(FlaskForm):
    group_id = SelectField(_l("Группа"), coerce=_int_or_none, validate_choice=False)
    version = HiddenField()


class ApplicationForm(FlaskForm):
    pupil_id = SelectField(_l("Обучающийся"), coerce=_int_or_none, validate_choice=False)
    programme_id = SelectField(_l("Программа"), coerce=_int_or_none, validate_choice=False)
    submitted_on = DateField(_l("Дата заявления"), validators=[InputRequired(_l("Укажите дату."))],
                             render_kw={"type": "date"})
    parent_name = StringField(_l("Родитель (законный представитель)"), validators=[max_length(200)], filters=[strip])
    has_consent = BooleanField(_l("Есть согласие родителя на обработку персональных данных"))
    note = StringField(_l("Примечание"), validators=[max_length(500)], filters=[strip])

    def __init__(self, pupils, programmes, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil_id.choices = [("", _l("— выберите —"))] + pupils
        self.programme_id.choices = [("", _l("— выберите —"))] + programmes

    def validate_pupil_id(self, field):
        if field.data not in {value for value, _label in self.pupil_id.choices[1:]}:
            raise ValidationError(_l("Выберите обучающегося из списка."))

    def validate_programme_id(self, field):
        if field.data not in {value for value, _label in self.programme_id.choices[1:]}:
            raise ValidationError(_l("Выберите программу из списка."))

    def validate_has_consent(self, field):
        if not field.data:
            raise ValidationError(_l("Без согласия на обработку персональных данных заявление не принимается."))


class MatchForm(FlaskForm):
    """An application from the public form: match it to a pupil of the registry, or create one."""
    pupil_id = SelectField(_l("Обучающийся из реестра"), coerce=_int_or_none, validate_choice=False)

    def __init__(self, pupils, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil_id.choices = [("", _l("— создать нового по данным заявления —"))] + pupils

    def validate_pupil_id(self, field):
        if field.data is not None and field.data not in {value for value, _label in self.pupil_id.choices[1:]}:
            raise ValidationError(_l("Выберите обучающегося из списка."))


class RejectForm(FlaskForm):
    note = StringField(_l("Причина"), validators=[required(), max_length(500)], filters=[strip])


class RequestForm(FlaskForm):
    application_ids = SelectMultipleField(_l("Заявления"), coerce=int, validate_choice=False,
                                          widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    note = TextAreaField(_l("Сопроводительный текст"), validators=[max_length(2000)], filters=[strip])

    def validate_application_ids(self, field):
        if not field.data:
            raise ValidationError(_l("Отметьте хотя бы одно заявление."))


class PublicApplicationForm(FlaskForm):
    pupil_full_name = StringField(_l("Фамилия, имя, отчество ребёнка"), validators=[required(), max_length(300)],
                                  filters=[strip])
    class_label = StringField(_l("Класс"), validators=[required(), max_length(20)], filters=[strip],
                              description=_l("Например, 5А"))
    school_id = SelectField(_l("Школа"), coerce=_int_or_none, validate_choice=False)
    parent_name = StringField(_l("Ваши фамилия, имя, отчество"), validators=[required(), max_length(200)],
                              filters=[strip])
    parent_contact = StringField(_l("Телефон или электронная почта для связи"), validators=[required(), max_length(254)],
                                 filters=[strip])
    has_consent = BooleanField(_l("Я согласен(на) на обработку персональных данных моих и ребёнка для записи на программу"))
    website = StringField(_l("Не заполняйте это поле"), render_kw={"autocomplete": "off", "tabindex": "-1"})  # honeypot

    def __init__(self, schools, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.school_id.choices = [("", _l("— выберите школу —"))] + schools

    def validate_school_id(self, field):
        if field.data not in {value for value, _label in self.school_id.choices[1:]}:
            raise ValidationError(_l("Выберите школу из списка."))

    def validate_has_consent(self, field):
        if not field.data:
            raise ValidationError(_l("Без согласия на обработку персональных данных заявление не принимается."))

    def validate_class_label(self, field):
        if grade_of(field.data) is None:
            raise ValidationError(_l("Класс пишется с номера от 1 до 11, например «5А»."))


class AttestationEditForm(FlaskForm):
    """A form and date of attestation of a programme (the programme page, the provider's managers)."""

    kind = SelectField(_l("Вид аттестации"))
    form = SelectField(_l("Форма"))
    title = StringField(_l("Название (для формы «другое» — обязательно)"), validators=[max_length(200)],
                        filters=[strip])
    held_on = DateField(_l("Дата"), validators=[InputRequired(_l("Укажите дату."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(AttestationKind)
        self.form.choices = choices(AttestationForm)

    def validate_title(self, field):
        if self.form.data == AttestationForm.OTHER.value and not field.data:
            raise ValidationError(_l("Для формы «другое» напишите, что это за аттестация."))
