"""The programmes' figure provider and computed source for the monitoring dashboard: the coverage of pupils
by network programmes (unique pupils enrolled, by school and class; a school's share of its own active
pupils). Enrolments and the pupils' registry are read as grouped counts only, never a pupil's name."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, case, func, or_, select

from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.extensions import db
from workspace.monitoring.registry import (
    BoundScope,
    Figure,
    Headline,
    MonitoringScope,
    RowsTable,
    SectionContent,
    by_year,
    percent,
    register_figure_rows,
    register_indicator_source,
    register_monitoring_rows,
    register_monitoring_section,
)
from workspace.programmes.models import Enrollment, EnrollmentStatus, Programme
from workspace.pupils.models import Pupil, grade_of


def coverage_pupil_rows(scope: MonitoringScope) -> list[tuple[int, str, int, int]]:
    """(home school, class label, unique pupils this year, unique pupils last year) of the enrolled or
    completed enrolments whose programme's period overlaps the year: one grouped read."""
    return scope.rows("coverage_pupil_rows")


def _in_year(year):
    return case((and_(or_(Programme.starts_on.is_(None), Programme.starts_on <= year.ends_on),
                      or_(Programme.ends_on.is_(None), Programme.ends_on >= year.starts_on)),
                 Enrollment.pupil_id))


def _coverage_rows(scope: BoundScope):
    query = (select(Enrollment.home_institution_id, Enrollment.class_label,
                    func.count(_in_year(scope.year).distinct()), func.count(_in_year(scope.previous).distinct()))
             .join(Programme, and_(Programme.id == Enrollment.programme_id,
                                   Programme.network_id == Enrollment.network_id))
             .where(Enrollment.status.in_([EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED]))
             .group_by(Enrollment.home_institution_id, Enrollment.class_label))
    if scope.institution_id is not None:
        query = query.where(or_(Enrollment.home_institution_id == scope.institution_id,
                                Programme.provider_institution_id == scope.institution_id))
    return query


def _coverage_values(_scope: MonitoringScope, rows) -> list[tuple[int, str, int, int]]:
    return [(home, class_label, int(this or 0), int(last or 0)) for home, class_label, this, last in rows]


def coverage_programme_rows(scope: MonitoringScope) -> RowsTable:
    """The programmes whose enrolments the pupils' figures count, by home school and class: numbers of pupils
    only — no pupil is named here, whoever reads it. One statement, the same filter as coverage_pupil_rows (a
    pupil in two programmes is in two rows, once in the figures)."""
    query = (select(Programme.title, Enrollment.home_institution_id, Enrollment.class_label,
                    func.count(_in_year(scope.year).distinct()), func.count(_in_year(scope.previous).distinct()))
             .join(Programme, and_(Programme.id == Enrollment.programme_id,
                                   Programme.network_id == Enrollment.network_id))
             .where(Enrollment.status.in_([EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED]))
             .group_by(Programme.id, Programme.title, Enrollment.home_institution_id, Enrollment.class_label)
             .order_by(Programme.title, Enrollment.home_institution_id, Enrollment.class_label))
    if scope.institution_id is not None:
        query = query.where(or_(Enrollment.home_institution_id == scope.institution_id,
                                Programme.provider_institution_id == scope.institution_id))
    names = scope.institution_names()
    rows = [[title, names.get(home, "—"), class_label or "—", int(this or 0), int(last or 0)]
            for title, home, class_label, this, last in db.session.execute(query) if this or last]
    return RowsTable(_("Программы, зачисления в которые посчитаны"),
                     [_("Программа"), _("Школа"), _("Класс"), scope.year.label, scope.previous.label], rows,
                     _("Число зачисленных (и окончивших) обучающихся по программам, школам и классам — без имён. "
                       "Обучающийся двух программ здесь в двух строках, в диаграммах — один раз."))


def own_pupils(scope: MonitoringScope) -> dict[int | None, int]:
    """grade → active pupils of the institution (its own registry; empty on a network's dashboard)."""
    return scope.rows("own_pupils")


def _own_pupils(scope: BoundScope):
    if scope.institution_id is None:
        return None
    return (select(Pupil.grade, func.count(Pupil.id))
            .where(Pupil.institution_id == scope.institution_id, Pupil.is_active.is_(True)).group_by(Pupil.grade))


def pupil_totals(scope: MonitoringScope) -> dict[int, int]:
    """start_year → unique pupils covered (a pupil has one home school and one class in a year)."""
    rows = coverage_pupil_rows(scope)
    return {scope.year.start_year: sum(row[2] for row in rows), scope.previous.start_year: sum(row[3] for row in rows)}


def pupils_section(scope: MonitoringScope) -> SectionContent:
    rows = coverage_pupil_rows(scope)
    names = scope.institution_names()
    by_school: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_grade: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    own_by_grade: dict[int | None, int] = defaultdict(int)
    for home, class_label, this_count, last_count in rows:
        for target in (by_school[home], by_grade[grade_of(class_label or "")]):
            target[0] += this_count
            target[1] += last_count
        if home == scope.institution_id:
            own_by_grade[grade_of(class_label or "")] += this_count
    pupils = own_pupils(scope)
    schools = sorted(by_school, key=lambda school: names.get(school, ""))
    grades = sorted(set(by_grade) | set(pupils), key=lambda grade: (grade is None, grade or 0))
    totals = pupil_totals(scope)
    this, last = scope.year.start_year, scope.previous.start_year
    series = [(scope.year.label, [by_grade[g][0] for g in grades]), (scope.previous.label, [by_grade[g][1] for g in grades])]
    if pupils:
        series.append((_("Обучающихся школы"), [pupils.get(g, 0) for g in grades]))
    by_class = Figure(
        "pupils-by-class", _("Охваченные обучающиеся по классам"), "bars", _("Класс"),
        [(_("%(grade)s класс", grade=grade) if grade else _("без класса")) for grade in grades], series,
        _("Число разных обучающихся, зачисленных в сетевые группы (в том числе окончивших программу), по классам."))
    per_school = Figure(
        "pupils-by-school", _("Охваченные обучающиеся по школам"), "bars", _("Школа"),
        [names.get(school, "—") for school in schools],
        [(scope.year.label, [by_school[s][0] for s in schools]), (scope.previous.label, [by_school[s][1] for s in schools])],
        _("Число разных обучающихся каждой школы, зачисленных в сетевые группы, этот и прошлый учебный год."))
    headlines = [Headline(_("Обучающихся охвачено сетевыми программами"), totals[this], totals[last], _("чел."))]
    active = sum(pupils.values())
    if active:
        covered = sum(own_by_grade.values())
        headlines.append(Headline(_("Доля охваченных обучающихся школы"), percent(covered, active), None, "%"))
    if scope.institution_id is None:
        note = _("Считаются разные обучающиеся, зачисленные в сетевые группы или окончившие программу, период которой "
                 "пересекается с учебным годом. Число обучающихся школ на панели сети недоступно (списки обучающихся "
                 "видит только их школа), поэтому доля охвата не показана — только число зачисленных.")
    else:
        note = _("Обучающиеся учреждения и зачисленные в его программы. Доля охвата считается от числа активных "
                 "обучающихся по реестру школы (сегодня).")
    return SectionContent(headlines=headlines, figures=[per_school, by_class], note=note)


register_figure_rows(("pupils-by-class", "pupils-by-school"), coverage_programme_rows)
register_monitoring_rows("coverage_pupil_rows", _coverage_rows, _coverage_values)
register_monitoring_rows("own_pupils", _own_pupils, lambda _scope, rows: dict(rows))
register_monitoring_section("pupils", _l("Охват обучающихся сетевыми программами"), pupils_section, position=25)
register_indicator_source("pupils_covered", _l("Обучающихся охвачено сетевыми программами"), "чел.",
                          by_year(pupil_totals), position=70)
