"""Dates as Russians write them, and the academic year (1 September — 31 August)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from flask_babel import format_date, gettext

DEFAULT_TIMEZONE = "Europe/Moscow"


def local_today(now: datetime | None = None) -> date:
    """The date on the deployment's clocks (Moscow by default), at ``now`` or this moment.

    Never the server's own ``date.today``: its clock may run on UTC, whose date is yesterday's until 03:00 in Moscow.
    """
    return (now or datetime.now(UTC)).astimezone(_zone()).date()


def _zone() -> ZoneInfo:
    """The deployment's time zone (BABEL_DEFAULT_TIMEZONE; Moscow outside an application)."""
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"] if has_app_context() else DEFAULT_TIMEZONE)


@dataclass(frozen=True, order=True)
class AcademicYear:
    """The academic year that starts on 1 September of ``start_year``."""

    start_year: int

    @classmethod
    def containing(cls, day: date) -> AcademicYear:
        return cls(day.year if day.month >= 9 else day.year - 1)

    @classmethod
    def current(cls) -> AcademicYear:
        return cls.containing(local_today())

    @classmethod
    def parse(cls, text: str) -> AcademicYear:
        """Read «2024-2025», «2024/2025», «2024–25» or «2024»."""
        cleaned = text.strip().replace("–", "-").replace("—", "-").replace("/", "-")
        first = cleaned.split("-")[0].strip()
        if not (first.isdigit() and len(first) == 4):
            raise ValueError(f"not an academic year: {text!r}")
        year = cls(int(first))
        if "-" in cleaned:
            second = cleaned.split("-")[1].strip()
            if second and int(second) % 100 != (year.start_year + 1) % 100:
                raise ValueError(f"years are not consecutive: {text!r}")
        return year

    @property
    def starts_on(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def ends_on(self) -> date:
        return date(self.start_year + 1, 8, 31)

    def __contains__(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def date_of(self, month: int, day: int = 1) -> date:
        """The date of a month and day inside this academic year (September → first year)."""
        return date(self.start_year if month >= 9 else self.start_year + 1, month, day)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    def __str__(self) -> str:
        return gettext("%(label)s учебный год", label=self.label)


def ru_date(value: date | datetime | None) -> str:
    """22.11.2026 — the numeric form used in Russian documents, whatever the locale."""
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y")


def ru_datetime(value: datetime | None) -> str:
    """Stored in UTC (naive on SQLite), shown in the deployment's time zone (BABEL_DEFAULT_TIMEZONE).

    The zone is the deployment's, never a person's (no time-zone selector), so it is read from the configuration,
    as ``local_today`` does: Flask-Babel's ``to_user_timezone`` looked its context up and normalised through pytz
    on every call (39 µs instead of 13; the desk shows 20 such times, a history page 50)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(_zone()).strftime("%d.%m.%Y %H:%M")


def long_date(value: date | None) -> str:
    """«22 ноября 2026 г.» in Russian, «November 22, 2026» in English."""
    if value is None:
        return ""
    return format_date(value, "long")


def month_name(value: date) -> str:
    """Standalone month name in the user's language: «ноябрь»."""
    return format_date(value, "LLLL")
