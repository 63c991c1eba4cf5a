"""Form helpers shared by every area: Russian validation messages, common fields."""
from __future__ import annotations

import re

from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from workspace.core.words import plural

EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")

MIN_PASSWORD = 10


def required():
    return DataRequired(message=_l("Заполните это поле."))


def max_length(limit: int):
    def message() -> str:
        characters = plural(limit, _("символ"), case="gent")
        return _("Не длиннее %(characters)s.", characters=characters)

    return Length(max=limit, message=LazyString(message))


def strip(value):
    return value.strip() if isinstance(value, str) else value


class NotBlankPassword:
    def __call__(self, form, field):
        if field.data and not field.data.strip():
            raise ValidationError(_l("Пароль не может состоять из пробелов."))


def new_password_field(label):
    return PasswordField(label, validators=[
        required(),
        Length(min=MIN_PASSWORD, max=200,
               message=_l("Пароль — от %(min)d до 200 символов.", min=MIN_PASSWORD)),
        NotBlankPassword(),
    ], render_kw={"autocomplete": "new-password"})


def confirm_field(label, other: str = "password"):
    return PasswordField(label, validators=[
        required(), EqualTo(other, message=_l("Пароли не совпадают.")),
    ], render_kw={"autocomplete": "new-password"})


class EmailAddress:
    """name@domain.zone — deliverability is not checked: closed school networks use local zones."""

    def __init__(self, message=None):
        self.message = message

    def __call__(self, form, field):
        if field.data and not EMAIL.match(field.data):
            raise ValidationError(self.message or _l("Введите адрес электронной почты, например name@school.ru."))
