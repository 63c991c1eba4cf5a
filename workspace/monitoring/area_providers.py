"""Figure providers and computed sources for the areas merged after the first dashboard: agreements in
force, network projects with their indicators, attendance in network groups (the journal) and the
coverage of pupils by network programmes. Each reads a fixed number of grouped statements covering the
chosen year and the previous one at once; the journal and enrolments are read as aggregates only, never
a pupil's name."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import and_, case, func, or_, select

from workspace.core.labels import label
from workspace.extensions import db
from workspace.monitoring.providers import MONTHS, _month_labels
from workspace.monitoring.registry import (Figure, Headline, MonitoringScope, SectionContent,
                                           register_indicator_source, register_section)


def _percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _overlaps(starts_on: date | None, ends_on: date | None, year) -> bool:
    """A term (open where a date is missing) overlaps the academic year."""
    return (starts_on is None or starts_on <= year.ends_on) and (ends_on is None or ends_on >= year.starts_on)


# ---------------------------------------------------------------- agreements in force

IN_FORCE = ("active", "expired", "terminated")


def agreement_rows(scope: MonitoringScope) -> list[tuple[str, str, date, date, date | None, int]]:
    """(kind, status, starts_on, ends_on, terminated_on, count) of every agreement of the scope: one
    statement (the status now counts all of them, the years pick those in force)."""
    from workspace.agreements.models import Agreement, AgreementParty

    def compute():
        query = (select(Agreement.kind, Agreement.status, Agreement.starts_on, Agreement.ends_on,
                        Agreement.terminated_on, func.count(Agreement.id))
                 .group_by(Agreement.kind, Agreement.status, Agreement.starts_on, Agreement.ends_on,
                           Agreement.terminated_on))
        if scope.institution_id is not None:
            parties = select(AgreementParty.agreement_id).where(AgreementParty.institution_id == scope.institution_id)
            query = query.where(Agreement.id.in_(parties))
        return [(kind.value, status.value, starts_on, ends_on, terminated_on, count)
                for kind, status, starts_on, ends_on, terminated_on, count in db.session.execute(query)]
    return scope.cached("agreement_rows", compute)


def _in_force(row, year) -> bool:
    _kind, status, starts_on, ends_on, terminated_on, _count = row
    if status not in IN_FORCE:
        return False
    if status == "terminated" and terminated_on is not None:
        ends_on = min(ends_on, terminated_on)  # in force until it was terminated
    return _overlaps(starts_on, ends_on, year)


def agreement_totals(scope: MonitoringScope) -> dict[int, int]:
    return {year.start_year: sum(row[-1] for row in agreement_rows(scope) if _in_force(row, year))
            for year in scope.years}


def agreements_section(scope: MonitoringScope) -> SectionContent:
    from workspace.agreements.models import AgreementKind, AgreementStatus
    rows = agreement_rows(scope)
    by_kind: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    now: dict[str, int] = defaultdict(int)
    today = date.today()
    for row in rows:
        kind, status, _starts_on, ends_on, _terminated_on, count = row
        for year in scope.years:
            if _in_force(row, year):
                by_kind[kind][year.start_year] += count
        now["expired" if status == "active" and ends_on < today else status] += count
    this, last = scope.year.start_year, scope.previous.start_year
    kinds = [kind for kind in AgreementKind if by_kind[kind.value]]
    statuses = [status for status in AgreementStatus if now[status.value]]
    totals = agreement_totals(scope)
    by_kind_figure = Figure(
        "agreements-by-kind", _("Действующие договоры по видам"), "bars", _("Вид договора"),
        [label(kind) for kind in kinds],
        [(scope.year.label, [by_kind[k.value][this] for k in kinds]),
         (scope.previous.label, [by_kind[k.value][last] for k in kinds])],
        _("Число договоров, действовавших в учебном году (срок действия пересекается с годом), по видам."))
    by_status = Figure(
        "agreements-by-status", _("Договоры по состоянию на сегодня"), "bars", _("Состояние"),
        [label(status) for status in statuses], [(_("Договоров"), [now[s.value] for s in statuses])],
        _("Все договоры по их состоянию сегодня: черновики, на подписании, действующие, истёкшие, расторгнутые."))
    return SectionContent(
        headlines=[Headline(_("Договоров действовало"), totals[this], totals[last], _("шт."))],
        figures=[by_kind_figure, by_status],
        note=_("Договор считается действовавшим в году, если он действует, истёк или расторгнут и срок его действия "
               "(для расторгнутого — до даты расторжения) пересекается с учебным годом.")
        if scope.institution_id is None else
        _("Договоры, стороной которых является учреждение. Договор считается действовавшим в году, если срок его "
          "действия (для расторгнутого — до даты расторжения) пересекается с учебным годом."))


# ---------------------------------------------------------------- network projects

def _project_filter(scope: MonitoringScope, query):
    from workspace.projects.models import Project, ProjectParticipant
    if scope.institution_id is None:
        return query
    taking_part = select(ProjectParticipant.project_id).where(ProjectParticipant.institution_id == scope.institution_id)
    return query.where(or_(Project.lead_institution_id == scope.institution_id, Project.id.in_(taking_part)))


def _project_table(scope: MonitoringScope) -> list[tuple]:
    """Every project whose term touches either year, each with its indicators (outer-joined, in order):
    one statement for the section's counts and its table of indicators."""
    from workspace.projects.models import Project, ProjectIndicator

    def compute():
        query = (select(Project.id, Project.title, Project.status, Project.starts_on, Project.ends_on,
                        ProjectIndicator.name, ProjectIndicator.unit, ProjectIndicator.target_value,
                        ProjectIndicator.actual_value)
                 .outerjoin(ProjectIndicator, and_(ProjectIndicator.project_id == Project.id,
                                                   ProjectIndicator.network_id == Project.network_id))
                 .where(Project.starts_on <= scope.year.ends_on, Project.ends_on >= scope.previous.starts_on)
                 .order_by(Project.title, Project.id, ProjectIndicator.position, ProjectIndicator.id))
        return [tuple(row) for row in db.session.execute(_project_filter(scope, query))]
    return scope.cached("project_table", compute)


def project_rows(scope: MonitoringScope) -> list[tuple[str, date, date, int]]:
    """(status, starts_on, ends_on, 1) of each project whose term touches either year."""
    seen: dict[int, tuple[str, date, date, int]] = {}
    for project_id, _title, status, starts_on, ends_on, *_indicator in _project_table(scope):
        seen.setdefault(project_id, (status.value, starts_on, ends_on, 1))
    return list(seen.values())


def project_totals(scope: MonitoringScope) -> dict[int, int]:
    """start_year → approved projects whose term overlaps the year."""
    return {year.start_year: sum(count for status, starts_on, ends_on, count in project_rows(scope)
                                 if status == "approved" and _overlaps(starts_on, ends_on, year))
            for year in scope.years}


def project_indicator_rows(scope: MonitoringScope) -> list[tuple[str, str, str, float, float | None]]:
    """(project, indicator, unit, target, actual) of the approved projects of the chosen year."""
    return [(title, name, unit, target, actual)
            for _id, title, status, starts_on, ends_on, name, unit, target, actual in _project_table(scope)
            if name is not None and status.value == "approved" and starts_on <= scope.year.ends_on
            and ends_on >= scope.year.starts_on]


def projects_section(scope: MonitoringScope) -> SectionContent:
    from workspace.projects.models import ProjectStatus
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for status, starts_on, ends_on, count in project_rows(scope):
        for year in scope.years:
            if _overlaps(starts_on, ends_on, year):
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
         (_("Выполнение, %"), [_percent(actual, target) if actual is not None else None
                               for *_rest, target, actual in indicators])],
        _("Плановые и фактические значения показателей утверждённых проектов этого учебного года."))
    totals = project_totals(scope)
    met = [row for row in indicators if row[4] is not None and row[3] and row[4] >= row[3]]
    return SectionContent(
        headlines=[Headline(_("Утверждённых проектов"), totals[this], totals[last], _("шт.")),
                   Headline(_("Показателей проектов достигнуто"), len(met), None, _("из %(count)s", count=len(indicators)))],
        figures=[by_status, table],
        note="" if scope.institution_id is None else _("Проекты, которые учреждение ведёт или в которых участвует."))


# ---------------------------------------------------------------- attendance in network groups

def attendance_rows(scope: MonitoringScope) -> list[tuple[int, int, int, str, int]]:
    """(start year of the academic year, month, provider, attendance, marks) of the lessons held in both
    years: one statement, grouped by month in SQL (a few hundred rows whatever the number of marks)."""
    from workspace.journal.models import Lesson, Mark
    from workspace.programmes.models import Group

    def compute():
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
        return [(int(calendar_year) - (int(month) < 9), int(month), provider, attendance.value, count)
                for calendar_year, month, provider, attendance, count in db.session.execute(query)]
    return scope.cached("attendance_rows", compute)


def attendance_totals(scope: MonitoringScope) -> dict[int, dict[str, int]]:
    totals = {year.start_year: {"present": 0, "marked": 0} for year in scope.years}
    for start_year, _month, _provider, attendance, count in attendance_rows(scope):
        if start_year in totals:
            totals[start_year]["marked"] += count
            if attendance == "present":
                totals[start_year]["present"] += count
    return totals


def _attendance_share(total: dict[str, int]) -> float | None:
    return _percent(total["present"], total["marked"])


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
        return _percent(cell[0], cell[1]) or 0
    monthly = Figure(
        "attendance-by-month", _("Посещаемость сетевых групп по месяцам, %"), "lines", _("Месяц"),
        _month_labels(scope), [(scope.year.label, [share(cell) for cell in by_month[this]]),
                               (scope.previous.label, [share(cell) for cell in by_month[last]])],
        _("Доля отметок «присутствовал» среди всех отметок посещаемости занятий месяца; месяц без отметок "
          "показан нулём."), "%")
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


# ---------------------------------------------------------------- pupils covered by network programmes

def coverage_pupil_rows(scope: MonitoringScope) -> list[tuple[int, str, int, int]]:
    """(home school, class label, unique pupils this year, unique pupils last year) of the enrolled or
    completed enrolments whose programme's period overlaps the year: one statement."""
    from workspace.programmes.models import Enrollment, EnrollmentStatus, Programme

    def in_year(year):
        return case((and_(or_(Programme.starts_on.is_(None), Programme.starts_on <= year.ends_on),
                          or_(Programme.ends_on.is_(None), Programme.ends_on >= year.starts_on)),
                     Enrollment.pupil_id))

    def compute():
        query = (select(Enrollment.home_institution_id, Enrollment.class_label,
                        func.count(in_year(scope.year).distinct()), func.count(in_year(scope.previous).distinct()))
                 .join(Programme, and_(Programme.id == Enrollment.programme_id,
                                       Programme.network_id == Enrollment.network_id))
                 .where(Enrollment.status.in_([EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED]))
                 .group_by(Enrollment.home_institution_id, Enrollment.class_label))
        if scope.institution_id is not None:
            query = query.where(or_(Enrollment.home_institution_id == scope.institution_id,
                                    Programme.provider_institution_id == scope.institution_id))
        return [(home, class_label, int(this or 0), int(last or 0))
                for home, class_label, this, last in db.session.execute(query)]
    return scope.cached("coverage_pupil_rows", compute)


def own_pupils(scope: MonitoringScope) -> dict[int | None, int]:
    """grade → active pupils of the institution (its own registry; empty on a network's dashboard)."""
    if scope.institution_id is None:
        return {}
    from workspace.pupils.models import Pupil

    def compute():
        return dict(db.session.execute(select(Pupil.grade, func.count(Pupil.id)).where(
            Pupil.institution_id == scope.institution_id, Pupil.is_active.is_(True)).group_by(Pupil.grade)).all())
    return scope.cached("own_pupils", compute)


def pupil_totals(scope: MonitoringScope) -> dict[int, int]:
    """start_year → unique pupils covered (a pupil has one home school and one class in a year)."""
    rows = coverage_pupil_rows(scope)
    return {scope.year.start_year: sum(row[2] for row in rows), scope.previous.start_year: sum(row[3] for row in rows)}


def pupils_section(scope: MonitoringScope) -> SectionContent:
    from workspace.pupils.models import grade_of
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
        headlines.append(Headline(_("Доля охваченных обучающихся школы"), _percent(covered, active), None, "%"))
    if scope.institution_id is None:
        note = _("Считаются разные обучающиеся, зачисленные в сетевые группы или окончившие программу, период которой "
                 "пересекается с учебным годом. Число обучающихся школ на панели сети недоступно (списки обучающихся "
                 "видит только их школа), поэтому доля охвата не показана — только число зачисленных.")
    else:
        note = _("Обучающиеся учреждения и зачисленные в его программы. Доля охвата считается от числа активных "
                 "обучающихся по реестру школы (сегодня).")
    return SectionContent(headlines=headlines, figures=[per_school, by_class], note=note)


# ---------------------------------------------------------------- registration

def register() -> None:
    register_section("pupils", _l("Охват обучающихся сетевыми программами"), pupils_section, order=25)
    register_section("agreements", _l("Договоры о сотрудничестве"), agreements_section, order=30)
    register_section("projects", _l("Сетевые проекты"), projects_section, order=40)
    register_section("attendance", _l("Посещаемость сетевых групп"), attendance_section, order=50)

    def by_year(compute):
        return lambda scope: tuple(compute(scope)[year.start_year] for year in scope.years)

    register_indicator_source("pupils_covered", _l("Обучающихся охвачено сетевыми программами"), "чел.",
                              by_year(pupil_totals))
    register_indicator_source("agreements_active", _l("Действующих договоров"), "шт.", by_year(agreement_totals))
    register_indicator_source("projects_approved", _l("Утверждённых сетевых проектов"), "шт.", by_year(project_totals))
    register_indicator_source("attendance_percent", _l("Посещаемость сетевых групп"), "%",
                              lambda scope: tuple(_attendance_share(attendance_totals(scope)[year.start_year])
                                                  for year in scope.years))
