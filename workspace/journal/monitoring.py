"""The journal's figure provider and computed source for the monitoring dashboard: attendance in network
groups by month and by provider, read as one grouped statement (a few hundred rows whatever the number of
marks), never a pupil's name."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, case, func, or_, select

from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.extensions import db
from workspace.journal.models import Attendance, Lesson, Mark
from workspace.monitoring.registry import (
    MONTHS,
    BoundScope,
    Figure,
    Headline,
    MonitoringScope,
    RowsTable,
    SectionContent,
    month_labels,
    percent,
    register_figure_rows,
    register_indicator_source,
    register_monitoring_rows,
    register_monitoring_section,
)
from workspace.programmes.models import Group


def attendance_rows(scope: MonitoringScope) -> list[tuple[int, int, int, str, int]]:
    """(start year of the academic year, month, provider, attendance, marks) of the lessons held in both
    years: one grouped read, by month in SQL (a few hundred rows whatever the number of marks)."""
    return scope.rows("attendance_rows")


def _attendance_rows(scope: BoundScope):
    year, month = func.extract("year", Lesson.held_on), func.extract("month", Lesson.held_on)
    query = (select(year, month, Group.provider_institution_id, Mark.attendance, func.count(Mark.id))
             .join(Lesson, and_(Lesson.id == Mark.lesson_id, Lesson.network_id == Mark.network_id))
             .join(Group, and_(Group.id == Mark.group_id, Group.network_id == Mark.network_id))
             .where(Mark.attendance.is_not(None), Lesson.held_on >= scope.previous.starts_on,
                    Lesson.held_on <= scope.year.ends_on)
             .group_by(year, month, Group.provider_institution_id, Mark.attendance))
    if scope.institution_id is not None:  # a school: its pupils' marks; a provider: its groups
        query = query.where(or_(Mark.home_institution_id == scope.institution_id,
                                Group.provider_institution_id == scope.institution_id))
    return query


def _attendance_values(_scope: MonitoringScope, rows) -> list[tuple[int, int, int, str, int]]:
    return [(int(calendar_year) - (int(month) < 9), int(month), provider, attendance.value, count)
            for calendar_year, month, provider, attendance, count in rows]


def attendance_group_rows(scope: MonitoringScope) -> RowsTable:
    """The network groups whose marks the attendance figures count, by academic year: marks and «присутствовал»
    per group — sums only, never a pupil. One statement, the same filter as attendance_rows."""
    calendar_year, month = func.extract("year", Lesson.held_on), func.extract("month", Lesson.held_on)
    present = func.sum(case((Mark.attendance == Attendance.PRESENT, 1), else_=0))
    query = (select(calendar_year, month, Group.name, Group.provider_institution_id, func.count(Mark.id), present)
             .join(Lesson, and_(Lesson.id == Mark.lesson_id, Lesson.network_id == Mark.network_id))
             .join(Group, and_(Group.id == Mark.group_id, Group.network_id == Mark.network_id))
             .where(Mark.attendance.is_not(None), Lesson.held_on >= scope.previous.starts_on,
                    Lesson.held_on <= scope.year.ends_on)
             .group_by(calendar_year, month, Group.id, Group.name, Group.provider_institution_id))
    if scope.institution_id is not None:
        query = query.where(or_(Mark.home_institution_id == scope.institution_id,
                                Group.provider_institution_id == scope.institution_id))
    totals: dict[tuple[int, str, int], list[int]] = defaultdict(lambda: [0, 0])
    for year, month_of, name, provider, marked, attended in db.session.execute(query):
        cell = totals[(int(year) - (int(month_of) < 9), name, provider)]
        cell[0], cell[1] = cell[0] + int(marked), cell[1] + int(attended or 0)
    names = scope.institution_names()
    rows = [[f"{start_year}/{start_year + 1}", name, names.get(provider, "—"), marked, attended,
             percent(attended, marked)]
            for (start_year, name, provider), (marked, attended)
            in sorted(totals.items(), key=lambda item: (-item[0][0], item[0][1]))]
    return RowsTable(_("Сетевые группы, из журналов которых посчитана посещаемость"),
                     [_("Учебный год"), _("Группа"), _("Организация"), _("Отметок посещаемости"),
                      _("Присутствовал"), _("Посещаемость, %")], rows,
                     _("Суммы отметок по группам, без имён обучающихся.") if scope.institution_id is None else
                     _("Для школы — отметки её обучающихся, для организации — отметки в её группах; суммы по "
                       "группам, без имён."))


def attendance_totals(scope: MonitoringScope) -> dict[int, dict[str, int]]:
    totals = {year.start_year: {"present": 0, "marked": 0} for year in scope.years}
    for start_year, _month, _provider, attendance, count in attendance_rows(scope):
        if start_year in totals:
            totals[start_year]["marked"] += count
            if attendance == "present":
                totals[start_year]["present"] += count
    return totals


def _attendance_share(total: dict[str, int]) -> float | None:
    return percent(total["present"], total["marked"])


def attendance_section(scope: MonitoringScope) -> SectionContent:
    by_month: dict[int, list[list[int]]] = {year.start_year: [[0, 0] for _month in MONTHS] for year in scope.years}
    by_provider: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for start_year, month, provider, attendance, count in attendance_rows(scope):
        if start_year not in by_month:
            continue
        present = count if attendance == "present" else 0
        cell = by_month[start_year][MONTHS.index(month)]
        cell[0], cell[1] = cell[0] + present, cell[1] + count
        cell = by_provider[provider][start_year]
        cell[0], cell[1] = cell[0] + present, cell[1] + count
    this, last = scope.year.start_year, scope.previous.start_year
    names = scope.institution_names()
    providers = sorted(by_provider, key=lambda provider: names.get(provider, ""))
    totals = attendance_totals(scope)

    def share(cell):
        return percent(cell[0], cell[1]) or 0
    monthly = Figure(
        "attendance-by-month", _("Посещаемость сетевых групп по месяцам, %"), "lines", _("Месяц"),
        month_labels(scope), [(scope.year.label, [percent(cell[0], cell[1]) for cell in by_month[this]]),
                               (scope.previous.label, [percent(cell[0], cell[1]) for cell in by_month[last]])],
        _("Доля отметок «присутствовал» среди всех отметок посещаемости занятий месяца; месяц без отметок — "
          "«нет данных» (разрыв линии), а не 0 %."), "%")
    per_provider = Figure(
        "attendance-by-provider", _("Посещаемость по организациям, ведущим группы, %"), "bars", _("Организация"),
        [names.get(provider, "—") for provider in providers],
        [(scope.year.label, [share(by_provider[p][this]) for p in providers]),
         (scope.previous.label, [share(by_provider[p][last]) for p in providers])],
        _("Доля отметок «присутствовал» на занятиях групп каждой организации, этот и прошлый учебный год."), "%")
    return SectionContent(
        headlines=[Headline(_("Посещаемость"), _attendance_share(totals[this]), _attendance_share(totals[last]), "%"),
                   Headline(_("Отметок посещаемости"), totals[this]["marked"], totals[last]["marked"])],
        figures=[monthly, per_provider],
        note=_("По журналам сетевых групп: отсутствие по уважительной причине тоже считается пропуском; занятия без "
               "отметки посещаемости не считаются. Показаны только суммы, без имён обучающихся.")
        if scope.institution_id is None else
        _("Для школы — отметки её обучающихся во всех сетевых группах, для организации — отметки в её группах. "
          "Отсутствие по уважительной причине тоже считается пропуском."))


register_figure_rows(("attendance-by-month", "attendance-by-provider"), attendance_group_rows)
register_monitoring_rows("attendance_rows", _attendance_rows, _attendance_values)
register_monitoring_section("attendance", _l("Посещаемость сетевых групп"), attendance_section, position=50)
register_indicator_source("attendance_percent", _l("Посещаемость сетевых групп"), "%",
                          lambda scope: tuple(_attendance_share(attendance_totals(scope)[year.start_year])
                                              for year in scope.years), position=100)
