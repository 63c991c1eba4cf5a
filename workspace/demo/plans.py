"""The demo's network plans of the academic year of the load day, one per network, in partner sections.

An event is held — with its report and participants — only when its dates are over on the load day; the rest
are planned. One past event of the СОШ №31 network waits for its report (the desk's «отчёт ждёт»). The figures
of the СОШ №31 network's reports are fixed here (tests/monitoring/test_demo_figures.py computes the dashboard
from them by hand); the other networks' reports count the pupils of their schools class by class."""
from __future__ import annotations

from datetime import date, timedelta

from workspace.core.dates import AcademicYear
from workspace.demo import data
from workspace.extensions import db
from workspace.plans.editing import read_into
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanSection
from workspace.plans.report_models import OTHERS, PUPILS, EventParticipation, EventReport

# The СОШ №31 network: items held, by (partner slug, item position): (month, day), participants:
# (institution slug, grade — or a category of adults: "parents", "teachers", None for «другие взрослые» — count)
HELD_THIS_YEAR = {
    ("mibs", 1): ((9, 1), [("sosh31", 3, 52), ("sosh31", 4, 48), ("sosh31", "parents", 14),
                           ("sosh31", "teachers", 4), ("mibs", None, 6)]),
    ("mibs", 2): ((10, 15), [("sosh31", 5, 27), ("sosh31", 6, 25), ("sosh31", 7, 30), ("sosh31", "teachers", 3)]),
    ("dramteatr", 1): ((11, 20), [("sosh31", 9, 24), ("sosh31", 10, 22), ("sosh31", 11, 18),
                                  ("sosh31", "parents", 9), ("sosh31", "teachers", 3)]),
}

SUMMARIES = ("Мероприятие проведено по плану.",
             "Мероприятие проведено по плану; участники отметили хорошую организацию.",
             "Проведено в запланированные сроки, материалы переданы в банк практик.")


def file_report(network, item, held_from: date, held_to: date, participants, author_id=None, summary=None) -> None:
    """An event report with its participants: (institution id, grade or category, count) — a class number is
    pupils, "parents" or "teachers" those adults, None the other adults (the partner's staff, guests)."""
    report = EventReport(network_id=network.id, item_id=item.id, held_from=held_from, held_to=held_to,
                         summary=summary or SUMMARIES[0], author_id=author_id)
    db.session.add(report)
    db.session.flush()
    db.session.add_all(EventParticipation(network_id=network.id, report_id=report.id, count=count,
                                          institution_id=institution_id, **_who(grade))
                       for institution_id, grade, count in participants)


def _who(grade: int | str | None) -> dict:
    if isinstance(grade, int):
        return {"grade_from": grade, "grade_to": grade, "category": PUPILS}
    return {"grade_from": None, "grade_to": None, "category": grade or OTHERS}


def load_plans(networks: dict, institutions: dict, users: dict, year: AcademicYear, today: date) -> None:

    coordinators = {}
    for user in users.values():
        if user.institution_id and user.role is not None and user.role.value in ("coordinator", "admin"):
            coordinators.setdefault(user.institution_id, user.id)
    for slug, title, sections in data.PLANS:
        network = networks[slug]
        plan = Plan(network_id=network.id, start_year=year.start_year, title=title)
        db.session.add(plan)
        db.session.flush()
        for position, (section_title, partner, items) in enumerate(sections, start=1):
            section = PlanSection(network_id=network.id, plan_id=plan.id, title=section_title, position=position,
                                  partner_institution_id=institutions[partner].id)
            db.session.add(section)
            db.session.flush()
            for number, (item_title, audience, timing, responsible, report_form) in enumerate(items, start=1):
                item = PlanItem(network_id=network.id, plan_id=plan.id, section_id=section.id, position=number,
                                number=str(number), title=item_title)
                for name, value in (("audience", audience), ("timing", timing), ("responsible", responsible),
                                    ("report_form", report_form)):
                    read_into(item, name, value, year)
                db.session.add(item)
                db.session.flush()
                author = coordinators.get(institutions[partner].id)
                explicit = HELD_THIS_YEAR.get((partner, number)) if slug == "sosh31-kultura" else None
                if explicit is not None:
                    (month, day), participants = explicit
                    held_on = year.date_of(month, day)
                    if held_on < today:
                        item.status = ItemStatus.HELD
                        file_report(network, item, held_on, held_on,
                                    [(institutions[s].id, grade, count) for s, grade, count in participants], author)
                elif (item.ends_on is not None and item.ends_on < today
                      and (slug, item_title) not in data.REPORTS_DUE):
                    item.status = ItemStatus.HELD
                    held_on = min(item.ends_on, item.starts_on + timedelta(days=9))
                    file_report(network, item, held_on, held_on, _participants(slug, item, institutions, partner),
                                author, SUMMARIES[item.id % len(SUMMARIES)])


def _participants(slug: str, item, institutions: dict, partner: str) -> list[tuple[int, int | str | None, int]]:
    """Pupils of the network's schools class by class (at most four classes), their teachers (one for every two
    classes, at least one) and, at every third event, parents; and the partner's staff."""
    low, high = item.grade_from or 5, item.grade_to or (item.grade_from or 5) + 2
    grades = list(range(low, high + 1))[:4]
    rows = []
    for n, school in enumerate(data.EVENT_SCHOOLS[slug]):
        for grade in grades:
            count = (21 + (item.id * 7 + grade * 3) % 9) if n == 0 else (5 + (item.id + grade) % 6)
            rows.append((institutions[school].id, grade, count))
        rows.append((institutions[school].id, "teachers", max(1, len(grades) // 2)))
        if item.id % 3 == 0:
            rows.append((institutions[school].id, "parents", 4 + item.id % 5))
    if partner not in data.EVENT_SCHOOLS[slug]:
        rows.append((institutions[partner].id, None, 3 + item.id % 4))
    return rows
