"""The English catalog: complete for the current source, compiled, and actually served.

The interface strings are Russian gettext msgids; Russian needs no catalog. English lives in
``workspace/translations/en/LC_MESSAGES/messages.po`` (compiled to ``messages.mo``). How to update
it is described in ``workspace/translations/README.md``.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages import frontend
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from tests.conftest import csrf_token_from, login
from tests.fixtures import factories
from workspace.config import ROOT

TRANSLATIONS = ROOT / "workspace" / "translations"
BABEL_CFG = TRANSLATIONS / "babel.cfg"
PO_FILE = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
MO_FILE = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo"

# The same keywords as ``pybabel extract -k _ -k gettext -k lazy_gettext -k _l -k ngettext``
# (pybabel adds -k keywords to its defaults).
KEYWORDS = {**DEFAULT_KEYWORDS, "_": None, "gettext": None, "lazy_gettext": None, "_l": None,
            "ngettext": (1, 2)}

PLACEHOLDER = re.compile(r"%\(\w+\)[a-z]")


def _parse_mapping(fileobj):
    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    return parse(fileobj, filename=str(BABEL_CFG))


def _extract(target: Path) -> Catalog:
    """Extract messages from the source, as ``pybabel extract -F babel.cfg`` from the repo root."""
    with BABEL_CFG.open(encoding="utf-8") as cfg:
        method_map, options_map = _parse_mapping(cfg)
    template = Catalog(fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    with target.open("wb") as handle:
        write_po(handle, template)
    with target.open("rb") as handle:
        return read_po(handle)


def _read_po() -> Catalog:
    with PO_FILE.open("rb") as handle:
        return read_po(handle, locale="en")


def _texts(value) -> tuple[str, ...]:
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,) if value else ()


def _describe(message) -> str:
    where = ", ".join(f"{path}:{line}" for path, line in message.locations[:3])
    return f"{message.id!r} ({where})"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Catalog:
    catalog = _extract(tmp_path_factory.mktemp("i18n") / "messages.pot")
    assert len([m for m in catalog if m.id]) > 100, "extraction found suspiciously few messages"
    return catalog


def test_every_source_message_has_an_english_translation(extracted):
    english = _read_po()
    missing = []
    for message in extracted:
        if not message.id:
            continue
        entry = english.get(message.id, context=message.context)
        strings = _texts(entry.string) if entry is not None else ()
        if entry is None or entry.fuzzy or not strings or not all(s.strip() for s in strings):
            missing.append(_describe(message))
    assert not missing, (
        f"{len(missing)} message(s) without an English translation in {PO_FILE.relative_to(ROOT)} "
        "(see workspace/translations/README.md):\n  " + "\n  ".join(missing))


def test_translations_keep_the_placeholders():
    broken = []
    for message in _read_po():
        if not message.id or not message.string:
            continue
        source = sorted(PLACEHOLDER.findall(" ".join(_texts(message.id))))
        for text in _texts(message.string):
            if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(source)):
                broken.append(f"{message.id!r} -> {text!r}")
    assert not broken, "placeholders differ between msgid and msgstr:\n  " + "\n  ".join(broken)


def test_po_has_no_fuzzy_entries():
    fuzzy = [repr(m.id) for m in _read_po() if m.id and m.fuzzy]
    assert not fuzzy, "fuzzy entries are not compiled, review them:\n  " + "\n  ".join(fuzzy)


def _as_dict(catalog: Catalog) -> dict:
    return {(m.context, m.id if not isinstance(m.id, list) else tuple(m.id)):
            m.string if not isinstance(m.string, list) else tuple(m.string)
            for m in catalog if m.id}


def test_compiled_mo_matches_the_po():
    """Compile the .po in memory and compare with the committed .mo (content, not mtimes:
    a git checkout does not keep them)."""
    assert MO_FILE.exists(), f"{MO_FILE.relative_to(ROOT)} is missing: run pybabel compile"
    buffer = io.BytesIO()
    write_mo(buffer, _read_po())
    buffer.seek(0)
    expected = _as_dict(read_mo(buffer))
    with MO_FILE.open("rb") as handle:
        actual = _as_dict(read_mo(handle))
    differing = (expected.keys() ^ actual.keys()) | {
        key for key in expected.keys() & actual.keys() if expected[key] != actual[key]}
    stale = sorted({key[1] if isinstance(key[1], str) else key[1][0] for key in differing})
    assert not stale, (
        f"{MO_FILE.relative_to(ROOT)} is out of date with the .po "
        "(run pybabel compile -d workspace/translations); differing msgids:\n  "
        + "\n  ".join(repr(s) for s in stale[:50]))


def test_switching_language_shows_english(client):
    page = client.get("/login")
    html = page.get_data(as_text=True)
    assert '<html lang="ru">' in html
    assert "Вход в сетевое пространство" in html

    response = client.post("/language", data={
        "lang": "en", "next": "/login", "csrf_token": csrf_token_from(html)})
    assert response.status_code == 302

    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Log in to the network workspace" in html
    assert "Вход в сетевое пространство" not in html
    assert "Forgot your password?" in html
    assert "Remember me on this device" in html  # a form label: lazy_gettext in Python code

    response = client.post("/language", data={"lang": "ru", "csrf_token": csrf_token_from(html)})
    assert response.status_code == 302
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="ru">' in html
    assert "Вход в сетевое пространство" in html


def test_language_switch_rejects_unknown_language(client):
    html = client.get("/login").get_data(as_text=True)
    response = client.post("/language", data={"lang": "xx", "csrf_token": csrf_token_from(html)})
    assert response.status_code == 400


def test_a_signed_in_users_language_is_kept_on_the_user_not_only_in_the_cookie(app, client, make, login_as):
    """A page's parallel requests each return the session cookie; one that began before the switch would set the
    old language again. The signed-in user's choice is read from the user row, and follows them to a new browser."""
    school = make.institution("Школа №32", slug="s32")
    user = make.user(school, "coordinator")
    login_as(user)
    stale_cookie = client.get_cookie("session").value
    token = csrf_token_from(client.get("/i/s32/").get_data(as_text=True))
    assert client.post("/language", data={"lang": "en", "csrf_token": token}).status_code == 302
    client.set_cookie("session", stale_cookie)  # the late response of a request begun in Russian
    assert '<html lang="en">' in client.get("/i/s32/").get_data(as_text=True)

    other_browser = app.test_client()
    login(other_browser, user.email, factories.PASSWORD)
    assert '<html lang="en">' in other_browser.get("/i/s32/").get_data(as_text=True)
