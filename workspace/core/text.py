"""The search form of a text, one rule for every area: lower case, «ё» read as «е».

Stored search columns are written with it in Python (SQLite's lower() folds ASCII only), and queries are
folded the same way before they are compared."""
from __future__ import annotations


def fold(text: str | None) -> str:
    """«Ёлка», «ЕЛКА» and «елка» are one."""
    return (text or "").lower().replace("ё", "е")
