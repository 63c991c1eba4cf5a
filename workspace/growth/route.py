"""The individual educational route of a pupil (индивидуальный образовательный маршрут) and the portfolio: over
the academic years, the network programmes and groups the pupil was enrolled in, the achievements and the
documents of completion. Read as the home school, in a fixed number of statements (column tuples).

Diagnostics (входная, промежуточная, итоговая диагностика) are kept by the monitoring area: ``route_diagnostics``
is the one place the route takes them from; it answers nothing until that area gives it its rows, and the page and
the document show no diagnostics section while it is empty."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from flask import g
from sqlalchemy import select

from tenants.models import Institution
from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.growth.models import AchievementResult
from workspace.growth.queries import school_achievements
from workspace.journal.models import Certificate
from workspace.monitoring.diagnostics import pupil_diagnostics
from workspace.programmes.models import Enrollment, Group, Programme
from workspace.pupils.models import Pupil


@dataclass
class RouteYear:
    year: AcademicYear
    enrollments: list = field(default_factory=list)
    achievements: list = field(default_factory=list)
    certificates: list = field(default_factory=list)
    diagnostics: list = field(default_factory=list)


@dataclass
class Portfolio:
    pupil: Pupil
    achievements: list
    years: list[RouteYear]

    @property
    def results(self) -> Counter:
        return Counter(row.result for row in self.achievements)

    @property
    def winners(self) -> int:
        return self.results[AchievementResult.WINNER]

    @property
    def prize_winners(self) -> int:
        return self.results[AchievementResult.PRIZE_WINNER]

    @property
    def recorders(self) -> list[str]:
        """The institutions that entered the pupil's achievements (the school and providers), in order of name."""
        return sorted({row.recorder for row in self.achievements})


def route_diagnostics(pupil: Pupil) -> list:
    """Diagnostics of the pupil entered by the home school (``workspace.monitoring.diagnostics``), as rows with
    ``.day`` (the measurement point's date), ``.title`` (the indicator), ``.level``, ``.score`` and ``.note``."""
    return pupil_diagnostics(pupil.id)


def _enrollments(pupil: Pupil):
    return db.session.execute(
        select(Enrollment.id, Enrollment.status, Enrollment.created_at, Programme.title, Programme.direction,
               Programme.starts_on, Institution.short_name.label("provider"), Group.name.label("group_name"))
        .join(Programme, Programme.id == Enrollment.programme_id)
        .join(Institution, Institution.id == Programme.provider_institution_id)
        .outerjoin(Group, Group.id == Enrollment.group_id)
        .where(Enrollment.home_institution_id == g.institution.id, Enrollment.pupil_id == pupil.id)
        .order_by(Enrollment.created_at, Enrollment.id)).all()


def _certificates(pupil: Pupil):
    return db.session.execute(
        select(Certificate.year, Certificate.number, Certificate.issued_on, Certificate.programme_title,
               Certificate.hours, Certificate.result, Institution.short_name.label("provider"))
        .join(Enrollment, Enrollment.id == Certificate.enrollment_id)
        .join(Institution, Institution.id == Certificate.provider_institution_id)
        .where(Certificate.home_institution_id == g.institution.id, Enrollment.pupil_id == pupil.id)
        .order_by(Certificate.issued_on)).all()


def _year_of(day: date) -> int:
    return AcademicYear.containing(day).start_year


def portfolio_of(pupil: Pupil) -> Portfolio:
    """The pupil's achievements (newest first) and route, by academic year (newest first)."""
    achievements = db.session.execute(school_achievements(pupil.id)).all()
    years: dict[int, RouteYear] = {}

    def year(start: int) -> RouteYear:
        return years.setdefault(start, RouteYear(AcademicYear(start)))

    for row in _enrollments(pupil):
        year(_year_of(row.starts_on or row.created_at.date())).enrollments.append(row)
    for row in achievements:
        year(_year_of(row.achieved_on)).achievements.append(row)
    for row in _certificates(pupil):
        year(_year_of(row.issued_on)).certificates.append(row)
    for row in route_diagnostics(pupil):
        year(_year_of(row.day)).diagnostics.append(row)
    return Portfolio(pupil, achievements, [years[start] for start in sorted(years, reverse=True)])
