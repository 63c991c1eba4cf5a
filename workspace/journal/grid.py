"""The journal grid: who sees which rows, the two statements that load it, the cell save.

Statement budget (the request's own statements; login and network resolution add four):
the page reads (1) the group with its programme and lessons, (2) its enrollments with their marks
(or, for a council seat, the marks counted per lesson); a cell save reads (1) the group, the lesson
and the enrollment of the cell with the other marks of its row and column counted, then (2) upserts
the mark. Everything is column tuples; no ORM object per cell.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache

from flask import abort, g
from flask_login import current_user
from sqlalchemy import Integer, Text, and_, bindparam, cast, func, or_, select, type_coerce
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tenants.models import Institution
from tenants.permissions import MANAGERS, has_role
from workspace.core.database import joined_text
from workspace.extensions import db
from workspace.journal.models import Attendance, Lesson, Mark
from workspace.journal.scales import apply_code, percent
from workspace.programmes.models import Enrollment, EnrollmentStatus, GradeScale, Group, Programme
from workspace.pupils.reads import record_pupil_reads

LISTED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)


class Access(enum.Enum):
    EDIT = "edit"            # the group's teacher
    FULL = "full"            # the provider's admin and coordinators: every row, read-only
    OWN_ROWS = "own_rows"    # a home school's admin or coordinator: only its pupils' rows
    AGGREGATES = "aggregates"  # a council seat: counts and percentages, never names


@dataclass
class GroupHead:
    id: int
    name: str
    teacher_id: int | None
    provider_institution_id: int
    programme_id: int
    programme_title: str
    grade_scale: GradeScale
    hours: int
    starts_on: date | None
    ends_on: date | None
    pupils: int


@dataclass
class LessonColumn:
    id: int
    held_on: date
    topic: str
    hours: int
    present: int = 0
    marked: int = 0

    @property
    def percent(self) -> int | None:
        return percent(self.present, self.marked)


@dataclass
class PupilRow:
    id: int
    name: str
    class_label: str
    school: str
    home_institution_id: int
    pupil_id: int = 0
    cells: dict[int, tuple[Attendance | None, str | None]] = field(default_factory=dict)
    results: dict[int, str] = field(default_factory=dict)  # attestation id → result (journal.attestation)
    present: int = 0
    marked: int = 0

    @property
    def percent(self) -> int | None:
        return percent(self.present, self.marked)


def _head_columns():
    pupils = (select(func.count(Enrollment.id))
              .where(Enrollment.group_id == Group.id, Enrollment.status.in_(LISTED))
              .correlate(Group).scalar_subquery())
    return (Group.id, Group.name, Group.teacher_id, Group.provider_institution_id, Programme.id, Programme.title,
            Programme.grade_scale, Programme.hours, Programme.starts_on, Programme.ends_on, pupils)


def load_head_and_lessons(group_id: int) -> tuple[GroupHead, list[LessonColumn]]:
    """Statement 1: the group, its programme and lessons (404 when not in this network)."""
    rows = db.session.execute(
        select(*_head_columns(), Lesson.id, Lesson.held_on, Lesson.topic, Lesson.hours)
        .join(Programme, Programme.id == Group.programme_id)
        .outerjoin(Lesson, Lesson.group_id == Group.id)
        .where(Group.id == group_id)
        .order_by(Lesson.held_on, Lesson.id)
    ).all()
    if not rows:
        abort(404)
    head = GroupHead(*rows[0][:11])
    lessons = [LessonColumn(row[11], row[12], row[13], row[14]) for row in rows if row[11] is not None]
    return head, lessons


def access_to(head: GroupHead) -> Access | None:
    """What the current user may see of a group (None: nothing → 404). A home school's right is
    settled by its rows (``load_rows`` answers none for a school without pupils in the group)."""
    institution_id = current_user.institution_id
    if institution_id == head.provider_institution_id:
        if head.teacher_id == current_user.id:
            return Access.EDIT
        if has_role(*MANAGERS):
            return Access.FULL
    elif g.get("membership") is not None and has_role(*MANAGERS):
        return Access.OWN_ROWS
    if g.get("seat") is not None:
        return Access.AGGREGATES
    return None


def load_rows(head: GroupHead, lessons: list[LessonColumn], home_institution_id: int | None = None,
              lesson_id: int | None = None) -> list[PupilRow]:
    """Statement 2: the enrollments of the group (of one home school if given) with their marks (of one
    lesson if given: the per-lesson page). A row per pupil, its marks joined into one text
    («lesson:attendance:grade,…»): a grid of 30 × 40 comes as 30 rows, not 1 200 rows of 9 columns sorted."""
    marks = Mark.enrollment_id == Enrollment.id
    if lesson_id is not None:
        marks = and_(marks, Mark.lesson_id == lesson_id)
    mark = (cast(Mark.lesson_id, Text) + ":" + func.coalesce(type_coerce(Mark.attendance, Text), "") + ":"
            + func.coalesce(Mark.grade, ""))
    query = (select(Enrollment.id, Enrollment.pupil_name, Enrollment.class_label, Institution.short_name,
                    Enrollment.home_institution_id, Enrollment.pupil_id, joined_text(mark))
             .join(Institution, Institution.id == Enrollment.home_institution_id)
             .outerjoin(Mark, marks)
             .where(Enrollment.group_id == head.id, Enrollment.status.in_(LISTED))
             .group_by(Enrollment.id, Institution.id)
             .order_by(Enrollment.pupil_name, Enrollment.id))
    if home_institution_id is not None:
        query = query.where(Enrollment.home_institution_id == home_institution_id)
    columns = {lesson.id: lesson for lesson in lessons}
    rows: list[PupilRow] = []
    for (enrollment_id, name, class_label, school, home_id, pupil_id, joined) in db.session.execute(query):
        row = PupilRow(enrollment_id, name, class_label, school, home_id, pupil_id)
        rows.append(row)
        for text in joined.split(",") if joined else ():
            lesson_text, attendance_text, grade = text.split(":", 2)
            column = columns.get(int(lesson_text))
            if column is None:
                continue
            attendance = _ATTENDANCE.get(attendance_text)
            row.cells[column.id] = (attendance, grade or None)
            if attendance is not None:
                row.marked += 1
                column.marked += 1
                if attendance is Attendance.PRESENT:
                    row.present += 1
                    column.present += 1
    return rows


_ATTENDANCE = {attendance.value: attendance for attendance in Attendance}  # a stored value → the member


def record_reads_of_rows(kind: str, group_id: int, rows: list[PupilRow]) -> None:
    """The provider read other schools' pupils in these rows: their schools see it (one INSERT)."""
    record_pupil_reads(kind, group_id, ((row.home_institution_id, row.pupil_id) for row in rows))


def load_aggregates(head: GroupHead, lessons: list[LessonColumn]) -> None:
    """Statement 2 for a council seat: marks counted per lesson and attendance, no rows, no names."""
    columns = {lesson.id: lesson for lesson in lessons}
    counts = db.session.execute(
        select(Mark.lesson_id, Mark.attendance, func.count(Mark.id))
        .join(Enrollment, Enrollment.id == Mark.enrollment_id)
        .where(Mark.group_id == head.id, Mark.attendance.is_not(None), Enrollment.status.in_(LISTED))
        .group_by(Mark.lesson_id, Mark.attendance))
    for lesson_id, attendance, count in counts:
        column = columns.get(lesson_id)
        if column is None:
            continue
        column.marked += count
        if attendance is Attendance.PRESENT:
            column.present += count


@dataclass
class SavedCell:
    group: GroupHead
    lesson_id: int
    enrollment_id: int
    attendance: Attendance | None
    grade: str | None
    row_present: int
    row_marked: int
    column_present: int
    column_marked: int
    group_present: int = 0
    group_marked: int = 0

    @property
    def row_percent(self) -> int | None:
        return percent(self.row_present, self.row_marked)

    @property
    def column_percent(self) -> int | None:
        return percent(self.column_present, self.column_marked)

    @property
    def overall_percent(self) -> int | None:
        """The whole group's attendance, as the grid's corner and its heading show it."""
        return percent(self.group_present, self.group_marked)


def _count(*conditions):
    return select(func.count(Mark.id)).join(Enrollment, Enrollment.id == Mark.enrollment_id).where(
        Enrollment.status.in_(LISTED), *conditions).scalar_subquery()


@cache
def _cell_statement():
    """The statement of ``load_cell``, built once with bound parameters (building it — five counting
    subqueries — cost more than running it)."""
    lesson_id, enrollment_id = bindparam("lesson_id", type_=Integer), bindparam("enrollment_id", type_=Integer)
    present = Mark.attendance == Attendance.PRESENT
    marked = Mark.attendance.is_not(None)
    other_lessons = and_(Mark.enrollment_id == enrollment_id, Mark.lesson_id != lesson_id)
    other_pupils = and_(Mark.lesson_id == lesson_id, Mark.enrollment_id != enrollment_id)
    other_cells = and_(Mark.group_id == bindparam("group_id", type_=Integer),
                       or_(Mark.lesson_id != lesson_id, Mark.enrollment_id != enrollment_id))
    return (select(*_head_columns(), Enrollment.home_institution_id,
                   _count(other_lessons, present), _count(other_lessons, marked),
                   _count(other_pupils, present), _count(other_pupils, marked),
                   _count(other_cells, present), _count(other_cells, marked),
                   Enrollment.pupil_name, Enrollment.class_label, Lesson.held_on, Lesson.topic)
            .join(Programme, Programme.id == Group.programme_id)
            .join(Lesson, and_(Lesson.group_id == Group.id, Lesson.id == lesson_id))
            .join(Enrollment, and_(Enrollment.group_id == Group.id, Enrollment.id == enrollment_id,
                                   Enrollment.status.in_(LISTED)))
            .where(Group.id == bindparam("group_id", type_=Integer)))


def load_cell(group_id: int, lesson_id: int, enrollment_id: int):
    """Statement 1 of a save: the group, the cell (its lesson and enrollment must belong to the group)
    and the other marks of its row and column counted. 404 when any of them is not there."""
    row = db.session.execute(_cell_statement(), {"group_id": group_id, "lesson_id": lesson_id,
                                                 "enrollment_id": enrollment_id}).first()
    if row is None:
        abort(404)
    return GroupHead(*row[:11]), row[11], row[12:18]


def cell_subject(group_id: int, lesson_id: int, enrollment_id: int) -> dict:
    """Whose mark and of which lesson a cell's form is (the pupil's name, class, the lesson's date and topic):
    the same one statement as ``load_cell``."""
    row = db.session.execute(_cell_statement(), {"group_id": group_id, "lesson_id": lesson_id,
                                                 "enrollment_id": enrollment_id}).first()
    if row is None:
        abort(404)
    return {"head": GroupHead(*row[:11]), "home_institution_id": row[11], "counts": row[12:18],
            "pupil_name": row[18], "class_label": row[19], "held_on": row[20], "topic": row[21]}


def _upsert():
    dialect = db.session.get_bind().dialect.name
    return postgresql_insert if dialect == "postgresql" else sqlite_insert


def save_mark(head: GroupHead, lesson_id: int, enrollment_id: int, home_institution_id: int, code: str,
              counts) -> SavedCell | None:
    """Statement 2: one upsert (last write wins per cell). None when ``code`` is not of the scale."""
    change = apply_code(head.grade_scale, code, None, None)
    if change is None:
        return None
    attendance, grade = change
    now = datetime.now(UTC)
    values = {"attendance": attendance, "updated_at": now, "updated_by_id": current_user.id}
    if code != "present":
        values["grade"] = grade  # «present» keeps a grade already given
    insert = _upsert()
    statement = insert(Mark).values(network_id=g.network.id, lesson_id=lesson_id, enrollment_id=enrollment_id,
                                    group_id=head.id, home_institution_id=home_institution_id, grade=grade,
                                    attendance=attendance, updated_at=now, updated_by_id=current_user.id)
    statement = statement.on_conflict_do_update(index_elements=[Mark.lesson_id, Mark.enrollment_id], set_=values)
    saved_attendance, saved_grade = db.session.execute(
        statement.returning(Mark.attendance, Mark.grade)).one()
    row_present, row_marked, column_present, column_marked, group_present, group_marked = counts
    if saved_attendance is not None:
        is_present = saved_attendance is Attendance.PRESENT
        row_present, column_present = row_present + is_present, column_present + is_present
        row_marked, column_marked = row_marked + 1, column_marked + 1
        group_present, group_marked = group_present + is_present, group_marked + 1
    return SavedCell(head, lesson_id, enrollment_id, saved_attendance, saved_grade,
                     row_present, row_marked, column_present, column_marked, group_present, group_marked)
