from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField

from tenants.models import SeatRole
from workspace.accounts.forms import email_field
from workspace.core.dates import local_today
from workspace.core.forms import max_length, required, strip
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import choices


class _SeatRoleMixin:
    def _seat_roles(self):
        self.role.choices = choices(SeatRole)


class StaffSeatForm(FlaskForm, _SeatRoleMixin):
    user_id = SelectField(_l("Сотрудник учреждения-участника"), coerce=int, validators=[required()])
    role = SelectField(_l("Роль в совете"), validators=[required()])

    def __init__(self, candidates: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_id.choices = candidates
        self._seat_roles()


class ExternalSeatForm(FlaskForm, _SeatRoleMixin):
    full_name = StringField(_l("ФИО"), validators=[required(), max_length(200)], filters=[strip])
    email = email_field()
    represents = StringField(_l("Кого представляет"), validators=[max_length(200)], filters=[strip],
                             description=_l("Например: родитель обучающегося 7 «А» класса"))
    role = SelectField(_l("Роль в совете"), validators=[required()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seat_roles()


# ---- approval, meetings, votes ------------------------------------------------------------------------


from wtforms import DateField, HiddenField, IntegerField, RadioField, SelectMultipleField, TextAreaField  # noqa: E402
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError  # noqa: E402
from wtforms.widgets import CheckboxInput, ListWidget  # noqa: E402

from workspace.council.models import Choice, MajorityRule, Outcome, QuorumRule  # noqa: E402


def _date_required():
    return InputRequired(message=_l("Заполните это поле."))


def _web_link(form, field):
    if field.data and not field.data.lower().startswith(("https://", "http://")):
        raise ValidationError(_l("Ссылка начинается с https:// или http://"))


def _number_field():
    return IntegerField(_l("Номер протокола"), validators=[
        InputRequired(message=_l("Заполните это поле.")),
        NumberRange(min=1, max=99999, message=_l("Номер — целое число от 1 до 99999."))])


class SubmitForm(FlaskForm):
    comment = TextAreaField(_l("Комментарий для совета"), validators=[max_length(2000)], filters=[strip],
                            description=_l("Необязательно: что изменилось, на что обратить внимание."))


class MeetingForm(FlaskForm):
    number = _number_field()
    held_on = DateField(_l("Дата заседания"), validators=[_date_required()], format="%Y-%m-%d")
    place = StringField(_l("Место проведения"), validators=[max_length(400)], filters=[strip],
                        description=_l("Например: МБОУ «СОШ №31», кабинет 204"))
    link = StringField(_l("Ссылка на онлайн-подключение"), validators=[max_length(500), _web_link], filters=[strip])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if valid and not (self.place.data or self.link.data):
            self.place.errors.append(_l("Укажите место проведения или ссылку на подключение."))
            return False
        return valid


class MeetingChangeForm(MeetingForm):
    """The date, place or link of a meeting already called (its number stays)."""
    number = None



class CancelMeetingForm(FlaskForm):
    reason = TextAreaField(_l("Причина отмены"), validators=[max_length(1000)], filters=[strip],
                           description=_l("Необязательно. Её прочтут все члены совета в письме об отмене."))


class EVoteForm(FlaskForm):
    approval_id = SelectField(_l("Что выносится на голосование"), coerce=int, validators=[required()])
    number = _number_field()
    deadline_on = DateField(_l("Голосование открыто по (включительно)"), validators=[_date_required()],
                            format="%Y-%m-%d")

    def __init__(self, waiting: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.approval_id.choices = waiting

    def validate_deadline_on(self, field):
        if field.data and field.data < local_today():
            raise ValidationError(_l("Срок голосования не может быть в прошлом."))


class AgendaItemForm(FlaskForm):
    approval_id = SelectField(_l("Документ на утверждение"), coerce=int)
    title = StringField(_l("Или другой вопрос повестки"), validators=[max_length(1000)], filters=[strip],
                        description=_l("Например: «О подготовке к конкурсу чтецов»"))

    def __init__(self, waiting: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.approval_id.choices = [(0, str(_l("— без документа —")))] + waiting

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if valid and not self.approval_id.data and not self.title.data:
            self.title.errors.append(_l("Выберите документ или впишите вопрос."))
            return False
        return valid


class VoteForm(FlaskForm):
    choice = RadioField(_l("Ваш голос"), validators=[InputRequired(message=_l("Выберите вариант."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice.choices = choices(Choice)


class CloseForm(FlaskForm):
    if_not_carried = SelectField(_l("Если решение «утвердить» не наберёт большинства"), validators=[required()])
    remarks = TextAreaField(_l("Замечания совета автору"), validators=[max_length(4000)], filters=[strip],
                            description=_l("Их увидит автор на странице документа."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.if_not_carried.choices = [(Outcome.RETURNED.value, str(_l("вернуть на доработку"))),
                                       (Outcome.REJECTED.value, str(_l("отклонить")))]


class DiscussionForm(FlaskForm):
    discussion = TextAreaField(_l("Слушали, выступили"), validators=[max_length(10000)], filters=[strip])
    decision_wording = TextAreaField(
        _l("Решили (формулировка решения)"), validators=[max_length(4000)], filters=[strip],
        description=_l("Как решение войдёт в протокол после «РЕШИЛИ:», например: «Принять информацию к сведению; "
                       "библиотеке подготовить выставку к 20 марта». Итог голосования («Утвердить», «Вернуть на "
                       "доработку») протокол покажет сам."))
    version = HiddenField()


class AttendanceForm(FlaskForm):
    seat_ids = SelectMultipleField(_l("Присутствовали"), coerce=int, widget=ListWidget(prefix_label=False),
                                   option_widget=CheckboxInput(), validators=[Optional()])

    def __init__(self, seats: list[tuple[int, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seat_ids.choices = seats


class RulesForm(FlaskForm):
    quorum = SelectField(_l("Кворум"), validators=[required()])
    majority = SelectField(_l("Решение принято, если"), validators=[required()])
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.quorum.choices = choices(QuorumRule)
        self.majority.choices = choices(MajorityRule)
