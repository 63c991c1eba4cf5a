from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField

from workspace.core.forms import EmailAddress, confirm_field, max_length, new_password_field, required, strip
from workspace.core.i18n import lazy_gettext as _l


def email_field(label=None):
    return EmailField(label or _l("Электронная почта"), validators=[
        required(), max_length(254), EmailAddress(message=_l("Введите адрес электронной почты, например name@school.ru.")),
    ], filters=[strip, lambda v: v.lower() if isinstance(v, str) else v],
        render_kw={"autocomplete": "email"})


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(_l("Пароль"), validators=[required(), max_length(200)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Запомнить меня на этом устройстве"))


class ForgotPasswordForm(FlaskForm):
    email = email_field()


class SetPasswordForm(FlaskForm):
    password = new_password_field(_l("Новый пароль"))
    confirm = confirm_field(_l("Повторите пароль"))


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Текущий пароль"), validators=[required(), max_length(200)],
                            render_kw={"autocomplete": "current-password"})
    password = new_password_field(_l("Новый пароль"))
    confirm = confirm_field(_l("Повторите новый пароль"))
