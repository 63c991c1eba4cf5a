from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, TextAreaField

from workspace.core.forms import max_length, required, strip
from workspace.core.labels import choices
from workspace.cycle.models import PartnerDecision


class NewAnalysisForm(FlaskForm):
    start_year = SelectField(_l("Учебный год"), coerce=int, validate_choice=True,
                             description=_l("Год, за который готовится справка: любой год, на который в сети есть "
                                            "план."))

    def __init__(self, years: list[int], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_year.choices = [(year, f"{year}/{year + 1}") for year in years]


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
