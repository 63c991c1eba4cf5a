"""Error pages in the user's language; an htmx request gets the message as a fragment."""
from __future__ import annotations

from flask import Flask, make_response, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from workspace.core.i18n import lazy_gettext as _l
from workspace.extensions import db, htmx

MESSAGES = {
    400: (_l("Неверный запрос"), _l("Запрос не удалось разобрать. Обновите страницу и попробуйте ещё раз.")),
    403: (_l("Нет доступа"), _l("У вашей роли нет прав на это действие. Обратитесь к руководителю учреждения.")),
    404: (_l("Страница не найдена"), _l("Такой страницы нет или у вас нет к ней доступа.")),
    405: (_l("Действие недоступно"), _l("Так эту страницу открыть нельзя.")),
    409: (_l("Данные только что изменились"), _l("Эту запись в это же время изменил другой пользователь, ваше действие не "
                                                 "сохранено. Обновите страницу, проверьте её и повторите действие.")),
    413: (_l("Файл слишком большой"), _l("Размер загружаемого файла превышает допустимый.")),
    429: (_l("Слишком много запросов"), _l("Подождите немного и попробуйте снова.")),
    500: (_l("Ошибка на сервере"), _l("Что-то пошло не так. Мы уже знаем об этом; попробуйте позже.")),
}


def _page(code: int, detail: str | None = None, heading: str | None = None):
    title, text = MESSAGES.get(code, MESSAGES[500])
    template = "errors/_message.html" if htmx else "errors/page.html"
    return render_template(template, code=code, title=heading or title, text=detail or text), code


def error_response(code: int, *, heading: str | None = None, detail: str | None = None):
    """The one error page (a fragment for htmx) with its own heading and text, e.g. why an object is locked."""
    return make_response(_page(code, detail, heading))


def conflict_response():
    """Two people saved the same versioned row at once: the later one is told, nothing of theirs is kept."""
    return make_response(_page(409))


def init_errors(app: Flask) -> None:
    @app.errorhandler(StaleDataError)
    def _stale(_error):
        db.session.rollback()
        return _page(409)

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return _page(400, str(_l("Форма устарела или отправлена не со страницы приложения. "
                                 "Обновите страницу и повторите действие.")))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code in MESSAGES:
            return _page(error.code)
        return error

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        app.logger.exception("Unhandled error")
        return _page(500)
