"""Lessons from a group's schedule: every slot's weekday between the programme's start and end,
holidays skipped (the federal non-working days and the winter break)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.journal.models import Lesson
from workspace.programmes.models import ScheduleSlot

# Non-working days (Labour Code art. 112) as (month, day); 31 Dec – 8 Jan is the winter break.
HOLIDAYS = {(11, 4), (12, 31), (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (2, 23), (3, 8),
            (5, 1), (5, 9), (6, 12)}
ACADEMIC_HOUR_MINUTES = 45


def is_holiday(day: date) -> bool:
    return (day.month, day.day) in HOLIDAYS


def hours_of(starts_at, ends_at) -> int:
    minutes = (datetime.combine(date.min, ends_at) - datetime.combine(date.min, starts_at)).seconds // 60
    return max(1, round(minutes / ACADEMIC_HOUR_MINUTES))


def lesson_dates(slots: list[tuple[int, object, object]], starts_on: date, ends_on: date,
                 skip_holidays: bool = True) -> list[tuple[date, int]]:
    """(date, hours) of every slot's weekday in [starts_on, ends_on]."""
    by_weekday: dict[int, int] = {}
    for weekday, starts_at, ends_at in slots:
        by_weekday[weekday] = by_weekday.get(weekday, 0) + hours_of(starts_at, ends_at)
    found = []
    day = starts_on
    while day <= ends_on:
        hours = by_weekday.get(day.weekday())
        if hours and not (skip_holidays and is_holiday(day)):
            found.append((day, hours))
        day += timedelta(days=1)
    return found


def generate_lessons(group, network_id: int, skip_holidays: bool = True) -> list[Lesson]:
    """Add the lessons the schedule implies and the group does not have yet (by date). Returns them."""
    slots = db.session.execute(select(ScheduleSlot.weekday, ScheduleSlot.starts_at, ScheduleSlot.ends_at)
                               .where(ScheduleSlot.group_id == group.id)).all()
    year = AcademicYear.current()
    starts_on = group.starts_on or year.starts_on
    ends_on = group.ends_on or year.date_of(5, 31)
    have = set(db.session.scalars(select(Lesson.held_on).where(Lesson.group_id == group.id)))
    new = [Lesson(network_id=network_id, group_id=group.id, held_on=day, hours=hours, topic="")
           for day, hours in lesson_dates(slots, starts_on, ends_on, skip_holidays) if day not in have]
    db.session.add_all(new)
    return new


def first_beyond_hours(programme_hours: int, had_hours: int, new: list[Lesson]) -> tuple[int, date | None]:
    """The hours planned after ``new`` and the date of the first new lesson past the programme's hours
    (None when all fit or the programme states no hours)."""
    planned, first = had_hours, None
    for lesson in sorted(new, key=lambda lesson: lesson.held_on):
        planned += lesson.hours
        if programme_hours and planned > programme_hours and first is None:
            first = lesson.held_on
    return planned, first
