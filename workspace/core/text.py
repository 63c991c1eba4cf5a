"""The search form of a text, one rule for every area: lower case, «ё» read as «е».

Stored search columns are written with it in Python (SQLite's lower() folds ASCII only), and queries are
folded the same way before they are compared."""
from __future__ import annotations


def fold(text: str | None) -> str:
    """«Ёлка», «ЕЛКА» and «елка» are one."""
    return (text or "").lower().replace("ё", "е")


def search_text(*parts: str | None) -> str:
    """A row's stored search column: the fields the search matches, folded, one per line."""
    return fold("\n".join(part or "" for part in parts))


def keep_search_text(model, *fields: str) -> None:
    """``model.search_text`` follows ``fields`` on every insert and update (a mapper listener). Bulk inserts,
    which bypass listeners (the generator), write ``search_text(...)`` themselves."""
    from sqlalchemy import event

    def _fold(_mapper, _connection, row) -> None:
        row.search_text = search_text(*(getattr(row, name) for name in fields))

    event.listen(model, "before_insert", _fold)
    event.listen(model, "before_update", _fold)


def matches_search_text(model, query: str):
    """WHERE ``model.search_text`` (kept by ``keep_search_text``) contains ``query``, folded the same way; LIKE
    wildcards in the query are literal."""
    return model.search_text.contains(fold(query), autoescape=True)
