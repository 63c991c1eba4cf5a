from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from workspace.bank.models import Direction, DocumentKind
from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices

ACCEPT = "application/pdf,image/jpeg,image/png,image/webp,.docx,.xlsx,.pptx"  # checked by content: core/uploads


class MaterialForm(FlaskForm):
    title = StringField(_l("Название"), validators=[required(), max_length(400)], filters=[strip],
                        description=_l("Например: «Методическая разработка урока в библиотеке»"))
    description = TextAreaField(_l("Описание"), validators=[max_length(8000)], filters=[strip])
    direction = SelectField(_l("Направленность"), validators=[required()])
    audience = StringField(_l("Для кого (классы)"), validators=[max_length(200)], filters=[strip],
                           description=_l("Например: «5-7 классы»"))
    tags = StringField(_l("Теги"), validators=[max_length(400)], filters=[strip],
                       description=_l("Через запятую: квест, музей, краеведение"))
    source_item_id = SelectField(_l("Мероприятие плана, из которого вырос материал"), coerce=int, default=0)
    source_project_id = SelectField(_l("…или совместный проект сети"), coerce=int, default=0)
    version = HiddenField()

    def __init__(self, items: list[tuple[int, str]], projects: list[tuple[int, str]] = (), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.direction.choices = choices(Direction)
        self.source_item_id.choices = [(0, str(_l("— не связан —")))] + items
        self.source_project_id.choices = [(0, str(_l("— не связан —")))] + list(projects)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.source_item_id.data and self.source_project_id.data:
            self.source_project_id.errors.append(_l("Выберите что-то одно: мероприятие плана или проект."))
            return False
        return valid


class MaterialFileForm(FlaskForm):
    file = FileField(_l("Файл"), validators=[FileRequired(_l("Выберите файл."))], render_kw={"accept": ACCEPT},
                     description=_l("PDF, DOCX, XLSX, PPTX или изображение, до 5 МБ"))


class DocumentForm(FlaskForm):
    kind = SelectField(_l("Вид документа"), validators=[required()])
    number = StringField(_l("Номер"), validators=[max_length(60)], filters=[strip])
    title = StringField(_l("Название"), validators=[required(), max_length(400)], filters=[strip],
                        description=_l("Например: «Положение о сетевом взаимодействии»"))
    approved_on = DateField(_l("Дата утверждения"), validators=[Optional()], format="%Y-%m-%d")
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(DocumentKind)


class DocumentVersionForm(FlaskForm):
    file = FileField(_l("Файл редакции"), validators=[FileRequired(_l("Выберите файл."))],
                     render_kw={"accept": ACCEPT})
    approved_on = DateField(_l("Утверждена"), validators=[required()], format="%Y-%m-%d")
    note = StringField(_l("Примечание"), validators=[max_length(400)], filters=[strip],
                       description=_l("Например: «Редакция с изменениями от 15.01.2026, протокол №3»"))
    is_current = BooleanField(_l("Действующая редакция"), default=True)
