"""One catalog lookup per request, and a forced locale honoured inside it: a letter composed during a Russian
speaker's request, after the page has used Russian, still speaks its English recipient's language."""
from __future__ import annotations

import flask_babel
from flask import render_template_string

from workspace.core.i18n import gettext, lazy_gettext, ngettext

SUBJECT = "Восстановление пароля"


def test_the_request_catalog_is_kept_and_a_forced_locale_wins_inside_the_request(app):
    lazy = lazy_gettext(SUBJECT)
    with app.test_request_context("/"):
        assert gettext(SUBJECT) == flask_babel.gettext(SUBJECT) == str(lazy) == SUBJECT  # Russian: the page
        with flask_babel.force_locale("en"):
            assert gettext(SUBJECT) == flask_babel.gettext(SUBJECT) == str(lazy) == "Password recovery"
            assert render_template_string("{{ _(s) }}", s=SUBJECT) == "Password recovery"
        assert gettext(SUBJECT) == render_template_string("{{ _(s) }}", s=SUBJECT) == SUBJECT  # back to the page's
    with app.app_context(), flask_babel.force_locale("en"):  # the letters' worker: no request
        assert gettext(SUBJECT) == "Password recovery"


def test_ngettext_agrees_the_noun_with_the_number(app):
    with app.test_request_context("/"):
        assert ngettext("%(num)d заседание", "%(num)d заседания", 3) == flask_babel.ngettext(
            "%(num)d заседание", "%(num)d заседания", 3)


def test_wtforms_own_messages_come_from_a_catalog_loaded_once_per_language(app, monkeypatch):
    from babel import support
    from flask_wtf.i18n import translations

    from workspace.core.i18n import _wtforms_catalog

    _wtforms_catalog.cache_clear()
    loads = []
    original = support.Translations.load
    monkeypatch.setattr(support.Translations, "load",
                        lambda *a, **k: loads.append(k.get("domain")) or original(*a, **k))
    for _round in range(3):
        with app.test_request_context("/"):
            app.preprocess_request()
            assert translations.gettext("Not a valid choice.") == "Неверный вариант."
            with flask_babel.force_locale("en"):
                assert translations.gettext("Not a valid choice.") == "Not a valid choice."
    assert loads.count("wtforms") == 2  # once for Russian, once for English: not once per request
