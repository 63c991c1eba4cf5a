"""The projects' figure provider and computed source for the monitoring dashboard: network projects by
status in both years and the indicators of the approved ones, from one statement."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask_babel import format_date
from sqlalchemy import and_, or_, select

from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.monitoring.registry import (
    BoundScope,
    Figure,
    Headline,
    MonitoringScope,
    RowsTable,
    SectionContent,
    by_year,
    overlaps,
    percent,
    register_figure_rows,
    register_indicator_source,
    register_monitoring_rows,
    register_monitoring_section,
)
from workspace.projects.models import Project, ProjectIndicator, ProjectParticipant, ProjectStatus


def _project_filter(scope: MonitoringScope, query):
    if scope.institution_id is None:
        return query
    taking_part = select(ProjectParticipant.project_id).where(ProjectParticipant.institution_id == scope.institution_id)
    return query.where(or_(Project.lead_institution_id == scope.institution_id, Project.id.in_(taking_part)))


def _project_table(scope: MonitoringScope) -> list[tuple]:
    """Every project whose term touches either year, each with its indicators (outer-joined, in order):
    one read for the section's counts and its table of indicators."""
    return scope.rows("project_table")


def _project_rows(scope: BoundScope):
    query = (select(Project.id, Project.title, Project.status, Project.starts_on, Project.ends_on,
                    ProjectIndicator.name, ProjectIndicator.unit, ProjectIndicator.target_value,
                    ProjectIndicator.actual_value)
             .outerjoin(ProjectIndicator, and_(ProjectIndicator.project_id == Project.id,
                                               ProjectIndicator.network_id == Project.network_id))
             .where(Project.starts_on <= scope.year.ends_on, Project.ends_on >= scope.previous.starts_on)
             .order_by(Project.title, Project.id, ProjectIndicator.position, ProjectIndicator.id))
    return _project_filter(scope, query)


def project_rows(scope: MonitoringScope) -> list[tuple[str, date, date, int]]:
    """(status, starts_on, ends_on, 1) of each project whose term touches either year."""
    seen: dict[int, tuple[str, date, date, int]] = {}
    for project_id, _title, status, starts_on, ends_on, *_indicator in _project_table(scope):
        seen.setdefault(project_id, (status.value, starts_on, ends_on, 1))
    return list(seen.values())


def project_totals(scope: MonitoringScope) -> dict[int, int]:
    """start_year → approved projects whose term overlaps the year."""
    return {year.start_year: sum(count for status, starts_on, ends_on, count in project_rows(scope)
                                 if status == "approved" and overlaps(starts_on, ends_on, year))
            for year in scope.years}


def project_indicator_rows(scope: MonitoringScope) -> list[tuple[str, str, str, float, float | None]]:
    """(project, indicator, unit, target, actual) of the approved projects of the chosen year."""
    return [(title, name, unit, target, actual)
            for _id, title, status, starts_on, ends_on, name, unit, target, actual in _project_table(scope)
            if name is not None and status.value == "approved" and starts_on <= scope.year.ends_on
            and ends_on >= scope.year.starts_on]


def projects_rows_table(scope: MonitoringScope) -> RowsTable:
    """The projects the figures count (a draft without its title), from the section's own statement."""
    seen: dict[int, list] = {}
    for project_id, title, status, starts_on, ends_on, *_indicator in _project_table(scope):
        seen.setdefault(project_id, [
            _("черновик") if status is ProjectStatus.DRAFT else title, label(status),
            f"{format_date(starts_on, 'dd.MM.yyyy')} — {format_date(ends_on, 'dd.MM.yyyy')}",
            ", ".join(year.label for year in scope.years if overlaps(starts_on, ends_on, year))])
    return RowsTable(_("Сетевые проекты, из которых посчитано"),
                     [_("Проект"), _("Состояние"), _("Сроки"), _("Идёт в учебном году")], list(seen.values()),
                     _("Проекты, срок которых пересекается с этим или прошлым учебным годом."))


def projects_section(scope: MonitoringScope) -> SectionContent:
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for status, starts_on, ends_on, count in project_rows(scope):
        for year in scope.years:
            if overlaps(starts_on, ends_on, year):
                counts[status][year.start_year] += count
    statuses = [status for status in ProjectStatus if counts[status.value]]
    this, last = scope.year.start_year, scope.previous.start_year
    by_status = Figure(
        "projects-by-status", _("Сетевые проекты по состоянию"), "bars", _("Состояние"),
        [label(status) for status in statuses],
        [(scope.year.label, [counts[s.value][this] for s in statuses]),
         (scope.previous.label, [counts[s.value][last] for s in statuses])],
        _("Число сетевых проектов, срок которых пересекается с учебным годом, по их состоянию сегодня."))
    indicators = project_indicator_rows(scope)
    table = Figure(
        "projects-indicators", _("Показатели утверждённых проектов, %(year)s", year=scope.year.label), "table",
        _("Проект"), [title for title, *_rest in indicators],
        [(_("Показатель"), [f"{name}, {unit}" if unit else name for _t, name, unit, _target, _actual in indicators]),
         (_("План"), [target for *_rest, target, _actual in indicators]),
         (_("Факт"), [actual for *_rest, actual in indicators]),
         (_("Выполнение, %"), [percent(actual, target) if actual is not None else None
                               for *_rest, target, actual in indicators])],
        _("Плановые и фактические значения показателей утверждённых проектов этого учебного года."))
    totals = project_totals(scope)
    met = [row for row in indicators if row[4] is not None and row[3] and row[4] >= row[3]]
    return SectionContent(
        headlines=[Headline(_("Утверждённых проектов"), totals[this], totals[last], _("шт.")),
                   Headline(_("Показателей проектов достигнуто"), len(met), None, _("из %(count)s", count=len(indicators)))],
        figures=[by_status, table],
        note="" if scope.institution_id is None else _("Проекты, которые учреждение ведёт или в которых участвует."))


register_figure_rows(("projects-by-status", "projects-indicators"), projects_rows_table)
register_monitoring_rows("project_table", _project_rows, lambda _scope, rows: [tuple(row) for row in rows])
register_monitoring_section("projects", _l("Сетевые проекты"), projects_section, position=40)
register_indicator_source("projects_approved", _l("Утверждённых сетевых проектов"), "шт.", by_year(project_totals),
                          position=90)
