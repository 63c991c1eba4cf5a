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
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from sqlalchemy import String, and_, bindparam, event, false, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

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
    return [form for form, _word in _forms_and_words(query)]


def _forms_and_words(query: str | None) -> list[tuple[str, str]]:
    """Each form of ``search_forms`` with the first word of the query that gave it («классы» → («класс», «классы»))."""
    found: dict[str, str] = {}
    for word in search_words(query):
        found.setdefault(stem(word), word)
    return list(found.items())[:MAX_QUERY_WORDS]


def keep_search_text(model, *fields: str) -> None:
    """``model.search_text`` follows ``fields`` on every insert and update (a mapper listener). Bulk inserts,
    which bypass listeners (the generator), write ``search_text(...)`` themselves. On PostgreSQL the column has a
    GIN index over ``to_tsvector('simple', search_text)`` (``ix_<table>_search_words``, made by migration 0043 for
    every such table, outside the models: SQLite has no such index) for the prefix query of ``SearchShape.matches``."""
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


class words_document(FunctionElement):  # noqa: N801  (reads as a SQL function)
    """PostgreSQL: the words of a stored search column as a text-search document, the very expression its GIN index
    holds (the configuration a literal, so that the planner matches the query's expression with the index's)."""

    type = String()
    inherit_cache = True
    name = "to_tsvector"


class words_query(FunctionElement):  # noqa: N801
    """PostgreSQL: a text-search query of the 'simple' configuration (``to_tsquery``)."""

    type = String()
    inherit_cache = True
    name = "to_tsquery"


@compiles(words_document)
@compiles(words_query)
def _text_search_function(element, compiler, **kw):
    return f"{element.name}('simple'::regconfig, {compiler.process(element.clauses, **kw)})"


# Statements built once and reused: the forms of a query as bound parameters ---------------------------------------

_INDEXED_FORM = re.compile(r"[0-9a-zа-я]+")  # what PostgreSQL's text-search parser keeps as one word, unchanged


def _like_escaped(form: str) -> str:
    return form.replace("/", "//").replace("%", "/%").replace("_", "/_")


@dataclass(frozen=True)
class SearchShape:
    """The shape of a query's WHERE clause, without its values: ``forms`` bound parameters ``search_form_<n>``
    (and ``search_word_<n>``: the form after a space) and, on PostgreSQL (``indexed``), one full-text prefix query
    ``search_tsquery`` («класс:* & форм:*», the forms PostgreSQL's parser keeps whole) that narrows the rows on the
    GIN index over ``to_tsvector('simple', search_text)`` before the word starts are checked."""
    forms: int
    indexed: bool

    def matches(self, *columns):
        """WHERE every form begins a word of one of the stored search ``columns`` (see ``matches_any_search_text``)."""
        if not self.forms:
            return false()
        starts = and_(*(or_(*(or_(column.like(bindparam(f"search_form_{n}", type_=String()) + "%", escape="/"),
                                  column.like("%" + bindparam(f"search_word_{n}", type_=String()) + "%", escape="/"))
                              for column in columns)) for n in range(self.forms)))
        if not self.indexed or len(columns) != 1:
            return starts
        query = words_query(bindparam("search_tsquery", type_=String()))
        return and_(words_document(columns[0]).bool_op("@@")(query), starts)


def search_shape(query: str, dialect: str) -> SearchShape:
    forms = search_forms(query)
    return SearchShape(len(forms), dialect == "postgresql" and any(_INDEXED_FORM.fullmatch(f) for f in forms))


def search_parameters(query: str) -> dict[str, str]:
    """The values of a ``SearchShape``'s parameters for ``query``; ``search_exact_<n>`` (the query's own word,
    stored whole: «% классы %») is what the relevance of ``workspace.search.registry`` rewards."""
    forms = _forms_and_words(query)
    values = {"search_tsquery": " & ".join(f"{form}:*" for form, _word in forms if _INDEXED_FORM.fullmatch(form))}
    for n, (form, word) in enumerate(forms):
        values[f"search_form_{n}"] = _like_escaped(form)
        values[f"search_word_{n}"] = " " + _like_escaped(form)
        values[f"search_exact_{n}"] = f"% {_like_escaped(word)} %"
    return values
