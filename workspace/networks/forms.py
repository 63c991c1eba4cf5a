from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from tenants.models import InstitutionKind, MemberRole
from workspace.accounts.forms import email_field
from workspace.core.forms import confirm_field, max_length, new_password_field, required, strip
from workspace.core.labels import choices


class InteractionModelForm(FlaskForm):
    interaction_forms = TextAreaField(_l("Формы взаимодействия"), validators=[max_length(4000)], filters=[strip])
    social_effect = TextAreaField(_l("Социальный эффект"), validators=[max_length(4000)], filters=[strip])
    version = HiddenField()


def _date_required():
    # InputRequired, not DataRequired: a date that does not parse keeps its own message
    return InputRequired(message=_l("Заполните это поле."))


class NewNetworkForm(FlaskForm):
    name = StringField(_l("Название сети (программы сетевого взаимодействия)"),
                       validators=[required(), max_length(400)], filters=[strip])
    goal = TextAreaField(_l("Цель"), validators=[max_length(4000)], filters=[strip])
    tasks = TextAreaField(_l("Задачи"), validators=[max_length(8000)], filters=[strip])
    starts_on = DateField(_l("Начало"), validators=[_date_required()], format="%Y-%m-%d")
    ends_on = DateField(_l("Окончание"), validators=[_date_required()], format="%Y-%m-%d")

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Окончание не может быть раньше начала."))


def _partner_roles():
    return [c for c in choices(MemberRole) if c[0] != MemberRole.BASE.value]


class InviteInstitutionForm(FlaskForm):
    """An institution of the deployment; ``candidates`` are exactly those that may be invited."""
    institution_id = SelectField(_l("Учреждение"), coerce=int, validators=[required()],
                                 validate_choice=False)
    role = SelectField(_l("Статус в сети"), validators=[required()])

    def __init__(self, candidates: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.institution_id.choices = candidates
        self.role.choices = _partner_roles()

    def validate_institution_id(self, field):
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Выберите учреждение из списка: оно уже в сети, уже приглашено "
                                     "или недоступно."))


class InviteByEmailForm(FlaskForm):
    head_name = StringField(_l("ФИО руководителя"), validators=[required(), max_length(200)], filters=[strip])
    email = email_field(_l("Электронная почта руководителя"))
    role = SelectField(_l("Статус в сети"), validators=[required()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = _partner_roles()


class RegisterInstitutionForm(FlaskForm):
    full_name = StringField(_l("Полное наименование учреждения"), validators=[required(), max_length(400)],
                            filters=[strip])
    short_name = StringField(_l("Краткое наименование"), validators=[required(), max_length(120)], filters=[strip])
    kind = SelectField(_l("Тип учреждения"), validators=[required()])
    head_name = StringField(_l("Ваши ФИО"), validators=[required(), max_length(200)], filters=[strip])
    position = StringField(_l("Должность"), validators=[max_length(200)], filters=[strip])
    password = new_password_field(_l("Пароль"))
    confirm = confirm_field(_l("Повторите пароль"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(InstitutionKind)

    def kind_value(self) -> InstitutionKind:
        return InstitutionKind(self.kind.data)
