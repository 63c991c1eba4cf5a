"""Forms of the home school's diagnostics: a class's results and one pupil's."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.monitoring.forms import NumberField

_COUNT = [Optional(), NumberRange(min=0, max=2000, message=_l("Введите число от 0 до 2000."))]


class ClassResultForm(FlaskForm):
    class_label = StringField(_l("Класс"), validators=[required(), max_length(20)], filters=[strip],
                              description=_l("Например: 7А"))
    assessed = IntegerField(_l("Оценено обучающихся"), validators=[
        InputRequired(message=_l("Заполните это поле.")),
        NumberRange(min=1, max=2000, message=_l("Введите число от 1 до 2000."))])
    high = IntegerField(_l("Высокий уровень, чел."), validators=_COUNT)
    middle = IntegerField(_l("Средний уровень, чел."), validators=_COUNT)
    low = IntegerField(_l("Низкий уровень, чел."), validators=_COUNT)
    score = NumberField(_l("Средний балл"), places=None, validators=[Optional(), NumberRange(
        min=0, max=10 ** 6, message=_l("Введите число от 0 до миллиона."))], render_kw={"inputmode": "decimal"},
        description=_l("Заполните уровни, средний балл или и то и другое"))

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        counts = [field.data for field in (self.high, self.middle, self.low)]
        if all(count is None for count in counts) and self.score.data is None:
            self.high.errors.append(_l("Укажите число обучающихся на каждом уровне или средний балл."))
            return False
        if any(count is not None for count in counts) and sum(count or 0 for count in counts) != self.assessed.data:
            self.high.errors.append(_l("Сумма по уровням должна равняться числу оценённых обучающихся."))
            return False
        return True


class PupilResultForm(FlaskForm):
    pupil_id = SelectField(_l("Обучающийся"), coerce=int, validate_choice=True)
    level = SelectField(_l("Уровень"))
    score = NumberField(_l("Балл"), places=None, validators=[Optional(), NumberRange(
        min=0, max=10 ** 6, message=_l("Введите число от 0 до миллиона."))], render_kw={"inputmode": "decimal"})
    note = TextAreaField(_l("Комментарий"), validators=[max_length(1000)], filters=[strip],
                         description=_l("Видят только сотрудники школы"))

    def __init__(self, pupils: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil_id.choices = [(0, "—")] + pupils
        self.level.choices = [("", "—"), ("high", str(_l("высокий"))), ("middle", str(_l("средний"))),
                              ("low", str(_l("низкий")))]

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not self.pupil_id.data:
            self.pupil_id.errors.append(_l("Выберите обучающегося."))
            return False
        if not self.level.data and self.score.data is None:
            self.level.errors.append(_l("Укажите уровень или балл."))
            return False
        return True
