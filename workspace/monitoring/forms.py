from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from wtforms import DecimalField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional
from wtforms.widgets import TextInput

from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.monitoring.models import DIAGNOSTIC, EXPERT, MANUAL, POINTS


class NumberField(DecimalField):
    """A decimal that also reads the Russian comma («4,5») and says in Russian what is wrong
    (a text input: a browser's number input refuses the comma in some locales)."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            raw = valuelist[0].strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
            try:
                self.data = Decimal(raw)
                if not self.data.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                self.data = None
                raise ValueError(_l("Введите число, например 75 или 4,5.")) from None
        else:
            self.data = None

    def _value(self) -> str:
        """The number as it was typed, or as a Russian writes it: «9», «6,5» (not «9.0», «6.5»)."""
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return format(Decimal(str(self.data)).normalize(), "f").replace(".", ",")


class IndicatorForm(FlaskForm):
    title = StringField(_l("Показатель"), validators=[required(), max_length(400)], filters=[strip],
                        description=_l("Например: «Доля обучающихся, посетивших учреждения культуры»"))
    criterion = StringField(_l("Критерий"), validators=[max_length(400)], filters=[strip],
                            description=_l("Что оценивает показатель: например, «Доступность культурной среды»"))
    unit = StringField(_l("Единица измерения"), validators=[max_length(40)], filters=[strip],
                       description=_l("%, чел., шт., баллы"))
    target = NumberField(_l("Целевое значение (план)"), places=None, validators=[Optional(), NumberRange(
        min=0, max=10 ** 9, message=_l("Введите число от 0 до миллиарда."))],
        render_kw={"inputmode": "decimal"})
    source = SelectField(_l("Метод (как считается)"))
    level_high = NumberField(_l("Высокий уровень — от"), places=None, validators=[Optional()],
                             render_kw={"inputmode": "decimal"},
                             description=_l("Значение не ниже этого порога — высокий уровень"))
    level_middle = NumberField(_l("Средний уровень — от"), places=None, validators=[Optional()],
                               render_kw={"inputmode": "decimal"},
                               description=_l("Не ниже — средний, ниже — низкий. Пусто — уровни не считаются"))
    interaction_row = SelectField(_l("Измеряет эффект строки модели взаимодействия"), default="",
                                  description=_l("Показатель появится на странице этой строки модели"))
    note = TextAreaField(_l("Пояснение"), validators=[max_length(2000)], filters=[strip])
    version = HiddenField()

    def __init__(self, sources: list[tuple[str, str]], *args, rows: list[tuple[int, str]] = (), **kwargs):
        """``rows``: (id, partner's name) of the network's rows of the interaction model, the only ones offered."""
        super().__init__(*args, **kwargs)
        self.interaction_row.choices = [("", str(_l("— не связан —")))] + [(str(row_id), name)
                                                                          for row_id, name in rows]
        obj = kwargs.get("obj")
        if obj is not None and not self.is_submitted():
            self.interaction_row.data = str(obj.interaction_row_id or "")
        self.source.choices = [(MANUAL, str(_l("Вводится вручную за каждый замер"))),
                               (DIAGNOSTIC, str(_l("Диагностика: школы вносят результаты по классам и обучающимся"))),
                               (EXPERT, str(_l("Экспертная оценка совета")))] + sources

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        high, middle = self.level_high.data, self.level_middle.data
        if high is not None and middle is None:
            self.level_middle.errors.append(_l("Укажите и порог среднего уровня."))
            return False
        if high is not None and middle is not None and middle > high:
            self.level_middle.errors.append(_l("Порог среднего уровня не может быть выше порога высокого."))
            return False
        return True

    @property
    def interaction_row_id(self) -> int | None:
        """The chosen row (validated among the offered choices), None for none."""
        return int(self.interaction_row.data) if self.interaction_row.data else None


class ValueForm(FlaskForm):
    value = NumberField(_l("Фактическое значение"), places=None, validators=[
        InputRequired(message=_l("Заполните это поле.")),
        NumberRange(min=0, max=10 ** 9, message=_l("Введите число от 0 до миллиарда."))],
        render_kw={"inputmode": "decimal"})
    start_year = HiddenField()
    point = HiddenField()
    version = HiddenField()

    @staticmethod
    def point_of(value: str | None) -> str | None:
        return value if value in POINTS else None
