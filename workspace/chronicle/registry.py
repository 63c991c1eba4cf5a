"""The registry of chronicle sources and the merge of their entries into one keyset-paged feed.

Order: newest ``when`` first; entries of the same instant by kind, then by id (newest first). The cursor
names the last entry shown (``<timestamp>,<kind>-<id>``); the next page asks every source for entries at or
before that timestamp and keeps those after the cursor in this order. A source gives up to ``limit``; only
when all of them sit at the cursor's very instant (a pile of events on one day) is it asked again for more.

A hook that returns plain tuples has no id: its url stands for it (a CRC of it orders entries of one instant).
Its rows of one instant then do not come in that order, so a hook should give precise timestamps (a
``created_at``), not bare dates, if it may have more entries of one instant than a page holds.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

Source = Callable[..., list]


@dataclass
class Entry:
    when: datetime
    kind_label: str
    title: str
    url: str
    institution_id: int | None = None
    id: int | None = None                 # the object's id: the tie-break among entries of one instant
    subtitle: str = ""
    network_name: str = ""
    day: date | None = None               # shown instead of the time when the source knows only the date
    thumbnails: list[str] = field(default_factory=list)
    kind: str = ""

    @property
    def key(self) -> tuple:
        return (_naive(self.when), self.kind, self.id)


@dataclass(frozen=True)
class Cursor:
    when: datetime
    kind: str
    id: int

    def __str__(self) -> str:
        return f"{self.when.isoformat()},{self.kind}-{self.id}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        """``2026-10-15T00:00:00,reports-17``; anything unreadable is the first page."""
        if not text or "," not in text:
            return None
        stamp, _sep, rest = text.partition(",")
        kind, _sep, number = rest.rpartition("-")
        try:
            return cls(_naive(datetime.fromisoformat(stamp)), kind, int(number))
        except ValueError:
            return None


@dataclass(frozen=True)
class Registered:
    function: Source
    position: int


_sources: dict[str, Registered] = {}


def register_chronicle_source(kind: str, function: Source, *, position: int = 100) -> None:
    """Add (or replace) a source of entries (see the package docstring for the hook's signature); sources are
    asked in the order of ``position`` (the merged order does not depend on it)."""
    _sources[kind] = Registered(function, position)


def day_or_before(before: datetime | None) -> date | None:
    """The day of a cursor's timestamp, for sources that know only dates."""
    return before.date() if before is not None else None


def _naive(value) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    return datetime(value.year, value.month, value.day)


def _normalise(kind: str, row) -> Entry:
    if isinstance(row, Entry):
        entry = row
    else:
        when, kind_label, title, url, institution_id = row
        entry = Entry(when, kind_label, title, url, institution_id,
                      day=when if not isinstance(when, datetime) else None)
        entry.id = zlib.crc32(url.encode())   # a hook gives no id: its url names the object
    entry.kind = kind
    entry.when = _naive(entry.when)
    return entry


EPOCH = datetime(1970, 1, 1)


def _position(when: datetime, kind: str, number: int) -> tuple:
    # newest first; same instant: by kind (a → z), then by id, highest first
    return (-((when - EPOCH) // timedelta(microseconds=1)), kind, -number)


def _sort_key(entry: Entry) -> tuple:
    return _position(entry.when, entry.kind, entry.id or 0)


def _after(entry: Entry, cursor: Cursor | None) -> bool:
    return cursor is None or _sort_key(entry) > _position(cursor.when, cursor.kind, cursor.id)


def _from_source(kind: str, source: Source, network_ids, cursor: Cursor | None, limit: int,
                 partner_id: int | None) -> tuple[list[Entry], tuple | None]:
    """The source's entries after the cursor, and its horizon: the position of its last row when it gave
    as many as asked (beyond it, it may hold more), else None."""
    asked = limit
    while True:
        rows = source(network_ids, cursor.when if cursor else None, asked, partner_id)
        entries = [_normalise(kind, row) for row in rows]
        full = len(rows) >= asked
        if full and cursor is not None and all(entry.when == cursor.when for entry in entries):
            asked *= 4  # every row at the cursor's instant: ask for more (rare; never on an ordinary page)
            continue
        horizon = max(_sort_key(entry) for entry in entries) if full and entries else None
        return [entry for entry in entries if _after(entry, cursor)], horizon


def page_of_entries(network_ids: list[int], cursor: Cursor | None, size: int,
                    partner_id: int | None) -> tuple[list[Entry], Cursor | None]:
    """One page of the merged feed and the cursor of the next (None at the end): one call per source.

    A source that gave all it was asked for may hold older entries: nothing past its last one is shown
    on this page (the next page asks again from there), so no entry is ever skipped."""
    merged: list[Entry] = []
    horizons = []
    for kind, source in sorted(_sources.items(), key=lambda item: item[1].position):
        entries, horizon = _from_source(kind, source.function, network_ids, cursor, size + 1, partner_id)
        merged.extend(entries)
        if horizon is not None:
            horizons.append(horizon)
    merged.sort(key=_sort_key)
    if horizons:
        nearest = min(horizons)
        merged = [entry for entry in merged if _sort_key(entry) <= nearest]
    page = merged[:size]
    if not horizons and len(merged) <= size:
        return page, None
    last = page[-1]
    return page, Cursor(last.when, last.kind, last.id or 0)
