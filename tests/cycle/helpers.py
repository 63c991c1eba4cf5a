"""A network with a council and a year of work behind it, for the analysis's tests: the plan of 2026/2027 with the
library (5 events: 3 held with reports, 1 cancelled, 1 planned) and the theatre (2 events, 1 held), an active
agreement with the library, and the network's indicator «доля проведённых мероприятий» with its target 90 %."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tests.conftest import _building
from tests.council.helpers import build_council
from workspace.extensions import db
from workspace.plans.models import ItemStatus
from workspace.plans.report_models import OTHERS, PUPILS, EventParticipation


@dataclass
class Year:
    c: object
    theatre: object
    theatre_section: object
    agreement: object


def _held(app, make, item, day: date, participants: list[tuple]):
    report = make.report(item, day, summary="Проведено")
    with _building(app):
        db.session.merge(item).status = ItemStatus.HELD
        db.session.add_all(EventParticipation(network_id=item.network_id, report_id=report.id,
                                          institution_id=institution.id, grade_from=first, grade_to=last, count=count,
                                          category=who[0] if who else PUPILS if first is not None else OTHERS)
                           for institution, first, last, count, *who in participants)


def build_year(app, make, slug: str = "kultura") -> Year:
    c = build_council(make, slug)
    theatre = make.institution("Драмтеатр", kind="theatre", slug=f"{slug}-teatr")
    make.member(c.network, theatre, "social_partner")
    library_items = [c.item] + [make.item(c.section, title, timing, position=n)
                                for n, (title, timing) in enumerate((("Неделя детской книги", "март"),
                                                                     ("Библиотечный урок", "октябрь"),
                                                                     ("Квест по сказкам", "ноябрь"),
                                                                     ("Встреча с писателем", "май")), start=2)]
    _held(app, make, library_items[0], date(2027, 4, 20), [(c.school, 5, 9, 40), (c.school, None, None, 2, "parents"),
                                                                  (c.school, None, None, 3, "teachers")])
    _held(app, make, library_items[1], date(2027, 3, 25), [(c.school, 1, 4, 25)])
    _held(app, make, library_items[2], date(2026, 10, 14), [(c.school, 7, 7, 28)])
    with _building(app):
        db.session.merge(library_items[3]).status = ItemStatus.CANCELLED
    theatre_section = make.section(c.plan, "План мероприятий с драмтеатром", theatre, position=2)
    first = make.item(theatre_section, "Спектакль «Ревизор»", "декабрь")
    make.item(theatre_section, "Закулисье театра", "февраль", position=2)
    _held(app, make, first, date(2026, 12, 10), [(c.school, 10, 11, 30)])
    agreement = make.agreement(c.network, [c.school, c.library], "О сотрудничестве в сфере чтения", status="active",
                               number="7", starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31))
    make.monitoring_indicator(c.network, "Доля проведённых мероприятий", target=90, unit="%",
                              source="events_held_share")
    return Year(c, theatre, theatre_section, agreement)


def analysis_url(c, rest: str = "") -> str:
    return f"/n/{c.network.slug}/analysis/{rest}"


def approved_analysis(app, c, decisions: dict):
    """An approved analysis of the plan's year with the ``decisions`` (institution → decision value)."""
    from workspace.cycle.models import AnalysisPartner, AnalysisStatus, PartnerDecision, YearlyAnalysis
    with _building(app):
        analysis = YearlyAnalysis(network_id=c.network.id, start_year=c.plan.start_year,
                                  status=AnalysisStatus.APPROVED, conclusion="Итоги")
        db.session.add(analysis)
        db.session.flush()
        for position, (institution, decision) in enumerate(decisions.items(), start=1):
            db.session.add(AnalysisPartner(network_id=c.network.id, analysis_id=analysis.id,
                                           institution_id=institution.id, name=institution.short_name,
                                           position=position, conclusion="Вывод",
                                           decision=PartnerDecision(decision)))
    return analysis
