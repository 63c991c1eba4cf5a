"""Journal data other pages show: a pupil's summary (the home school's pupil page), the teacher's
lessons of today (the desk)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask import g
from flask_login import current_user
from sqlalchemy import func, select

from tenants.models import Institution
from tenants.permissions import MANAGERS, has_role
from workspace.accounts.models import User
from workspace.core.dates import local_today
from workspace.extensions import db
from workspace.journal.grid import LISTED
from workspace.journal.models import Attendance, Lesson, Mark
from workspace.journal.scales import GRADE_SHORT, percent
from workspace.programmes.models import Enrollment, EnrollmentStatus, Group, Programme


@dataclass
class PupilJournal:
    enrollment_id: int
    programme: str
    group: str
    status: EnrollmentStatus
    lessons_held: int = 0
    attended: int = 0
    marked: int = 0
    last_grades: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return percent(self.attended, self.marked)


LAST_GRADES = 5


def pupil_summary(pupil_id: int, today: date | None = None) -> list[PupilJournal]:
    """Per enrollment of the pupil at the current institution (``g.institution``): programme, group,
    lessons held so far, attended, attendance %, the last grades. Three statements."""
    today = today or local_today()
    found: dict[int, PupilJournal] = {}
    groups: dict[int, list[PupilJournal]] = defaultdict(list)
    for enrollment_id, status, title, group_id, group_name in db.session.execute(
            select(Enrollment.id, Enrollment.status, Programme.title, Group.id, Group.name)
            .join(Group, Group.id == Enrollment.group_id).join(Programme, Programme.id == Group.programme_id)
            .where(Enrollment.pupil_id == pupil_id, Enrollment.home_institution_id == g.institution.id)
            .order_by(Programme.title)):
        found[enrollment_id] = PupilJournal(enrollment_id, title, group_name, status)
        groups[group_id].append(found[enrollment_id])
    if not found:
        return []
    for group_id, count in db.session.execute(
            select(Lesson.group_id, func.count(Lesson.id))
            .where(Lesson.group_id.in_(list(groups)), Lesson.held_on <= today).group_by(Lesson.group_id)):
        for summary in groups[group_id]:
            summary.lessons_held = count
    for enrollment_id, attendance, grade in db.session.execute(
            select(Mark.enrollment_id, Mark.attendance, Mark.grade).join(Lesson, Lesson.id == Mark.lesson_id)
            .where(Mark.enrollment_id.in_(list(found)), Mark.home_institution_id == g.institution.id)
            .order_by(Lesson.held_on.desc(), Lesson.id.desc())):
        summary = found[enrollment_id]
        if attendance is not None:
            summary.marked += 1
            summary.attended += attendance is Attendance.PRESENT
        if grade and len(summary.last_grades) < LAST_GRADES:
            summary.last_grades.append(str(GRADE_SHORT.get(grade, grade)))
    return list(found.values())


@dataclass
class TodayLesson:
    lesson_id: int
    topic: str
    group_id: int
    group_name: str
    programme: str
    network_slug: str


@dataclass
class JournalGroup:
    id: int
    name: str
    programme: str
    provider: str
    teacher: str
    pupils: int


def visible_groups() -> list[JournalGroup]:
    """The groups of this network whose journal the current user may open (one statement): the provider's
    managers all its groups, a teacher their own, a home school's managers those with its pupils, a council
    seat every group (aggregates)."""
    my_institution = current_user.institution_id
    mine = (select(func.count(Enrollment.id)).where(Enrollment.group_id == Group.id, Enrollment.status.in_(LISTED),
                                                   Enrollment.home_institution_id == my_institution)
            .correlate(Group).scalar_subquery())
    pupils = (select(func.count(Enrollment.id)).where(Enrollment.group_id == Group.id, Enrollment.status.in_(LISTED))
              .correlate(Group).scalar_subquery())
    found = []
    manager, seat = has_role(*MANAGERS), g.get("seat") is not None
    for (group_id, name, title, provider_id, provider, teacher_id, teacher, count, my_count) in db.session.execute(
            select(Group.id, Group.name, Programme.title, Group.provider_institution_id, Institution.short_name,
                   Group.teacher_id, User.full_name, pupils, mine)
            .join(Programme, Programme.id == Group.programme_id)
            .join(Institution, Institution.id == Group.provider_institution_id)
            .outerjoin(User, User.id == Group.teacher_id)
            .order_by(Programme.title, Group.name)):
        provider_side = provider_id == my_institution and (manager or teacher_id == current_user.id)
        home_side = manager and my_count > 0
        if provider_side or home_side or seat:
            found.append(JournalGroup(group_id, name, title, provider, teacher or "", count))
    return found
