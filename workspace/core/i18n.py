"""gettext in one step: the request's catalog looked up once, a forced locale (a letter in its recipient's
language) honoured.

Flask-Babel resolves its context, the locale and its catalog cache on every ``gettext`` (~7 µs, where the lookup
itself is 0.3 µs), and a page calls it 100–300 times (enum labels, history fields, form messages, lazy strings).
``catalog()`` keeps the request's catalog on ``g``; inside ``flask_babel.force_locale`` it asks Flask-Babel (which
keeps each locale's catalog in its own cache), so that a letter composed during someone else's request speaks
its recipient's language. Python code imports ``gettext as _``, ``ngettext`` and ``lazy_gettext as _l`` from here;
templates get the same catalog (workspace.core.templating).
"""
from __future__ import annotations

from functools import cache

import flask_babel
from babel import support
from flask import Flask, g, has_request_context, request
from flask_babel.speaklater import LazyString
from wtforms.i18n import messages_path


def forced_locale() -> bool:
    """Inside ``flask_babel.force_locale``: the request's own catalog does not apply."""
    context = g.get("_flask_babel")
    return context is not None and getattr(context, "forced_babel_locale", None) is not None


def catalog():
    """The translations of the current locale (the request's, kept on ``g`` by workspace.extensions.RequestDomain
    after its first lookup). A page asks 100–400 times: ``g`` is resolved once a call, not once an attribute."""
    if has_request_context():
        kept = g._get_current_object()
        babel_context = kept.get("_flask_babel")
        if babel_context is None or getattr(babel_context, "forced_babel_locale", None) is None:
            found = kept.get("_translations")
            if found is not None:
                return found
    return flask_babel.get_domain().get_translations()


def gettext(string: str, **variables) -> str:
    translated = catalog().ugettext(string)
    return translated % variables if variables else translated


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    return catalog().ungettext(singular, plural, num) % variables


def lazy_gettext(string: str, **variables) -> LazyString:
    return LazyString(gettext, string, **variables)


@cache
def _wtforms_catalog(locale: str):
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _WtformsMessages:
    """WTForms' own messages («Not a valid choice») in the request's language. Flask-WTF loads their catalog from
    disk on every request that validates a form (~1 ms) unless the request already holds one: this object, whose
    catalog is loaded once per language and process."""

    def ugettext(self, string: str) -> str:
        return _wtforms_catalog(str(flask_babel.get_locale())).ugettext(string)

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalog(str(flask_babel.get_locale())).ungettext(singular, plural, n)


WTFORMS_MESSAGES = _WtformsMessages()


def init_i18n(app: Flask) -> None:
    @app.before_request
    def _wtforms_messages():
        request.wtforms_translations = WTFORMS_MESSAGES  # read by flask_wtf.i18n before it would load its own
