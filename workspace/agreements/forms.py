from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from workspace.agreements.models import AgreementKind
from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AgreementForm(FlaskForm):
    number = StringField(_l("Номер договора"), validators=[required(), max_length(50)], filters=[strip],
                         description=_l("Например: 12/2026 или СФ-3"))
    signed_on = DateField(_l("Дата договора"), validators=[required()], format="%Y-%m-%d")
    kind = SelectField(_l("Вид договора"), validators=[required()])
    title = StringField(_l("Название"), validators=[required(), max_length(400)], filters=[strip],
                        description=_l("Например: «Договор о сетевой форме реализации программы «Юный техник»»"))
    subject = TextAreaField(_l("Предмет договора"), validators=[max_length(4000)], filters=[strip])
    starts_on = DateField(_l("Действует с"), validators=[required()], format="%Y-%m-%d")
    ends_on = DateField(_l("по"), validators=[required()], format="%Y-%m-%d")
    parties = MultiCheckboxField(_l("Стороны договора"), coerce=int,
                                 description=_l("Не меньше двух учреждений сети; ваше учреждение — среди них."))
    is_published = BooleanField(_l("Опубликовать: название и стороны видны всем участникам сети и на открытой странице"))
    version = HiddenField()

    def __init__(self, members: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(AgreementKind)
        self.parties.choices = members

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data <= self.starts_on.data:
            raise ValidationError(_l("Дата окончания должна быть позже даты начала."))

    def validate_parties(self, field):
        if len(set(field.data or [])) < 2:
            raise ValidationError(_l("Укажите не меньше двух разных сторон — учреждений сети."))


class ObligationForm(FlaskForm):
    text = TextAreaField(_l("Обязательство"), validators=[required(), max_length(2000)], filters=[strip])
    term = StringField(_l("Срок"), validators=[max_length(100)], filters=[strip],
                       description=_l("Например: сентябрь, в течение года"))
    version = HiddenField()


class TerminateForm(FlaskForm):
    reason = TextAreaField(_l("Причина расторжения"), validators=[required(), max_length(2000)], filters=[strip])
    terminated_on = DateField(_l("Дата расторжения"), validators=[required()], format="%Y-%m-%d")


class ScanForm(FlaskForm):
    file = FileField(_l("Скан подписанного договора (PDF или фото)"),
                     validators=[FileRequired(_l("Выберите файл."))],
                     render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})


class LinkForm(FlaskForm):
    target = SelectField(_l("Что охватывает договор"), validators=[required()])

    def __init__(self, choices: dict[str, list[tuple[str, str]]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.target.choices = choices  # grouped by kind: the network's plan sections, projects, programmes
