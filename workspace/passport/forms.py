from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.passport.models import RESOURCE_KINDS, RESOURCE_LABELS, RESULT_KINDS, RESULT_LABELS

DATE = "%Y-%m-%d"
ONE_PER_LINE = _l("Каждый пункт с новой строки.")


def _ends_after_start(form, field):
    if form.starts_on.data and field.data and field.data < form.starts_on.data:
        raise ValidationError(_l("Дата окончания раньше даты начала."))


class RegisterDocuments(SelectMultipleField):
    """Documents of the network's register, ticked: an id that is not in the register (another network's, a
    missing one, not a number) is refused with a message the user reads, never stored."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist):
        self.data = []
        self.refused = False
        for value in valuelist:
            try:
                self.data.append(int(value))
            except (TypeError, ValueError):
                self.refused = True

    def pre_validate(self, form):
        offered = {value for value, _label in self.choices or []}
        if getattr(self, "refused", False) or any(value not in offered for value in self.data or []):
            raise ValidationError(_l("Такого документа нет в реестре нормативных документов сети. "
                                     "Обновите страницу и выберите документ из списка."))


class PassportForm(FlaskForm):
    name = StringField(_l("Наименование программы"), validators=[required(), max_length(400)], filters=[strip])
    document_ids = RegisterDocuments(_l("Основания из реестра нормативных документов сети"), coerce=int)
    grounds = TextAreaField(_l("Другие основания для разработки"), validators=[max_length(8000)], filters=[strip],
                            description=_l("Законы, приказы и другие документы, которых нет в реестре сети: "
                                           "каждый с новой строки."))
    developer = TextAreaField(_l("Разработчик"), validators=[required(), max_length(2000)], filters=[strip],
                              description=_l("Например: Администрация МБОУ «СОШ №31»"))
    executors = TextAreaField(_l("Исполнители"), validators=[max_length(4000)], filters=[strip],
                              description=ONE_PER_LINE)
    goal = TextAreaField(_l("Цель"), validators=[required(), max_length(4000)], filters=[strip])
    tasks = TextAreaField(_l("Задачи"), validators=[max_length(8000)], filters=[strip],
                          description=_l("Каждая задача с новой строки."))
    starts_on = DateField(_l("Начало реализации"), validators=[required()], format=DATE)
    ends_on = DateField(_l("Окончание реализации"), validators=[required(), _ends_after_start], format=DATE)
    control = TextAreaField(_l("Система контроля"), validators=[max_length(4000)], filters=[strip],
                            description=_l("Кто и как контролирует реализацию программы: например, координационный "
                                           "совет, отчёты партнёров, мониторинг."))
    version = HiddenField()

    def __init__(self, documents: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.document_ids.choices = documents


for _kind in RESULT_KINDS:
    setattr(PassportForm, f"results_{_kind}",
            TextAreaField(RESULT_LABELS[_kind], validators=[max_length(8000)], filters=[strip],
                          description=ONE_PER_LINE))
for _kind in RESOURCE_KINDS:
    setattr(PassportForm, f"resources_{_kind}",
            TextAreaField(RESOURCE_LABELS[_kind], validators=[max_length(8000)], filters=[strip],
                          description=ONE_PER_LINE))


class StageForm(FlaskForm):
    title = StringField(_l("Этап"), validators=[required(), max_length(200)], filters=[strip],
                        description=_l("Подготовительный, организационный, практический (основной), обобщающий "
                                       "или другое название."),
                        render_kw={"list": "passport-stage-names", "autocomplete": "off"})
    starts_on = DateField(_l("С"), validators=[Optional()], format=DATE)
    ends_on = DateField(_l("По"), validators=[Optional(), _ends_after_start], format=DATE)
    content = TextAreaField(_l("Содержание этапа"), validators=[max_length(4000)], filters=[strip])
    version = HiddenField()
