from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from tenants.models import InstitutionKind, MemberRole
from workspace.accounts.forms import email_field
from workspace.core.forms import confirm_field, max_length, new_password_field, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices
from workspace.networks.models import FORM_MAX_LENGTH, PARTNER_KIND_LABELS, PartnerKind

PARENTS_NAME = _l("Родители (законные представители)")


def _form_lines(value):
    """The forms of interaction, one a line: stripped, blank lines and repeats dropped, the order kept."""
    if not isinstance(value, str):
        return value
    seen, lines = set(), []
    for line in value.splitlines():
        line = " ".join(line.split())
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            lines.append(line)
    return "\n".join(lines)


class InteractionRowForm(FlaskForm):
    """A row of the interaction model. ``partner`` is «member-<institution id>» for a member institution of the
    network, or the kind of a partner without an account (then ``partner_name`` names it)."""
    partner = SelectField(_l("Социальный партнёр"), validators=[required()])
    partner_name = StringField(_l("Наименование партнёра (если он не участник сети)"),
                               validators=[max_length(300)], filters=[strip])
    contact = StringField(_l("Контакт (необязательно)"), validators=[max_length(300)], filters=[strip])
    forms = TextAreaField(_l("Формы взаимодействия (каждая с новой строки)"), validators=[max_length(4000)],
                          filters=[_form_lines])
    social_effect = TextAreaField(_l("Социальный эффект"), validators=[max_length(4000)], filters=[strip])
    version = HiddenField()

    def __init__(self, members: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner.choices = (
            [(f"member-{institution_id}", name) for institution_id, name in members]
            + [(kind.value, str(PARTNER_KIND_LABELS[kind])) for kind in PartnerKind if kind != PartnerKind.MEMBER])

    def validate_partner_name(self, field):
        if self.partner.data and not self.partner.data.startswith("member-") and not field.data \
                and self.partner.data != PartnerKind.PARENTS.value:
            raise ValidationError(_l("Назовите партнёра: он не участник сети."))

    def validate_forms(self, field):
        for line in (field.data or "").splitlines():
            if len(line) > FORM_MAX_LENGTH:
                raise ValidationError(_l("Каждая форма — не длиннее %(limit)s символов: «%(start)s…»",
                                         limit=FORM_MAX_LENGTH, start=line[:40]))

    def partner_values(self) -> tuple[PartnerKind, int | None, str]:
        """(kind, institution id, typed name) of the chosen partner."""
        value = self.partner.data
        if value.startswith("member-"):
            return PartnerKind.MEMBER, int(value.removeprefix("member-")), ""
        kind = PartnerKind(value)
        return kind, None, self.partner_name.data or (str(PARENTS_NAME) if kind == PartnerKind.PARENTS else "")

    def fill_partner(self, row) -> None:
        self.partner.data = f"member-{row.institution_id}" if row.institution_id is not None else row.kind.value


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
