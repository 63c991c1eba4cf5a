"""The search form of a text, one rule for every area, SQLite and PostgreSQL alike.

* ``fold``: lower case, «ё» read as «е» (SQLite's lower() folds ASCII only, so folding happens in Python);
* ``search_text``: what a row stores in its ``search_text`` column — the words of its searchable fields,
  folded, punctuation dropped, one space between them («Сценарий квеста «Ёлки»» → «сценарий квеста елки»);
* ``search_forms``: what a query is reduced to — each folded word cut to its Snowball stem («сценарии» →
  «сценар», «кузнецкая» → «кузнецк», «ёлка» → «елк»).

A row matches when every form of the query begins one of its stored words (``matches_search_text`` in SQL,
``text_matches`` in Python). A Snowball stem is always the beginning of its word, so «the stem begins a
stored word» finds every form the stemmer relates («сценарии» finds «Сценарий», «кузнецкая» finds
«Кузнецкой»), a word still being typed («сцен» finds «Сценарий»), and the forms whose own stem would be
shorter than the query's («Смирнова» finds «Смирнов», stemmed «смирн»): the stored words lose nothing that
stored stems would keep. Matching a word start (``LIKE 'form%' OR LIKE '% form%'``) is what a trigram or a
full-text prefix index (``to_tsvector('simple', search_text)`` with ``form:*``, SQLite FTS5 ``form*``) serves.
"""
from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from sqlalchemy import and_, event, false, or_

MAX_QUERY_WORDS = 8   # a query's words beyond these are ignored: the statement stays small
_WORD = re.compile(r"[^\W_]+|№")  # «№» is a word of its own: «№ 5», «№5» and «№» are searched
_russian = snowballstemmer.stemmer("russian")


def fold(text: str | None) -> str:
    """«Ёлка», «ЕЛКА» and «елка» are one."""
    return (text or "").lower().replace("ё", "е")


def search_words(text: str | None) -> list[str]:
    """The folded words of a text, punctuation dropped: «5-9 классы» → ["5", "9", "классы"], «№5» → ["№", "5"]."""
    return _WORD.findall(fold(text))


def search_text(*parts: str | None) -> str:
    """A row's stored search column: the folded words of the fields the search matches, one space between."""
    return " ".join(word for part in parts for word in search_words(part))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball stem of a folded word («театральная» → «театральн»); a word never becomes empty."""
    return _russian.stemWord(word) or word


def search_forms(query: str | None) -> list[str]:
    """The forms a query's words must be found in: their stems, each once, at most ``MAX_QUERY_WORDS``."""
    forms: list[str] = []
    for word in search_words(query):
        form = stem(word)
        if form not in forms:
            forms.append(form)
    return forms[:MAX_QUERY_WORDS]


def keep_search_text(model, *fields: str) -> None:
    """``model.search_text`` follows ``fields`` on every insert and update (a mapper listener). Bulk inserts,
    which bypass listeners (the generator), write ``search_text(...)`` themselves."""
    length = getattr(model.__table__.c.search_text.type, "length", None)

    def _keep(_mapper, _connection, row) -> None:
        row.search_text = search_text(*(getattr(row, name) for name in fields))[:length]

    event.listen(model, "before_insert", _keep)
    event.listen(model, "before_update", _keep)


def begins_a_word(column, form: str):
    """SQL: ``form`` begins one of the words of a stored search column (LIKE wildcards in it are literal)."""
    return or_(column.startswith(form, autoescape=True), column.contains(" " + form, autoescape=True))


def matches_search_text(model, query: str):
    """WHERE every form of ``query`` begins a word of ``model.search_text`` (kept by ``keep_search_text``);
    a query without a word matches nothing."""
    return matches_any_search_text((model.search_text,), query)


def matches_any_search_text(columns, query: str):
    """WHERE every form of ``query`` begins a word of one of the stored search ``columns``."""
    forms = search_forms(query)
    if not forms:
        return false()
    return and_(*(or_(*(begins_a_word(column, form) for column in columns)) for form in forms))


def text_matches(text: str | None, query: str) -> bool:
    """Python's twin of ``matches_search_text`` for a text at hand (not stored)."""
    forms = search_forms(query)
    words = search_words(text)
    return bool(forms) and all(any(word.startswith(form) for word in words) for form in forms)
