"""An item's timing as stored: the typed text, the span of its dates and, when it names more than one period
(«октябрь, март», «5, 12, 19 октября»), each period.

The periods are kept in one text column of the item (so that a plan page and the calendar read them with the
item, in the same statement): fixed-width ``YYYY-MM-DD/YYYY-MM-DD`` joined by ``;``, empty for one period —
then ``starts_on``/``ends_on`` are the period. ``starts_on``/``ends_on`` always span them all (the desk, the
indexes and every reader that needs only the span use them). The calendar's SQL cuts the column by position
(``workspace.calendar.queries``), hence the fixed width and the cap.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from workspace.core.dates import AcademicYear
from workspace.reading.timing import Timing, outside_warning, read_timing

PERIOD_WIDTH = 22   # "2026-10-01/2026-10-31;": where the n-th period starts in the column
MAX_PERIODS = 60    # a longer list (weekly dates of a whole year) is kept as its span only

Period = tuple[date, date]


def encode_periods(periods) -> str:
    """The column's text for ``periods``: empty for one (or too many) periods."""
    periods = sorted(periods)
    if len(periods) < 2 or len(periods) > MAX_PERIODS:
        return ""
    return ";".join(f"{start.isoformat()}/{end.isoformat()}" for start, end in periods)


def decode_periods(text: str | None, starts_on: date | None, ends_on: date | None) -> list[Period]:
    """Every period of an item: those of the column, or the one span; none for an unread timing."""
    if text:
        return [(date.fromisoformat(part[:10]), date.fromisoformat(part[11:21])) for part in text.split(";")]
    if starts_on is None:
        return []
    return [(starts_on, ends_on or starts_on)]


def apply_timing(item, timing: Timing) -> None:
    """Set an item's timing from what the reader made of it (``read_timing``): the text as typed, the span,
    each period and whether it was read. Every writer of a plan item's timing goes through here (inline
    editing, a new item, the import, a plan copied to another year, the demo)."""
    item.timing = timing.text
    item.starts_on, item.ends_on = timing.starts_on, timing.ends_on
    item.periods = encode_periods(timing.dates)
    item.timing_is_read = timing.is_read


def set_timing(item, text: str, year: AcademicYear) -> Timing:
    """Read ``text`` in the plan's academic year and set it on the item; the reading (its ``warning``)."""
    timing = read_timing(text, year)
    apply_timing(item, timing)
    return timing


@lru_cache(maxsize=2048)
def _reading_warning(text: str, start_year: int) -> str | None:
    """The reader's warning of a phrase (a plan page of many «по мере необходимости» reads each once)."""
    return read_timing(text, AcademicYear(start_year)).warning


def timing_warning(item, year: AcademicYear) -> str | None:
    """What the preview of an import would say of the item's timing in a plan of ``year``: unread (with the
    reader's reason) or outside the plan's academic year. None when all is well."""
    if not item.timing_is_read or (item.starts_on is None and item.timing):
        return _reading_warning(item.timing, year.start_year)
    periods = decode_periods(item.periods, item.starts_on, item.ends_on)
    return outside_warning(periods, year) if periods else None

