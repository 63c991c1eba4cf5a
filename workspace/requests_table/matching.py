"""Suggested matches between needs and offers of one network: simple, explainable scoring.

A need and an offer are suggested when
  * they belong to different institutions, both are open or under discussion,
  * their categories are of one family (a venue and a room, a specialist and a programme, …),
  * and they share at least one word (by its first letters) or their periods overlap;
    two periods that are both given and do not overlap rule the pair out.
Score: 2 points per shared word (at most 5 words), 3 points for overlapping periods.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from workspace.bank.models import fold
from workspace.requests_table.models import FAMILY, RequestCategory, RequestKind, RequestStatus

STEM = 5
WORD = re.compile(r"[a-zа-я0-9]+")
STOP_WORDS = {"для", "при", "или", "как", "это", "где", "нам", "нас", "наш", "наши", "все", "всех", "его", "она",
              "они", "над", "под", "без", "про", "что", "чтобы", "так", "также", "есть", "нужен", "нужна", "нужно",
              "нужны", "можем", "может", "готовы", "предлагаем", "требуется", "the", "and"}
ACTIVE = (RequestStatus.OPEN, RequestStatus.DISCUSSION)
MAX_SHARED = 5


@dataclass(frozen=True)
class Row:
    """What matching needs of a request (read as a column tuple)."""
    id: int
    institution_id: int
    kind: RequestKind
    category: RequestCategory
    title: str
    description: str
    starts_on: date | None
    ends_on: date | None
    status: RequestStatus


@dataclass(frozen=True)
class Suggestion:
    need: Row
    offer: Row
    shared_words: tuple[str, ...]
    periods_overlap: bool | None  # None: a period is not given
    score: int


def stems(text: str) -> dict[str, str]:
    """stem → the first word seen with it (shown to the user as the reason)."""
    found: dict[str, str] = {}
    for word in WORD.findall(fold(text)):
        if len(word) < 3 or word in STOP_WORDS or word.isdigit():
            continue
        found.setdefault(word[:STEM], word)
    return found


def _span(row: Row) -> tuple[date, date] | None:
    start, end = row.starts_on or row.ends_on, row.ends_on or row.starts_on
    if start is None:
        return None
    return (start, end) if start <= end else (end, start)


def periods_overlap(a: Row, b: Row) -> bool | None:
    first, second = _span(a), _span(b)
    if first is None or second is None:
        return None
    return first[0] <= second[1] and second[0] <= first[1]


def score(need: Row, offer: Row) -> Suggestion | None:
    if need.kind is not RequestKind.NEED or offer.kind is not RequestKind.OFFER:
        return None
    if need.institution_id == offer.institution_id or need.status not in ACTIVE or offer.status not in ACTIVE:
        return None
    if FAMILY[need.category] != FAMILY[offer.category]:
        return None
    need_words = stems(f"{need.title} {need.description}")
    offer_words = stems(f"{offer.title} {offer.description}")
    shared = tuple(sorted(need_words[stem] for stem in set(need_words) & set(offer_words)))[:MAX_SHARED]
    overlap = periods_overlap(need, offer)
    if overlap is False or (not shared and not overlap):
        return None
    return Suggestion(need, offer, shared, overlap, 2 * len(shared) + (3 if overlap else 0))


def suggestions(rows: list[Row], limit: int | None = None) -> list[Suggestion]:
    """Every suggested pair of the rows, best first (then the newer need first)."""
    needs = [row for row in rows if row.kind is RequestKind.NEED and row.status in ACTIVE]
    offers = [row for row in rows if row.kind is RequestKind.OFFER and row.status in ACTIVE]
    found = [s for need in needs for offer in offers if (s := score(need, offer)) is not None]
    found.sort(key=lambda s: (-s.score, -s.need.id, -s.offer.id))
    return found[:limit] if limit is not None else found
