"""Form helpers shared by every area: Russian validation messages, common fields."""
from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

from flask_babel import LazyString
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.words import plural

EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")

MIN_PASSWORD = 10


def is_email_address(value: str) -> bool:
    """name@domain.zone that a mail server can take: the shape above, and an addr-spec the e-mail package parses back
    to itself (no «;», «,», «<», «..» or a leading dot, which pass the shape but break the letter's To header), a
    local part in Latin letters, a domain in Latin or in Cyrillic (школа.рф, sent in its IDNA form)."""
    if not value or not EMAIL.match(value) or not value.partition("@")[0].isascii():
        return False
    try:
        if Address(addr_spec=value).addr_spec != value:
            return False
        value.rpartition("@")[2].encode("idna")
    except (ValueError, IndexError, HeaderParseError, UnicodeError):
        return False
    return True


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
        if not field.data or is_email_address(field.data):
            return
        if EMAIL.match(field.data) and not field.data.partition("@")[0].isascii():
            raise ValidationError(_l("Часть адреса до знака @ пишется латинскими буквами: проверьте раскладку "
                                     "клавиатуры."))
        raise ValidationError(self.message or _l("Введите адрес электронной почты, например name@school.ru."))
