"""Template filters and globals: Russian dates, labels of enums, fingerprinted static files.

Areas add their own filters and globals through their blueprints (``bp.add_app_template_filter``)."""
from __future__ import annotations

import hashlib
from functools import lru_cache

from flask import Flask, g, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

from workspace.core import labels, words
from workspace.core.dates import AcademicYear, long_date, month_name, ru_date, ru_datetime
from workspace.core.form_fields import field_html
from workspace.core.i18n import catalog
from workspace.core.navigation import main_nav

_ID_MARK = 987654321987  # stands for the id while a URL pattern is built once


def id_url(endpoint: str, name: str, value: int, **values) -> str:
    """``url_for(endpoint, **{name: value}, **values)`` for a row of a long list: the URL is built once per request
    and endpoint with a mark in place of the integer id, then each row only puts its id in (~1 µs instead of the
    ~12 µs of url_for, which a table of 100 rows × 4 links pays 400 times)."""
    patterns = g.setdefault("_id_urls", {})
    key = (endpoint, name, *sorted(values.items()))
    pattern = patterns.get(key)
    if pattern is None:
        head, mark, tail = url_for(endpoint, **{name: _ID_MARK}, **values).partition(str(_ID_MARK))
        if not mark:
            raise ValueError(f"{endpoint}: {name} is not a part of its URL")
        pattern = patterns[key] = (head, tail)
    return f"{pattern[0]}{int(value)}{pattern[1]}"


def init_templating(app: Flask) -> None:
    static_root = app.static_folder

    @lru_cache(maxsize=256)
    def _fingerprint(filename: str) -> str:
        with open(f"{static_root}/{filename}", "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()[:12]

    def static_url(filename: str) -> str:
        return url_for("static", filename=filename, v=_fingerprint(filename))

    app.jinja_env.filters.update(
        ru_date=ru_date, ru_datetime=ru_datetime, long_date=long_date, month_name=month_name,
        label=labels.label, plural=words.plural, noun_for=words.noun_for, quoted=words.quoted_html, nest_quotes=words.nest_quotes,
    )
    app.jinja_env.globals.update(static_url=static_url, main_nav=main_nav, id_url=id_url, field_html=field_html)
    app.jinja_env.add_extension("jinja2.ext.do")

    app.jinja_env.install_gettext_callables(
        lambda string: catalog().ugettext(string),
        lambda singular, plural, n: catalog().ungettext(singular, plural, n),
        newstyle=True)

    # The same newstyle gettext in one call: Jinja's own _() resolves "gettext" in the context and calls
    # through two more context.call() layers (~15 µs a call; a page makes 50–150 of them).
    def _translated(translations, string: str, autoescape: bool, variables: dict):
        translated = translations.ugettext(string)
        if autoescape:
            translated = Markup(translated)
        return words.nest_quotes(translated % variables)  # always a format string, as Jinja's newstyle gettext

    @pass_eval_context
    def _gettext(eval_ctx, string: str, **variables):
        translations = catalog()
        if variables:
            return _translated(translations, string, eval_ctx.autoescape, variables)
        # Without variables the text depends on the catalog and the string only: made once per catalog (a page
        # asks 50–150 times, mostly the same few dozen labels; the results are immutable strings).
        made = translations.__dict__.get("_workspace_templates")
        if made is None:
            made = translations.__dict__["_workspace_templates"] = {}
        key = (string, eval_ctx.autoescape)
        found = made.get(key)
        if found is None:
            found = made[key] = _translated(translations, string, eval_ctx.autoescape, variables)
        return found

    @pass_eval_context
    def _ngettext(eval_ctx, singular: str, plural: str, num: int, **variables):
        variables.setdefault("num", num)
        translated = catalog().ungettext(singular, plural, num)
        if eval_ctx.autoescape:
            translated = Markup(translated)
        return words.nest_quotes(translated % variables)

    app.jinja_env.globals.update(_=_gettext, gettext=_gettext, ngettext=_ngettext)

    def _home_slug() -> str | None:
        if current_user.is_authenticated and current_user.institution_id is not None:
            return current_user.institution.slug  # loaded with the user
        return None

    @app.context_processor
    def _context():
        return {
            "current_institution": g.get("institution"),
            "current_network": g.get("network"),
            "home_slug": _home_slug,
            "academic_year": AcademicYear.current(),
            "locale": str(get_locale()),
            "languages": app.config["LANGUAGES"],
            "request_path": request.full_path.rstrip("?") if request else "/",
        }
