"""The half-year report of a school: attendance and progress of its pupils in every network group
(the report the regulation of network programmes requires), read as column tuples."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from tenants.models import Institution
from workspace.core.dates import AcademicYear, local_today
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.extensions import db
from workspace.journal.attestation import result_label
from workspace.journal.models import Attendance, AttestationResult, Lesson, Mark
from workspace.journal.scales import GRADE_LABELS, grade_value, percent
from workspace.programmes.models import Attestation, Enrollment, EnrollmentStatus, GradeScale, Group, Programme

REPORTED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.WITHDRAWN)


@dataclass(frozen=True)
class HalfYear:
    start_year: int
    half: int  # 1: 1 Sep – 31 Dec; 2: 1 Jan – 31 Aug

    @classmethod
    def parse(cls, text: str | None) -> HalfYear:
        try:
            year, half = (text or "").split("-")
            chosen = cls(int(year), int(half))
            if chosen.half in (1, 2) and 2000 <= chosen.start_year <= 2100:
                return chosen
        except ValueError:
            pass
        return cls.current()

    @classmethod
    def current(cls, today: date | None = None) -> HalfYear:
        today = today or local_today()
        return cls(AcademicYear.containing(today).start_year, 1 if today.month >= 9 else 2)

    @property
    def starts_on(self) -> date:
        return date(self.start_year, 9, 1) if self.half == 1 else date(self.start_year + 1, 1, 1)

    @property
    def ends_on(self) -> date:
        return date(self.start_year, 12, 31) if self.half == 1 else date(self.start_year + 1, 8, 31)

    @property
    def key(self) -> str:
        return f"{self.start_year}-{self.half}"

    @property
    def label(self) -> str:
        name = _("I полугодие") if self.half == 1 else _("II полугодие")
        return f"{name} {self.start_year}/{self.start_year + 1}"

    def choices(self) -> list[tuple[str, str]]:
        current = HalfYear.current()
        found = []
        for year in (current.start_year, current.start_year - 1):
            for half in (2, 1):
                found.append(HalfYear(year, half))
        if self not in found:
            found.insert(0, self)
        return [(half.key, half.label) for half in found]


@dataclass
class ReportRow:
    enrollment_id: int
    pupil_name: str
    class_label: str
    programme_title: str
    group_name: str
    provider: str
    scale: GradeScale
    status: EnrollmentStatus
    lessons: int = 0
    present: int = 0
    absent: int = 0
    excused: int = 0
    grades: dict[str, int] = field(default_factory=dict)
    attestations: list[str] = field(default_factory=list)  # «итоговая, защита проекта 20.05.2027: зачтено»

    @property
    def attestation(self) -> str:
        return "; ".join(self.attestations)

    @property
    def marked(self) -> int:
        return self.present + self.absent + self.excused

    @property
    def percent(self) -> int | None:
        return percent(self.present, self.marked)

    @property
    def progress(self) -> str:
        """Average for five-point grades, otherwise the counts of each grade («зачёт: 3»)."""
        if not self.grades:
            return ""
        if self.scale is GradeScale.FIVE_POINT:
            total = sum(grade_value(grade) * n for grade, n in self.grades.items())
            return _("средний балл %(value)s", value=f"{total / sum(self.grades.values()):.1f}".replace(".", ","))
        return ", ".join(f"{GRADE_LABELS[grade]}: {n}" for grade, n in sorted(self.grades.items()))


def school_report(institution_id: int, period: HalfYear) -> list[ReportRow]:
    """Four statements: the school's enrollments in groups, lessons per group in the period, marks counted, the
    results of attestations held in the period."""
    provider = Institution.__table__.alias("provider")
    rows: dict[int, ReportRow] = {}
    by_group: dict[int, list[ReportRow]] = defaultdict(list)
    for (enrollment_id, name, class_label, status, group_id, group_name, title, scale,
         provider_name) in db.session.execute(
            select(Enrollment.id, Enrollment.pupil_name, Enrollment.class_label, Enrollment.status, Group.id, Group.name,
                   Programme.title, Programme.grade_scale, provider.c.short_name)
            .join(Group, Group.id == Enrollment.group_id)
            .join(Programme, Programme.id == Group.programme_id)
            .join(provider, provider.c.id == Group.provider_institution_id)
            .where(Enrollment.home_institution_id == institution_id, Enrollment.status.in_(REPORTED))
            .order_by(Programme.title, Group.name, Enrollment.pupil_name)):
        row = ReportRow(enrollment_id, name, class_label, title, group_name, provider_name, scale, status)
        rows[enrollment_id] = row
        by_group[group_id].append(row)
    if not rows:
        return []
    in_period = Lesson.held_on.between(period.starts_on, period.ends_on)
    for group_id, count in db.session.execute(
            select(Lesson.group_id, func.count(Lesson.id)).where(Lesson.group_id.in_(list(by_group)), in_period)
            .group_by(Lesson.group_id)):
        for row in by_group[group_id]:
            row.lessons = count
    for enrollment_id, attendance, grade, count in db.session.execute(
            select(Mark.enrollment_id, Mark.attendance, Mark.grade, func.count(Mark.id))
            .join(Lesson, Lesson.id == Mark.lesson_id)
            .where(Mark.home_institution_id == institution_id, in_period)
            .group_by(Mark.enrollment_id, Mark.attendance, Mark.grade)):
        row = rows.get(enrollment_id)
        if row is None:
            continue
        if attendance is Attendance.PRESENT:
            row.present += count
        elif attendance is Attendance.ABSENT:
            row.absent += count
        elif attendance is Attendance.EXCUSED:
            row.excused += count
        if grade:
            row.grades[grade] = row.grades.get(grade, 0) + count
    _add_attestations(institution_id, period, rows)
    return list(rows.values())


def _add_attestations(institution_id: int, period: HalfYear, rows: dict[int, ReportRow]) -> None:
    """Statement 4: the school's pupils' results of the attestations held in the period."""
    for enrollment_id, kind, form, title, held_on, result in db.session.execute(
            select(AttestationResult.enrollment_id, Attestation.kind, Attestation.form, Attestation.title,
                   Attestation.held_on, AttestationResult.result)
            .join(Attestation, Attestation.id == AttestationResult.attestation_id)
            .where(AttestationResult.home_institution_id == institution_id,
                   Attestation.held_on.between(period.starts_on, period.ends_on))
            .order_by(Attestation.held_on, Attestation.id)):
        row = rows.get(enrollment_id)
        if row is not None:
            what = title or label(form)
            row.attestations.append(f"{label(kind)}, {what} {held_on:%d.%m.%Y}: {result_label(result)}")
