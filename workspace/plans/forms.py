from __future__ import annotations

from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError
from wtforms.widgets import Select

from workspace.core.dates import AcademicYear
from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices
from workspace.plans.models import ItemStatus

FIRST_PLAN_YEAR = 2010  # the oldest archive a network loads: plans of any academic year since 2010/2011


class LongSelect(Select):
    """wtforms' select, its plain options written in one f-string: the same HTML for the interaction model's
    hundred-odd choices, at a tenth of the cost of ``html_params`` per option."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or not isinstance(choice.value, (str, int)) or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{escape(choice.value)}">{escape(choice.label or choice.value)}'
                      '</option>')


def plan_years() -> list[int]:
    """The academic years a plan may be made for, newest first: from 2010/2011 to the next year."""
    return list(range(AcademicYear.current().start_year + 1, FIRST_PLAN_YEAR - 1, -1))


def _year_or_none(value):
    """The start year as typed or chosen («2019», «2019/2020»); None for anything else (the validator says why)."""
    if value is None or value == "" or isinstance(value, int):
        return value if value != "" else None
    try:
        return AcademicYear.parse(str(value)).start_year
    except ValueError:
        return None


def _number_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class PlanYear:
    """A known academic year, with a Russian message saying which years are possible."""

    def __call__(self, form, field):
        years = plan_years()
        if field.data is None:
            unknown = _("Выберите учебный год из списка.")
            raise ValidationError(unknown)
        if not years[-1] <= field.data <= years[0]:
            first, last = AcademicYear(years[-1]).label, AcademicYear(years[0]).label
            outside = _("План можно создать на учебный год с %(first)s по %(last)s.", first=first, last=last)
            raise ValidationError(outside)


def year_field(label=None) -> SelectField:
    return SelectField(label or _l("Учебный год"), coerce=_year_or_none, validate_choice=False,
                       validators=[PlanYear()])


def year_choices(taken: set[int] = frozenset()) -> list[tuple[int, str]]:
    """The years of the select, newest first; a year that has its plan says so."""
    result = []
    for start_year in plan_years():
        label = AcademicYear(start_year).label
        if start_year in taken:
            label = _("%(year)s — план уже есть", year=label)
        result.append((start_year, label))
    return result


class PlanForm(FlaskForm):
    start_year = year_field()
    title = StringField(_l("Название плана"), validators=[max_length(400)], filters=[strip])

    def __init__(self, years: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_year.choices = years


class CopyPlanForm(FlaskForm):
    """Which plan to copy into which year: read from the address (the preview is a GET page) or, with its CSRF
    token, from the confirm form."""

    source_plan_id = SelectField(_l("Какой план скопировать"), coerce=_number_or_none, validate_choice=False)
    start_year = year_field(_l("На какой учебный год"))

    def __init__(self, plans: list[tuple[int, str]], years: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.source_plan_id.choices = plans
        self.start_year.choices = years


class SectionForm(FlaskForm):
    title = StringField(_l("Название раздела"), validators=[required(), max_length(400)], filters=[strip],
                        description=_l("Например: «План мероприятий с МБУ «МИБС»»"))
    partner_institution_id = SelectField(_l("Партнёр"), coerce=int, widget=LongSelect())

    def __init__(self, partners: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner_institution_id.choices = [(0, str(_l("— без партнёра —")))] + partners


def interaction_choices(options) -> list[tuple[str, str]]:
    """The choices of an event's partner and form: «<row id>:<form>», «<row id>» for the row without a form, empty
    for none. ``options`` are the network's rows: (id, partner's name, forms)."""
    result = [("", _("— не связано с моделью —"))]
    unchosen = _("форма не выбрана")
    for row_id, name, forms in options:
        result.append((str(row_id), f"{name}: {unchosen}"))
        result.extend((f"{row_id}:{form}", f"{name} — {form}") for form in forms)
    return result


def check_interaction(field) -> None:
    """The choice is one of the model's rows and its forms (a tampered or stale value is refused in Russian)."""
    if (field.data or "") not in {value for value, _label in field.choices}:
        raise ValidationError(_l("Выберите партнёра и форму из списка модели взаимодействия."))


def chosen_interaction(value: str | None) -> tuple[int | None, str]:
    """(row id, form) of a checked choice."""
    if not value:
        return None, ""
    row_id, _sep, form = value.partition(":")
    return int(row_id), form


class ItemForm(FlaskForm):
    title = TextAreaField(_l("Мероприятие"), validators=[required(), max_length(2000)], filters=[strip])
    audience = StringField(_l("Участники (классы)"), validators=[max_length(200)], filters=[strip])
    timing = StringField(_l("Сроки"), validators=[max_length(200)], filters=[strip])
    responsible = StringField(_l("Ответственные"), validators=[max_length(1000)], filters=[strip])
    report_form = StringField(_l("Форма отчётности"), validators=[max_length(1000)], filters=[strip])
    interaction = SelectField(_l("Социальный партнёр и форма взаимодействия"), validate_choice=False,
                              widget=LongSelect(),
                              description=_l("Какую строку модели взаимодействия реализует мероприятие"))

    def __init__(self, options=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.interaction.choices = interaction_choices(options)

    def validate_interaction(self, field):
        check_interaction(field)

    def chosen_interaction(self) -> tuple[int | None, str]:
        return chosen_interaction(self.interaction.data)


CELL_FIELDS = ("title", "audience", "timing", "responsible", "report_form", "interaction", "status")


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


class InteractionCellForm(FlaskForm):
    """Which row of the interaction model the event realises, and which of its forms (see interaction_choices)."""
    value = SelectField(_l("Социальный партнёр и форма взаимодействия"), validate_choice=False, widget=LongSelect())
    version = HiddenField()

    def __init__(self, options, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_name = "interaction"
        self.value.choices = interaction_choices(options)

    def validate_value(self, field):
        check_interaction(field)

    def chosen(self) -> tuple[int | None, str]:
        """(row id, form) of the choice."""
        return chosen_interaction(self.value.data)

    @staticmethod
    def value_of(item) -> str:
        if item.interaction_row_id is None:
            return ""
        return f"{item.interaction_row_id}:{item.interaction_form}" if item.interaction_form \
            else str(item.interaction_row_id)
