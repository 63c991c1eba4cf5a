"""Log-in, log-out, passwords, invitations, language."""
from __future__ import annotations

from datetime import timedelta
from functools import cache
from urllib.parse import urlsplit

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from tenants.models import Institution, Network
from tenants.resolution import seat_network_ids
from workspace.accounts import bp
from workspace.accounts.forms import ChangePasswordForm, ForgotPasswordForm, LoginForm, SetPasswordForm
from workspace.accounts.invitations import queue_invitation_accepted
from workspace.accounts.models import TokenPurpose, User
from workspace.accounts.passwords import check_password, set_password
from workspace.accounts.ratelimit import forget_failures, record_failure, refusal
from workspace.accounts.tokens import consume, find_token, issue_token, resets_exhausted
from workspace.core.i18n import gettext as _
from workspace.core.links import public_url
from workspace.core.models import utcnow
from workspace.core.rendering import render
from workspace.extensions import db, login_manager
from workspace.letters.compose import letter_html
from workspace.letters.kinds import PASSWORD_RESET
from workspace.letters.outbox import letter_language, queue_letter


@cache
def _user_statement():
    """The user with the home institution (tenant resolution and the menu need it): built once, run with the id."""
    return select(User).where(User.id == bindparam("user_id")).options(joinedload(User.institution))


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    identifier, _sep, generation = user_id.partition(":")
    if not identifier.isdigit() or not generation.isdigit():
        return None
    user = db.session.scalar(_user_statement(), {"user_id": int(identifier)})
    if user is None or user.session_generation != int(generation) or not user.is_active:
        return None
    if user.institution is not None and user.institution.is_suspended:
        return None  # the operator suspended the institution: its users cannot act
    return user


def home_url_for(user: User) -> str:
    if user.is_operator:
        return url_for("operator.index")
    if user.institution_id is not None:
        return url_for("desk.show_desk", institution=_institution_slug(user))
    networks = seat_network_ids(user.id)
    if networks:
        slug = db.session.scalar(select(Network.slug).where(Network.id == networks[0]))
        return url_for("council.show_council", network=slug)
    return url_for("accounts.no_space")


def _institution_slug(user: User) -> str:
    if "institution" in user.__dict__:  # loaded with the user
        return user.institution.slug
    return db.session.scalar(select(Institution.slug).where(Institution.id == user.institution_id))


def _institution_suspended(user: User) -> bool:
    if user.institution_id is None:
        return False
    return bool(db.session.scalar(select(Institution.is_suspended).where(Institution.id == user.institution_id)))


def _safe_next(target: str | None) -> str | None:
    """A path on this site, or None: never a scheme, a host or a protocol-relative ``//host``.

    Browsers (and Werkzeug's Location header) drop tabs and line breaks, so ``/<TAB>/evil.example``
    would become ``//evil.example``: control characters and whitespace refuse the target outright.
    """
    if not target or "\\" in target or any(ord(char) <= 32 or ord(char) == 127 for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.get("/")
def home():
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    return redirect(home_url_for(current_user))


@bp.get("/welcome")
@login_required
def no_space():
    return render("accounts/no_space.html")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        address = request.remote_addr or "unknown"
        email = form.email.data
        refused = refusal(email, address)
        if refused is not None:
            g.keep_changes = True  # the refusal counts against the address although the answer is an error
            form.email.errors.append(refused.message)
            response = render("accounts/login.html", form=form, status=429)
            response.headers["Retry-After"] = str(refused.retry_after)
            return response
        user = db.session.scalar(select(User).where(User.email == email))
        # A disabled or not yet activated account is refused like an unknown address,
        # after the same amount of hashing (check_password verifies a dummy hash for None).
        candidate = user if user is not None and user.is_active else None
        if check_password(candidate, form.password.data) and candidate is not None:
            if _institution_suspended(candidate):
                form.email.errors.append(_("Работа учреждения в системе приостановлена оператором. "
                                           "Обратитесь в управление образования."))
                return render("accounts/login.html", form=form, status=403)
            forget_failures(email)
            user.failed_logins = 0
            user.last_login_at = utcnow()
            session.clear()
            login_user(user, remember=form.remember.data)
            session.permanent = True
            return redirect(_safe_next(request.args.get("next")) or home_url_for(user))
        record_failure(email, address)
        if user is not None:
            user.failed_logins += 1
        g.keep_changes = True  # the failure must be remembered although the answer is an error
        form.password.errors.append(_("Неверный адрес почты или пароль."))
        return render("accounts/login.html", form=form, status=422)
    return render("accounts/login.html", form=form, status=422 if form.errors else 200)


@bp.post("/logout")
@login_required
def logout():
    current_user.session_generation += 1  # every other session and remember-cookie ends too
    session.clear()
    logout_user()  # after clear(): it leaves the order to delete this browser's remember-cookie
    flash(_("Вы вышли из системы."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not check_password(current_user, form.current.data):
            form.current.errors.append(_("Текущий пароль введён неверно."))
        else:
            user = current_user._get_current_object()
            set_password(user, form.password.data)
            user.session_generation += 1
            # This session (and this device's remember-cookie) continues under the new generation.
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
            login_user(user, remember=remembered)
            flash(_("Пароль изменён. На других устройствах нужно войти заново."), "success")
            return redirect(url_for("accounts.home"))
    return render("accounts/change_password.html", form=form, status=422 if form.errors else 200)


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.email == form.email.data))
        if user is not None and user.is_active and not resets_exhausted(user):
            raw = issue_token(user, TokenPurpose.PASSWORD_RESET,
                              timedelta(hours=current_app.config["RESET_HOURS"]))
            link = public_url("accounts.reset_password", token=raw)
            with letter_language(user):
                subject = _("Восстановление пароля")
                greeting = _("Здравствуйте, %(name)s!", name=user.full_name)
                ask = _("Чтобы задать новый пароль, откройте ссылку (она действует %(hours)d ч. и только один "
                        "раз):", hours=current_app.config["RESET_HOURS"])
                ignore = _("Если вы не запрашивали восстановление, просто проигнорируйте это письмо.")
                link_label = _("Задать новый пароль")
            text = "\n".join([greeting, "", ask, link, "", ignore])
            html = letter_html([greeting, "", ask], link=link, link_label=link_label, after=[ignore])
            queue_letter(PASSWORD_RESET.key, user=user, subject=subject, text=text, html=html)
        # The same answer whether or not the address is known.
        flash(_("Если такой адрес зарегистрирован, на него отправлено письмо со ссылкой."), "info")
        return redirect(url_for("accounts.login"))
    return render("accounts/forgot_password.html", form=form, status=422 if form.errors else 200)


def _set_password_page(raw: str, purpose: TokenPurpose, template: str, done_message: str):
    token = find_token(raw, purpose)
    if token is None:
        return render("accounts/link_invalid.html", status=404)
    user = db.session.scalar(select(User).where(User.id == token.user_id))
    form = SetPasswordForm()
    if form.validate_on_submit():
        set_password(user, form.password.data)
        user.session_generation += 1
        consume(token)
        queue_invitation_accepted(token, user)
        session.clear()
        logout_user()  # whoever used this browser before is out, their remember-cookie too
        login_user(user)
        flash(done_message, "success")
        return redirect(home_url_for(user))
    return render(template, form=form, user=user, status=422 if form.errors else 200)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    return _set_password_page(token, TokenPurpose.PASSWORD_RESET, "accounts/reset_password.html",
                              _("Новый пароль сохранён. Вы вошли в систему."))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    return _set_password_page(token, TokenPurpose.INVITATION, "accounts/accept_invitation.html",
                              _("Добро пожаловать! Пароль задан, вы вошли в систему."))


@bp.post("/language")
def set_language():
    code = request.form.get("lang", "")
    if code not in current_app.config["LANGUAGES"]:
        abort(400)
    session["lang"] = code
    if current_user.is_authenticated:
        current_user.language = code
        db.session.commit()
    return redirect(_safe_next(request.form.get("next")) or url_for("accounts.home"))
