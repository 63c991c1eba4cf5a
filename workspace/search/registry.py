"""The registry of search kinds: each area registers (kind, label, function, position) from its own
``workspace/<area>/search.py``; the page runs them all, in the order of their positions."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Hook = Callable[[str, int], list[tuple[str, str, str]]]


@dataclass(frozen=True)
class Kind:
    kind: str
    label: object          # a lazy string: the group's heading
    function: Hook
    position: int = 100    # groups are shown by position (ties: in the order of registration)


@dataclass(frozen=True)
class Result:
    title: str
    subtitle: str
    url: str


@dataclass
class Group:
    kind: str
    label: object
    results: list[Result]
    has_more: bool


_kinds: dict[str, Kind] = {}


def register_search_kind(kind: str, label, function: Hook, *, position: int = 100) -> None:
    """Add (or replace) a kind of search results; groups are shown by ``position``."""
    _kinds[kind] = Kind(kind, label, function, position)


def registered_kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: kind.position)


def run_search(query: str, limit: int, only: str | None = None) -> list[Group]:
    """Every kind (or only one), each asked for ``limit + 1`` to know whether there are more: one call each."""
    groups = []
    for kind in registered_kinds():
        if only and kind.kind != only:
            continue
        rows = kind.function(query, limit + 1)
        results = [Result(*row) for row in rows[:limit]]
        if results:
            groups.append(Group(kind.kind, kind.label, results, len(rows) > limit))
    return groups
