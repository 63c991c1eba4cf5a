"""The plan's figure providers and computed sources for the monitoring dashboard: events planned and held
(the network plan), and the coverage of participants read from the event reports. Each reads one grouped
statement covering the chosen year and the previous one at once."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask_babel import format_date
from sqlalchemy import func, or_, select

from tenants.models import Network
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.extensions import db
from workspace.monitoring.registry import (
    MONTHS,
    BoundScope,
    Figure,
    Headline,
    MonitoringScope,
    RowsTable,
    SectionContent,
    by_year,
    month_labels,
    register_figure_rows,
    register_indicator_source,
    register_monitoring_rows,
    register_monitoring_section,
)
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanItemInstitution, PlanSection
from workspace.plans.periods import decode_periods
from workspace.plans.report_models import (
    CATEGORIES,
    PUPILS,
    EventParticipation,
    EventReport,
    category_labels,
    classes_label,
)


def plan_rows(scope: MonitoringScope) -> list[tuple[int, int, tuple[date, ...], str, int]]:
    """(start_year, owner, the first day of each period, status, count): owner is the section's partner on a
    network's dashboard, the network on an institution's; an item of several periods («октябрь, март») has a
    day for each, an unread one none. One grouped read for both years (``_plan_rows``)."""
    return scope.rows("plan_rows")


def _plan_rows(scope: BoundScope):
    owner = PlanSection.partner_institution_id if scope.institution_id is None else PlanItem.network_id
    query = (select(Plan.start_year, owner, PlanItem.starts_on, PlanItem.ends_on, PlanItem.periods,
                    PlanItem.status, func.count(PlanItem.id))
             .join(Plan, Plan.id == PlanItem.plan_id).join(PlanSection, PlanSection.id == PlanItem.section_id)
             .where(Plan.start_year.in_([scope.year.start_year, scope.previous.start_year]))
             .group_by(Plan.start_year, owner, PlanItem.starts_on, PlanItem.ends_on, PlanItem.periods,
                       PlanItem.status))
    return _institutions_items(query, scope)


def _plan_values(_scope: MonitoringScope, rows) -> list[tuple[int, int, tuple[date, ...], str, int]]:
    return [(year, owner_id, tuple(start for start, _end in decode_periods(periods, starts_on, ends_on)),
             status.value, count)
            for year, owner_id, starts_on, ends_on, periods, status, count in rows]


def _institutions_items(query, scope: MonitoringScope):
    """On an institution's dashboard, the items of its sections, linked to it, or of the networks it is the base
    of (their plans are its plans); on a network's, all."""
    if scope.institution_id is None:
        return query
    institution_id = scope.institution_id
    linked = select(PlanItemInstitution.item_id).where(PlanItemInstitution.institution_id == institution_id)
    led = select(Network.id).where(Network.base_institution_id == institution_id)
    return query.where(or_(PlanSection.partner_institution_id == institution_id, PlanItem.id.in_(linked),
                           PlanItem.network_id.in_(led)))


def events_rows(scope: MonitoringScope) -> RowsTable:
    """The plan's events of both years the events figures count: one statement."""
    query = _institutions_items(
        select(Plan.start_year, PlanItem.number, PlanItem.title, PlanItem.timing, PlanSection.partner_institution_id,
               PlanItem.network_id, PlanItem.status)
        .join(Plan, Plan.id == PlanItem.plan_id).join(PlanSection, PlanSection.id == PlanItem.section_id)
        .where(Plan.start_year.in_([scope.year.start_year, scope.previous.start_year]))
        .order_by(Plan.start_year.desc(), PlanItem.starts_on.is_(None), PlanItem.starts_on, PlanItem.id), scope)
    names = _owner_names(scope)
    rows = [[AcademicYear(year).label, f"{number}. {title}" if number else title, timing,
             names.get(network_id if scope.institution_id else partner, "—"), label(status)]
            for year, number, title, timing, partner, network_id, status in db.session.execute(query)]
    return RowsTable(_("Мероприятия сетевого плана, из которых посчитано"),
                     [_("Учебный год"), _("Мероприятие"), _("Сроки"),
                      _("Сеть") if scope.institution_id else _("Партнёр"), _("Состояние")], rows,
                     _("Каждое мероприятие плана считается запланированным; проведённым — с отметкой «Проведено» "
                       "(её ставит отчёт о проведении)."))


def coverage_rows(scope: MonitoringScope) -> RowsTable:
    """The participants rows of the reports of both years the coverage figures count: one statement. Numbers
    by institution, category and classes — no names."""
    query = (select(EventReport.held_from, PlanItem.title, EventParticipation.institution_id,
                    EventParticipation.category, EventParticipation.grade_from, EventParticipation.grade_to,
                    EventParticipation.count)
             .join(EventReport, EventReport.id == EventParticipation.report_id)
             .join(PlanItem, PlanItem.id == EventReport.item_id)
             .where(EventReport.held_from >= scope.previous.starts_on, EventReport.held_from <= scope.year.ends_on)
             .order_by(EventReport.held_from.desc(), EventReport.id, EventParticipation.id))
    if scope.institution_id is not None:
        query = query.where(EventParticipation.institution_id == scope.institution_id)
    institutions = scope.institution_names()
    categories = category_labels()
    rows = [[format_date(day, "dd.MM.yyyy"), title, institutions.get(institution_id, "—"),
             categories.get(category, category), classes_label(grade_from, grade_to) or "—", count]
            for day, title, institution_id, category, grade_from, grade_to, count in db.session.execute(query)]
    return RowsTable(_("Участники мероприятий: строки отчётов о проведении"),
                     [_("Проведено"), _("Мероприятие"), _("Учреждение"), _("Кто"), _("Класс"), _("Человек")], rows,
                     _("Строки отчётов о проведённых мероприятиях этого и прошлого учебного года: учреждение, "
                       "категория участников, класс и число — без имён."))


def _owner_names(scope: MonitoringScope) -> dict[int | None, str]:
    names: dict[int | None, str] = dict(scope.network_names() if scope.institution_id else scope.institution_names())
    names[None] = _("Без партнёра")
    return names


def event_totals(scope: MonitoringScope) -> dict[int, dict[str, int]]:
    """start_year → {"planned": n, "held": n}."""
    totals: dict[int, dict[str, int]] = {year.start_year: {"planned": 0, "held": 0} for year in scope.years}
    for start_year, _owner, _days, status, count in plan_rows(scope):
        totals[start_year]["planned"] += count
        if status == "held":
            totals[start_year]["held"] += count
    return totals


def events_section(scope: MonitoringScope) -> SectionContent:
    rows = plan_rows(scope)
    names = _owner_names(scope)
    this, last = scope.year.start_year, scope.previous.start_year
    by_owner: dict[int | None, dict[tuple[int, str], int]] = defaultdict(lambda: defaultdict(int))
    by_month: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0] * 12)
    statuses: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for start_year, owner, days, status, count in rows:
        by_owner[owner][(start_year, "planned")] += count
        if status == "held":
            by_owner[owner][(start_year, "held")] += count
        if start_year == this:
            statuses[owner][status] += count
        for day in days:  # an item of several periods in the month each of them starts
            by_month[(start_year, "planned")][MONTHS.index(day.month)] += count
            if status == "held":
                by_month[(start_year, "held")][MONTHS.index(day.month)] += count
    owners = sorted(by_owner, key=lambda owner: names.get(owner, ""))
    labels = [names.get(owner, "—") for owner in owners]
    year_label, last_label = scope.year.label, scope.previous.label
    owner_word = _("Сеть") if scope.institution_id else _("Партнёр")
    totals = event_totals(scope)
    by_partner = Figure(
        "events-by-partner", _("Мероприятия: запланировано и проведено по партнёрам")
        if scope.institution_id is None else _("Мероприятия: запланировано и проведено по сетям"), "bars", owner_word,
        labels, [(_("Запланировано, %(year)s", year=year_label), [by_owner[o][(this, "planned")] for o in owners]),
                 (_("Проведено, %(year)s", year=year_label), [by_owner[o][(this, "held")] for o in owners]),
                 (_("Запланировано, %(year)s", year=last_label), [by_owner[o][(last, "planned")] for o in owners]),
                 (_("Проведено, %(year)s", year=last_label), [by_owner[o][(last, "held")] for o in owners])],
        _("Число мероприятий сетевого плана по партнёрам: запланировано и проведено в этом и прошлом учебном году."))
    monthly = Figure(
        "events-by-month", _("Мероприятия по месяцам"), "lines", _("Месяц"), month_labels(scope),
        [(_("Запланировано, %(year)s", year=year_label), by_month[(this, "planned")]),
         (_("Проведено, %(year)s", year=year_label), by_month[(this, "held")]),
         (_("Проведено, %(year)s", year=last_label), by_month[(last, "held")])],
        _("Число мероприятий по месяцу начала (мероприятие с несколькими сроками — в месяце начала каждого): "
          "запланировано и проведено в этом году, проведено в прошлом."))
    status_order = ("held", "planned", "moved", "cancelled")
    status_owners = [o for o in owners if statuses[o]]
    shares = Figure(
        "events-status-shares", _("Доли мероприятий по состоянию, %(year)s", year=year_label), "stacked", owner_word,
        [names.get(o, "—") for o in status_owners],
        [(label(ItemStatus(status)), [statuses[o][status] for o in status_owners]) for status in status_order],
        _("Доли проведённых, запланированных, перенесённых и отменённых мероприятий у каждого партнёра."))
    return SectionContent(
        headlines=[Headline(_("Запланировано мероприятий"), totals[this]["planned"], totals[last]["planned"]),
                   Headline(_("Проведено мероприятий"), totals[this]["held"], totals[last]["held"]),
                   Headline(_("Доля проведённых"), _share(totals[this]), _share(totals[last]), "%")],
        figures=[by_partner, monthly, shares])


def _share(total: dict[str, int]) -> float | None:
    return round(100 * total["held"] / total["planned"], 1) if total["planned"] else None


def participation_rows(scope: MonitoringScope) -> list[tuple[date, int, int, tuple[int, int] | None, str, int]]:
    """(held_from, network_id, institution_id, classes, category, participants) of the reports of both years;
    classes is (first, last) — (5, 5) for one class, (1, 4) for a range — or None; category is pupils, parents,
    teachers or others (report_models.CATEGORIES)."""
    return scope.rows("participation_rows")


def _participation_rows(scope: BoundScope):
    query = (select(EventReport.held_from, EventParticipation.network_id, EventParticipation.institution_id,
                    EventParticipation.grade_from, EventParticipation.grade_to, EventParticipation.category,
                    func.sum(EventParticipation.count))
             .join(EventReport, EventReport.id == EventParticipation.report_id)
             .where(EventReport.held_from >= scope.previous.starts_on, EventReport.held_from <= scope.year.ends_on)
             .group_by(EventReport.held_from, EventParticipation.network_id, EventParticipation.institution_id,
                       EventParticipation.grade_from, EventParticipation.grade_to, EventParticipation.category))
    if scope.institution_id is not None:
        query = query.where(EventParticipation.institution_id == scope.institution_id)
    return query


def _participation_values(_scope: MonitoringScope, rows):
    return [(day, network_id, institution_id, (grade_from, grade_to or grade_from) if grade_from else None,
             category, int(count or 0))
            for day, network_id, institution_id, grade_from, grade_to, category, count in rows]


def coverage_totals(scope: MonitoringScope) -> dict[int, dict[str, int]]:
    """start_year → {"participants": n, "pupils": n, "parents": n, "teachers": n, "others": n, "institutions": n}:
    each participants row of a report names its category (pupils by class, parents, teachers, other adults)."""
    keys = ("participants", *CATEGORIES)
    totals = {year.start_year: {**dict.fromkeys(keys, 0), "institutions": set()} for year in scope.years}
    for day, _network, institution, _grade, category, count in participation_rows(scope):
        year = scope.year_of(day)
        if year is not None:
            totals[year.start_year]["participants"] += count
            totals[year.start_year][category if category in CATEGORIES else "others"] += count
            if count:
                totals[year.start_year]["institutions"].add(institution)
    return {year: {**{key: value[key] for key in keys}, "institutions": len(value["institutions"])}
            for year, value in totals.items()}


def _classes_label(classes: tuple[int, int] | None) -> str:
    """«5 кл.», «1–4 кл.»: the report's own words for its classes."""
    return _("без класса") if classes is None else classes_label(*classes)


def coverage_section(scope: MonitoringScope) -> SectionContent:
    rows = participation_rows(scope)
    this, last = scope.year.start_year, scope.previous.start_year
    by_owner: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    by_grade: dict[tuple[int, int] | None, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for day, network_id, institution_id, grade, category, count in rows:
        year = scope.year_of(day)
        if year is None:
            continue
        by_owner[network_id if scope.institution_id else institution_id][year.start_year] += count
        if category == PUPILS:
            by_grade[grade][year.start_year] += count
    names = scope.network_names() if scope.institution_id else scope.institution_names()
    owners = sorted(by_owner, key=lambda owner: names.get(owner, ""))
    grades = sorted(by_grade, key=lambda classes: (classes is None, classes or (0, 0)))
    totals = coverage_totals(scope)
    year_label, last_label = scope.year.label, scope.previous.label
    by_institution = Figure(
        "coverage-by-institution", _("Участники мероприятий по учреждениям") if scope.institution_id is None
        else _("Участники мероприятий по сетям"), "bars",
        _("Учреждение") if scope.institution_id is None else _("Сеть"),
        [names.get(owner, "—") for owner in owners],
        [(year_label, [by_owner[o][this] for o in owners]), (last_label, [by_owner[o][last] for o in owners])],
        _("Сумма участников из отчётов о проведённых мероприятиях по учреждениям, этот и прошлый учебный год."))
    by_class = Figure(
        "coverage-by-class", _("Участники мероприятий по классам"), "bars", _("Класс"),
        [_classes_label(classes) for classes in grades],
        [(year_label, [by_grade[g][this] for g in grades]), (last_label, [by_grade[g][last] for g in grades])],
        _("Сумма обучающихся из отчётов по классам («без класса» — строки обучающихся, где класс не указан), "
          "этот и прошлый учебный год."))
    names = category_labels()
    by_category = Figure(
        "coverage-by-category", _("Участники мероприятий по категориям"), "bars", _("Категория"),
        [names[category] for category in CATEGORIES],
        [(year_label, [totals[this][category] for category in CATEGORIES]),
         (last_label, [totals[last][category] for category in CATEGORIES])],
        _("Каждая строка отчёта о проведении называет, кто участвовал: обучающиеся (по классам), родители, педагоги "
          "или другие взрослые (сотрудники партнёров, гости). Строки отчётов, заполненных до разделения на "
          "категории, с классом считаются обучающимися, без класса — другими взрослыми."))
    return SectionContent(
        headlines=[Headline(_("Участников мероприятий"), totals[this]["participants"], totals[last]["participants"],
                            _("чел.")),
                   Headline(_("Из них обучающихся"), totals[this]["pupils"], totals[last]["pupils"], _("чел.")),
                   Headline(_("Родителей"), totals[this]["parents"], totals[last]["parents"], _("чел.")),
                   Headline(_("Педагогов"), totals[this]["teachers"], totals[last]["teachers"], _("чел.")),
                   Headline(_("Учреждений, чьи участники были на мероприятиях"), totals[this]["institutions"],
                            totals[last]["institutions"])],
        figures=[by_institution, by_class, by_category],
        note=_("Считаются участия по отчётам о мероприятиях: один обучающийся на двух мероприятиях — два участия. "
               "Охват уникальных обучающихся появится вместе с сетевыми группами и журналом."))


register_figure_rows(("events-by-partner", "events-by-month", "events-status-shares"), events_rows)
register_figure_rows(("coverage-by-institution", "coverage-by-class", "coverage-by-category"), coverage_rows)
register_monitoring_rows("plan_rows", _plan_rows, _plan_values)
register_monitoring_rows("participation_rows", _participation_rows, _participation_values)
register_monitoring_section("events", _l("Мероприятия сетевого плана"), events_section, position=10)
register_monitoring_section("coverage", _l("Охват участников мероприятий"), coverage_section, position=20)
register_indicator_source("events_planned", _l("Мероприятий запланировано (сетевой план)"), "шт.",
                          by_year(event_totals, "planned"), position=10)
register_indicator_source("events_held", _l("Мероприятий проведено (сетевой план)"), "шт.",
                          by_year(event_totals, "held"), position=20)
register_indicator_source("events_held_share", _l("Доля проведённых мероприятий плана"), "%",
                          lambda scope: tuple(_share(event_totals(scope)[year.start_year]) for year in scope.years),
                          position=30)
register_indicator_source("participants", _l("Участников мероприятий (по отчётам)"), "чел.",
                          by_year(coverage_totals, "participants"), position=40)
register_indicator_source("pupil_participants", _l("Участий обучающихся в мероприятиях (по отчётам)"),
                          "чел.", by_year(coverage_totals, "pupils"), position=45)
register_indicator_source("parent_participants", _l("Участий родителей в мероприятиях (по отчётам)"),
                          "чел.", by_year(coverage_totals, "parents"), position=46)
register_indicator_source("teacher_participants", _l("Участий педагогов в мероприятиях (по отчётам)"),
                          "чел.", by_year(coverage_totals, "teachers"), position=47)
register_indicator_source("institutions_involved", _l("Учреждений, чьи участники были на мероприятиях"), "шт.",
                          by_year(coverage_totals, "institutions"), position=50)
