"""The city generator's journal: lessons and marks of the network groups (about 2 000 000 marks at city
scale), reproducible from the random source, written in bulk.

``generate_journal(session, rng, groups)`` takes the groups the programmes area made, as
``JournalGroupSpec`` rows (ids, period, weekdays of the schedule, enrolled pupils), and writes lessons
with explicit ids, then marks through the driver's executemany (psycopg 3 pipelines it). Only
lessons already held (before ``today``) get marks. Returns the counts written."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from workspace.core.dates import local_today
from workspace.extensions import db
from workspace.generator import bulk
from workspace.journal.lessons import is_holiday
from workspace.journal.models import Lesson

TOPICS = ("Вводное занятие. Техника безопасности", "Знакомство с материалами", "Практическая работа",
          "Работа в парах", "Проектная задача", "Повторение пройденного", "Подготовка к выставке",
          "Мастер-класс", "Экскурсия", "Самостоятельная работа", "Творческое задание", "Соревнование",
          "Защита мини-проекта", "Итоговое занятие")
SCALE_GRADES = {"five_point": ("5", "4", "3", "2"), "pass_fail": ("pass", "fail"), "levels": ("high", "medium", "low")}
MARK_COLUMNS = ("network_id", "lesson_id", "enrollment_id", "group_id", "home_institution_id", "attendance", "grade",
                "updated_at")


@dataclass
class JournalGroupSpec:
    group_id: int
    network_id: int
    starts_on: date
    ends_on: date
    weekdays: tuple[int, ...]                       # 0 = Monday
    enrollments: list[tuple[int, int]] = field(default_factory=list)  # (enrollment id, home institution id)
    grade_scale: str = "five_point"
    hours: int = 2


def _next_id(session, model) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _lesson_days(spec: JournalGroupSpec) -> list[date]:
    days, day = [], spec.starts_on
    while day <= spec.ends_on:
        if day.weekday() in spec.weekdays and not is_holiday(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _marks_of(rng: random.Random, spec: JournalGroupSpec, held: list[int], stamp: str):
    grades = SCALE_GRADES[spec.grade_scale]
    for enrollment_id, home_id in spec.enrollments:
        diligence = rng.uniform(0.72, 0.98)
        ability = rng.random()
        for lesson_id in held:
            roll = rng.random()
            if roll < diligence:
                attendance = "present"
                grade = None
                if rng.random() < 0.35:
                    # able pupils lean to the first grades of the scale
                    index = min(len(grades) - 1, int((1 - ability) * len(grades) * rng.uniform(0.4, 1.2)))
                    grade = grades[index]
            else:
                attendance = "excused" if rng.random() < 0.35 else "absent"
                grade = None
            yield (spec.network_id, lesson_id, enrollment_id, spec.group_id, home_id, attendance, grade, stamp)


def generate_journal(session, rng: random.Random, groups: list[JournalGroupSpec], today: date | None = None,
                     progress=None) -> dict[str, int]:
    today = today or local_today()
    progress = progress or (lambda _n: None)
    now = datetime.now(UTC).replace(microsecond=0)
    # the text each driver stores: SQLAlchemy's SQLite format (naive UTC), a timestamptz literal
    stamp = (now.isoformat(sep=" ") if session.get_bind().dialect.name == "postgresql"
             else now.strftime("%Y-%m-%d %H:%M:%S.%f"))
    lesson_id = _next_id(session, Lesson)
    lesson_rows, held_of = [], {}
    for spec in groups:
        held = []
        for day in _lesson_days(spec):
            lesson_rows.append({"id": lesson_id, "network_id": spec.network_id, "group_id": spec.group_id,
                                "held_on": day, "topic": rng.choice(TOPICS), "hours": spec.hours, "version": 1,
                                "created_at": datetime.now(UTC)})
            if day < today:
                held.append(lesson_id)
            lesson_id += 1
        held_of[spec.group_id] = held
    bulk.write(session, Lesson.__table__, lesson_rows, progress)
    marks = (row for spec in groups for row in _marks_of(rng, spec, held_of[spec.group_id], stamp))
    written = _write_marks(session, marks, progress)
    # Lessons carry explicit ids: on PostgreSQL the caller moves the sequence past them (city.generate does it
    # for every table of WRITTEN_TABLES, lessons included, as the owner).
    return {"lessons": len(lesson_rows), "marks": written}


BATCH = 50_000


def _write_marks(session, rows, progress) -> int:
    """Streamed, never all rows in memory: one COPY on PostgreSQL (``bulk``), elsewhere the driver's executemany
    in batches of 50 000 (sqlite3 runs it in C)."""
    if bulk.uses_copy(session):
        return bulk.copy_tuples(session, "marks", list(MARK_COLUMNS), rows, progress)
    connection = session.connection()
    raw = connection.connection.driver_connection
    placeholder = "%s" if connection.dialect.name == "postgresql" else "?"
    statement = (f"INSERT INTO marks ({', '.join(MARK_COLUMNS)}) "
                 f"VALUES ({', '.join([placeholder] * len(MARK_COLUMNS))})")
    cursor = raw.cursor()
    written, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            cursor.executemany(statement, batch)
            written += len(batch)
            progress(len(batch))
            batch = []
    if batch:
        cursor.executemany(statement, batch)
        written += len(batch)
        progress(len(batch))
    return written


def build_journal(city) -> None:
    """The city generator's area: the programmes area leaves its groups in ``city.journal_groups``
    (a list of ``JournalGroupSpec``); without them nothing is written."""
    specs = getattr(city, "journal_groups", [])
    if specs:
        counts = generate_journal(db.session, city.rng, specs, today=city.today, progress=city.progress)
        city.counts.update(counts)
