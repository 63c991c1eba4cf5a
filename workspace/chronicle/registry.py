"""The registry of chronicle sources and the merge of their entries into one keyset-paged feed.

Order: newest ``when`` first; entries of the same instant by kind, then by id (newest first). The cursor
names the last entry shown (``<timestamp>,<kind>-<id>``); the next page asks every source for entries at or
before that timestamp and keeps those after the cursor in this order. A source gives up to ``limit``; only
when all of them sit at the cursor's very instant (a pile of events on one day) is it asked again for more.

A hook that returns plain tuples has no id: its url stands for it (a CRC of it orders entries of one instant).
Its rows of one instant then do not come in that order, so a hook should give precise timestamps (a
``created_at``), not bare dates, if it may have more entries of one instant than a page holds.

The areas' sources are QUERIES (``register_chronicle_query``): each gives a SELECT written with the bind
parameters below, and the page reads all of them in ONE statement, a UNION ALL of the parts (each part ordered
and limited on its own, under the tenant scope like any read), built once per shape and reused. A part's
columns are named by labels; a label several parts use has one type (``at``: a timestamp, ``day``: a date), and
a part lacks the labels of the others (NULL there). A plain function hook (``register_chronicle_source``) is
still asked on its own, one statement per call.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from flask import url_for
from flask_login import current_user
from sqlalchemy import Date, DateTime, Integer, Select, bindparam, cast, literal_column, null, select, union_all

from workspace.core.dates import local_today
from workspace.extensions import db

Source = Callable[..., list]
Query = Callable[[bool, bool], Select]        # (with a cursor, with a partner) -> the part's SELECT
ToEntries = Callable[[list], list]            # the part's rows -> its entries

# The bind parameters a query source writes its SELECT with (the registry gives their values).
NETWORK_IDS = bindparam("chronicle_network_ids", expanding=True)
BEFORE = bindparam("chronicle_before", type_=DateTime(timezone=True))   # the cursor's instant (naive UTC)
BEFORE_DAY = bindparam("chronicle_before_day", type_=Date())             # its day, for sources of dates
LIMIT = bindparam("chronicle_limit", type_=Integer())
PARTNER_ID = bindparam("chronicle_partner_id", type_=Integer())
TODAY = bindparam("chronicle_today", type_=Date())
USER_ID = bindparam("chronicle_user_id", type_=Integer())
USER_INSTITUTION_ID = bindparam("chronicle_user_institution_id", type_=Integer())


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
    link: tuple[str, dict] | None = None  # (endpoint, values): the url, built only if the entry is shown

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
    function: Source | None
    position: int
    query: Query | None = None
    to_entries: ToEntries | None = None
    complete: Callable[[list[Entry]], None] | None = None


_sources: dict[str, Registered] = {}
_unions: dict[tuple, tuple] = {}   # the UNION ALL of the query sources, per (kinds, with cursor, with partner)
_PART = "chronicle_part"


def register_chronicle_source(kind: str, function: Source, *, position: int = 100) -> None:
    """Add (or replace) a source of entries (see the package docstring for the hook's signature); sources are
    asked in the order of ``position`` (the merged order does not depend on it)."""
    _sources[kind] = Registered(function, position)
    _unions.clear()


def register_chronicle_query(kind: str, query: Query, to_entries: ToEntries, *, position: int = 100,
                             complete: Callable[[list[Entry]], None] | None = None) -> None:
    """Add (or replace) a source read as a part of the page's one UNION ALL: ``query(with_before, with_partner)``
    gives its SELECT (newest first, ``.limit(LIMIT)``, written with the bind parameters above), ``to_entries``
    turns its rows into ``Entry`` objects, ``complete`` (optional) finishes the entries shown on the page
    (the reports' photos: one statement for the page)."""
    _sources[kind] = Registered(None, position, query, to_entries, complete)
    _unions.clear()


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




def _union(kinds: tuple[str, ...], with_before: bool, with_partner: bool) -> tuple[Select | None, list[str]]:
    """One SELECT of the parts of ``kinds`` and the kind of each part, built once per shape (the compiled-SQL
    cache then serves it); a source with nothing to say for the shape (``query`` gives None) has no part."""
    key = (kinds, with_before, with_partner)
    if key not in _unions:
        queries = [(kind, _sources[kind].query(with_before, with_partner)) for kind in kinds]
        parts = [(kind, query.subquery()) for kind, query in queries if query is not None]
        layout: dict[str, object] = {}
        for _kind, part in parts:
            for column in part.c:
                layout.setdefault(column.key, column.type)
        names = sorted(layout)
        selects = [select(literal_column(str(number)).label(_PART),
                          *(part.c[name] if name in part.c else cast(null(), layout[name]).label(name)
                            for name in names))
                   for number, (_kind, part) in enumerate(parts)]
        statement = None
        if selects:
            statement = select((union_all(*selects) if len(selects) > 1 else selects[0]).subquery())
        _unions[key] = (statement, [kind for kind, _part in parts])
    return _unions[key]


def _parameters(network_ids, before: datetime | None, limit: int, partner_id: int | None) -> dict:
    values = {"chronicle_network_ids": list(network_ids), "chronicle_limit": limit, "chronicle_today": local_today(),
              "chronicle_user_id": getattr(current_user, "id", None),
              "chronicle_user_institution_id": getattr(current_user, "institution_id", None)}
    if before is not None:
        values.update(chronicle_before=before, chronicle_before_day=day_or_before(before))
    if partner_id is not None:
        values["chronicle_partner_id"] = partner_id
    return values


def _read_queries(kinds: tuple[str, ...], network_ids, before: datetime | None, limit: int,
                  partner_id: int | None) -> dict[str, list]:
    """The rows of each query source of ``kinds``: one statement."""
    if not kinds or not network_ids or limit <= 0:
        return {kind: [] for kind in kinds}
    statement, part_kinds = _union(kinds, before is not None, partner_id is not None)
    rows: dict[str, list] = {kind: [] for kind in kinds}
    if statement is not None:
        for row in db.session.execute(statement, _parameters(network_ids, before, limit, partner_id)):
            rows[part_kinds[int(getattr(row, _PART))]].append(row)
    return rows


def _rows(kind: str, network_ids, before: datetime | None, limit: int, partner_id: int | None) -> list:
    source = _sources[kind]
    if source.function is not None:
        return source.function(network_ids, before, limit, partner_id)
    return source.to_entries(_read_queries((kind,), network_ids, before, limit, partner_id)[kind])


def _from_source(kind: str, rows: list, network_ids, cursor: Cursor | None, limit: int,
                 partner_id: int | None) -> tuple[list[Entry], tuple | None]:
    """The source's entries after the cursor, and its horizon: the position of its last row when it gave
    as many as asked (beyond it, it may hold more), else None."""
    asked = limit
    while True:
        entries = [_normalise(kind, row) for row in rows]
        full = len(rows) >= asked
        if full and cursor is not None and all(entry.when == cursor.when for entry in entries):
            asked *= 4  # every row at the cursor's instant: ask for more (rare; never on an ordinary page)
            rows = _rows(kind, network_ids, cursor.when, asked, partner_id)
            continue
        horizon = max(_sort_key(entry) for entry in entries) if full and entries else None
        return [entry for entry in entries if _after(entry, cursor)], horizon


def _first_rows(network_ids, before: datetime | None, limit: int, partner_id: int | None) -> dict[str, list]:
    """Every source's first answer: the query sources in one statement, each plain hook in its own."""
    ordered = [kind for kind, _source in sorted(_sources.items(), key=lambda item: item[1].position)]
    queried = _read_queries(tuple(kind for kind in ordered if _sources[kind].query is not None),
                            network_ids, before, limit, partner_id)
    return {kind: (_sources[kind].to_entries(queried[kind]) if kind in queried
                   else _sources[kind].function(network_ids, before, limit, partner_id)) for kind in ordered}


def _finish(page: list[Entry]) -> None:
    """The urls of the entries shown (url_for only for them), then each source's finishing touch."""
    for entry in page:
        if entry.link is not None:
            entry.url = url_for(entry.link[0], **entry.link[1])
    for kind, source in _sources.items():
        if source.complete is not None:
            shown = [entry for entry in page if entry.kind == kind]
            if shown:
                source.complete(shown)


def entries_of(kind: str, network_ids, before: datetime | None, limit: int,
               partner_id: int | None) -> list[tuple[datetime, str, str, str, int | None]]:
    """What a query source gives, as a plain hook would: (when, kind label, title, url, institution id), newest
    first, at most ``limit``. One statement; for the areas' tests and any caller outside the page."""
    entries = _rows(kind, network_ids, before, limit, partner_id)
    for entry in entries:
        if entry.link is not None:
            entry.url = url_for(entry.link[0], **entry.link[1])
    return [(entry.when, entry.kind_label, entry.title, entry.url, entry.institution_id) for entry in entries]


def page_of_entries(network_ids: list[int], cursor: Cursor | None, size: int,
                    partner_id: int | None) -> tuple[list[Entry], Cursor | None]:
    """One page of the merged feed and the cursor of the next (None at the end): the query sources in one
    statement, each plain hook in one of its own.

    A source that gave all it was asked for may hold older entries: nothing past its last one is shown
    on this page (the next page asks again from there), so no entry is ever skipped."""
    merged: list[Entry] = []
    horizons = []
    first = _first_rows(network_ids, cursor.when if cursor else None, size + 1, partner_id)
    for kind, rows in first.items():
        entries, horizon = _from_source(kind, rows, network_ids, cursor, size + 1, partner_id)
        merged.extend(entries)
        if horizon is not None:
            horizons.append(horizon)
    merged.sort(key=_sort_key)
    if horizons:
        nearest = min(horizons)
        merged = [entry for entry in merged if _sort_key(entry) <= nearest]
    page = merged[:size]
    _finish(page)
    if not horizons and len(merged) <= size:
        return page, None
    last = page[-1]
    return page, Cursor(last.when, last.kind, last.id or 0)
