from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import ValidationError

from workspace.core.dates import ru_date
from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices
from workspace.cycle.models import PartnerDecision


class NewAnalysisForm(FlaskForm):
    start_year = SelectField(_l("Учебный год"), coerce=int, validate_choice=True,
                             description=_l("Год, за который готовится справка: любой год, на который в сети есть "
                                            "план."))

    def __init__(self, years: list[int], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_year.choices = [(year, f"{year}/{year + 1}") for year in years]


def _number_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class NewStageAnalysisForm(FlaskForm):
    """An analysis of a stage of the programme's passport: its dates are the period."""
    stage_id = SelectField(_l("Этап программы"), coerce=_number_or_none, validate_choice=False,
                           description=_l("Этапы паспорта программы с датами начала и окончания: в справку войдут "
                                          "мероприятия планов, попадающих в этот период."))

    def __init__(self, stages, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stages = list(stages)
        self.stage_id.choices = [(stage.id, f"{stage.title} ({ru_date(stage.starts_on)}–{ru_date(stage.ends_on)})")
                                 for stage in stages]

    def validate_stage_id(self, field):
        stage = next((stage for stage in self.stages if stage.id == field.data), None)
        if stage is None:
            raise ValidationError(_l("Выберите этап из списка: этап паспорта с датами, справки за который ещё нет."))
        if stage.starts_on > stage.ends_on:
            raise ValidationError(_l("В паспорте у этого этапа дата начала позже даты окончания: исправьте даты "
                                     "этапа в паспорте программы."))


class ConclusionForm(FlaskForm):
    conclusion = TextAreaField(_l("Общий вывод"), validators=[max_length(8000)], filters=[strip],
                               description=_l("Итоги года по программе в целом: что удалось, что нет, что "
                                              "предлагается на следующий учебный год."))
    version = HiddenField()


class LineForm(FlaskForm):
    decision = RadioField(_l("Решение на следующий учебный год"), validators=[required()])
    conclusion = TextAreaField(_l("Вывод"), validators=[required(), max_length(4000)], filters=[strip],
                               description=_l("Как прошло сотрудничество за год и почему принято такое решение."))
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision.choices = choices(PartnerDecision)
