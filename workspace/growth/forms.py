"""Forms of pupils' growth: an achievement (by the school for its pupils, by a provider for its group's pupils) and
the school's flags on a pupil."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from workspace.core.dates import local_today
from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices
from workspace.growth.models import AchievementKind, AchievementLevel, AchievementResult


class Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _not_in_future(_form, field):
    if field.data and field.data > local_today():
        raise ValidationError(_l("Дата достижения не может быть позже сегодняшнего дня."))


def _offered(_form, field):
    if field.data and field.data not in {value for value, _label in field.choices}:
        raise ValidationError(_l("Выберите значение из списка."))


def _chosen(_form, field):
    offered = {value for value, _label in field.choices}
    if not field.data:
        raise ValidationError(_l("Выберите хотя бы одного обучающегося."))
    if not set(field.data) <= offered:
        raise ValidationError(_l("Выберите обучающихся из списка."))


def _as_id(value) -> int:
    """An id from the form; anything that is not a number becomes -1 (refused by the choices' check, in Russian)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


class AchievementCore(FlaskForm):
    """What an achievement says (the pupils and the scan are chosen once, when it is recorded)."""

    title = StringField(_l("Название (что и где)"), validators=[required(), max_length(300)], filters=[strip],
                        description=_l("Например, «Муниципальный конкурс чтецов „Живая классика“»"))
    kind = SelectField(_l("Вид"), validators=[required(), _offered], validate_choice=False)
    level = SelectField(_l("Уровень"), validators=[required(), _offered], validate_choice=False)
    result = SelectField(_l("Результат"), validators=[required(), _offered], validate_choice=False)
    achieved_on = DateField(_l("Дата"), validators=[required(), _not_in_future], render_kw={"type": "date"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(AchievementKind)
        self.level.choices = choices(AchievementLevel)
        self.result.choices = choices(AchievementResult)


class AchievementEditForm(AchievementCore):
    version = HiddenField()


class AchievementFields(AchievementCore):
    scan = FileField(_l("Скан диплома или грамоты (PDF или фото), если есть"),
                     render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})

    def has_scan(self) -> bool:
        return bool(self.scan.data and getattr(self.scan.data, "filename", ""))


class AchievementForm(AchievementFields):
    """The home school records an achievement of one or several of its pupils."""

    pupil_ids = SelectMultipleField(_l("Обучающиеся"), coerce=_as_id, validate_choice=False,
                                    validators=[_chosen], render_kw={"size": 8})
    link = SelectField(_l("С чем связано"), validators=[required()], validate_choice=False,
                       description=_l("Сеть, её программа или мероприятие сетевого плана"))

    def __init__(self, pupils: list[tuple[int, str]], links: list[tuple[str, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil_ids.choices = pupils
        self.link.choices = [("", "—")] + links


class GroupAchievementForm(AchievementFields):
    """A provider records an achievement of one or several pupils of its group."""

    enrollment_ids = Checkboxes(_l("Обучающиеся группы"), coerce=_as_id, validate_choice=False, validators=[_chosen])

    def __init__(self, pupils: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrollment_ids.choices = pupils


class FlagsForm(FlaskForm):
    gifted = BooleanField(_l("Одарённый"))
    gifted_note = StringField(_l("Пояснение (в чём проявляется одарённость)"), validators=[max_length(300)],
                              filters=[strip])
    special_needs = BooleanField(_l("ОВЗ (особые образовательные потребности)"))
    special_needs_note = StringField(_l("Пояснение (какие условия нужны)"), validators=[max_length(300)],
                                     filters=[strip])
