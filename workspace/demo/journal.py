"""Demo journal: lessons with Russian topics from each group's schedule and realistic marks.

``load_journal_demo(groups)`` takes ORM ``Group`` rows of the demo (made by workspace/demo/programmes.py),
runs inside the loader's ``unscoped()`` and is deterministic (a fixed seed per group)."""
from __future__ import annotations

import random
from datetime import date, time

from sqlalchemy import select

from workspace.extensions import db
from workspace.journal.lessons import lesson_dates
from workspace.journal.models import Attendance, Lesson, Mark
from workspace.programmes.models import Enrollment, EnrollmentStatus, GradeScale, Programme, ScheduleSlot

TOPICS = {
    "technical": ("Техника безопасности. Знакомство с конструктором", "Простые механизмы", "Датчик касания",
                  "Датчик цвета", "Программирование движения", "Сборка модели «Сортировщик»",
                  "Соревнование «Кегельринг»", "Защита проекта"),
    "art": ("Знакомство с театром", "Сценическая речь", "Этюды на воображение", "Работа над ролью",
            "Репетиция", "Генеральная репетиция", "Показ спектакля"),
    "sport": ("Правила игры", "Разминка и ОФП", "Передачи мяча", "Тактика защиты", "Товарищеская встреча"),
}
DEFAULT_TOPICS = ("Вводное занятие", "Знакомство с темой", "Практическая работа", "Работа в группах",
                  "Экскурсия", "Проектная задача", "Повторение", "Итоговое занятие")
GRADES = {GradeScale.FIVE_POINT: ("5", "5", "4", "4", "4", "3"), GradeScale.PASS_FAIL: ("pass", "pass", "pass", "fail"),
          GradeScale.LEVELS: ("high", "medium", "medium", "low")}


def load_journal_demo(groups, today: date | None = None) -> tuple[int, int]:
    """Lessons for each group (from its schedule, else Tuesdays and Thursdays) over its programme's
    period, and a mark for every enrolled pupil at every lesson already held. Returns (lessons, marks)."""
    today = today or date.today()
    lessons_made = marks_made = 0
    for group in groups:
        rng = random.Random(group.id)
        programme = db.session.scalar(select(Programme).where(Programme.id == group.programme_id))
        slots = db.session.execute(select(ScheduleSlot.weekday, ScheduleSlot.starts_at, ScheduleSlot.ends_at)
                                   .where(ScheduleSlot.group_id == group.id)).all()
        slots = slots or [(1, time(15, 0), time(16, 30)), (3, time(15, 0), time(16, 30))]
        starts_on = programme.starts_on or date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        ends_on = programme.ends_on or date(starts_on.year + 1, 5, 31)
        topics = TOPICS.get(programme.direction.value, DEFAULT_TOPICS)
        lessons = [Lesson(network_id=group.network_id, group_id=group.id, held_on=day, hours=hours,
                          topic=topics[n % len(topics)])
                   for n, (day, hours) in enumerate(lesson_dates(slots, starts_on, ends_on))]
        db.session.add_all(lessons)
        db.session.flush()
        lessons_made += len(lessons)
        enrollments = db.session.execute(select(Enrollment.id, Enrollment.home_institution_id).where(
            Enrollment.group_id == group.id,
            Enrollment.status.in_((EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)))).all()
        grades = GRADES[programme.grade_scale]
        for enrollment_id, home_id in enrollments:
            diligence = rng.uniform(0.75, 0.97)
            for lesson in lessons:
                if lesson.held_on >= today:
                    break
                if rng.random() < diligence:
                    attendance, grade = Attendance.PRESENT, rng.choice(grades) if rng.random() < 0.4 else None
                else:
                    attendance, grade = (Attendance.EXCUSED if rng.random() < 0.4 else Attendance.ABSENT), None
                db.session.add(Mark(network_id=group.network_id, lesson_id=lesson.id, enrollment_id=enrollment_id,
                                    group_id=group.id, home_institution_id=home_id, attendance=attendance,
                                    grade=grade))
                marks_made += 1
    db.session.flush()
    return lessons_made, marks_made
