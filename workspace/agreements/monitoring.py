"""The agreements' figure provider and computed source for the monitoring dashboard: agreements in force
by kind in both years and by their state today, from one grouped statement."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask_babel import format_date
from sqlalchemy import func, select

from workspace.agreements.models import Agreement, AgreementKind, AgreementParty, AgreementStatus
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.extensions import db
from workspace.monitoring.registry import (
    BoundScope,
    Figure,
    Headline,
    MonitoringScope,
    RowsTable,
    SectionContent,
    by_year,
    overlaps,
    register_figure_rows,
    register_indicator_source,
    register_monitoring_rows,
    register_monitoring_section,
)

IN_FORCE = ("active", "expired", "terminated")


def agreement_rows(scope: MonitoringScope) -> list[tuple[str, str, date, date, date | None, int]]:
    """(kind, status, starts_on, ends_on, terminated_on, count) of every agreement of the scope: one grouped
    read (the status now counts all of them, the years pick those in force)."""
    return scope.rows("agreement_rows")


def _agreement_rows(scope: BoundScope):
    query = (select(Agreement.kind, Agreement.status, Agreement.starts_on, Agreement.ends_on,
                    Agreement.terminated_on, func.count(Agreement.id))
             .group_by(Agreement.kind, Agreement.status, Agreement.starts_on, Agreement.ends_on,
                       Agreement.terminated_on))
    if scope.institution_id is not None:
        parties = select(AgreementParty.agreement_id).where(AgreementParty.institution_id == scope.institution_id)
        query = query.where(Agreement.id.in_(parties))
    return query


def _agreement_values(_scope: MonitoringScope, rows) -> list[tuple[str, str, date, date, date | None, int]]:
    return [(kind.value, status.value, starts_on, ends_on, terminated_on, count)
            for kind, status, starts_on, ends_on, terminated_on, count in rows]


def _in_force(row, year) -> bool:
    _kind, status, starts_on, ends_on, terminated_on, _count = row
    if status not in IN_FORCE:
        return False
    if status == "terminated" and terminated_on is not None:
        ends_on = min(ends_on, terminated_on)  # in force until it was terminated
    return overlaps(starts_on, ends_on, year)


def agreement_totals(scope: MonitoringScope) -> dict[int, int]:
    return {year.start_year: sum(row[-1] for row in agreement_rows(scope) if _in_force(row, year))
            for year in scope.years}


def agreements_section(scope: MonitoringScope) -> SectionContent:
    rows = agreement_rows(scope)
    by_kind: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    now: dict[str, int] = defaultdict(int)
    today = local_today()
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


def agreements_rows(scope: MonitoringScope) -> RowsTable:
    """Every agreement of the scope the agreements figures count (a draft without its title: only its writers
    read a draft): one statement."""
    query = (select(Agreement.number, Agreement.title, Agreement.kind, Agreement.status, Agreement.starts_on,
                    Agreement.ends_on, Agreement.terminated_on)
             .order_by(Agreement.starts_on.desc(), Agreement.id))
    if scope.institution_id is not None:
        parties = select(AgreementParty.agreement_id).where(AgreementParty.institution_id == scope.institution_id)
        query = query.where(Agreement.id.in_(parties))
    rows = []
    for number, title, kind, status, starts_on, ends_on, terminated_on in db.session.execute(query):
        in_force = [year.label for year in scope.years
                    if _in_force((kind.value, status.value, starts_on, ends_on, terminated_on, 1), year)]
        rows.append([number or "—", _("черновик") if status is AgreementStatus.DRAFT else title, label(kind),
                     label(status), f"{format_date(starts_on, 'dd.MM.yyyy')} — {format_date(ends_on, 'dd.MM.yyyy')}",
                     ", ".join(in_force) or "—"])
    return RowsTable(_("Договоры, из которых посчитано"),
                     [_("Номер"), _("Договор"), _("Вид"), _("Состояние"), _("Срок действия"), _("Действовал в году")],
                     rows, _("Договоры сети (на панели учреждения — те, стороной которых оно является)."))


register_figure_rows(("agreements-by-kind", "agreements-by-status"), agreements_rows)
register_monitoring_rows("agreement_rows", _agreement_rows, _agreement_values)
register_monitoring_section("agreements", _l("Договоры о сотрудничестве"), agreements_section, position=30)
register_indicator_source("agreements_active", _l("Действующих договоров"), "шт.", by_year(agreement_totals),
                          position=80)
