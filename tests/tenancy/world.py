"""Two networks, their institutions, every role, and one institution that belongs to both.

    network A: school A (base), library A, bridge (also in network B)
    network B: school B (base), partner B, bridge

Objects carry FOREIGN_MARK_B in their names so that a page shown to a user of network A can be
searched for anything of network B that must never appear there.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from datetime import date

from tests.fixtures.hostile import valid_xlsx

ROLES = ("admin", "coordinator", "teacher", "staff")
MARK_B = "ЧУЖОЕ-Б"


@dataclass
class Side:
    network: object
    school: object
    partner: object
    users: dict = field(default_factory=dict)        # role -> user of the school
    partner_coordinator: object = None
    external: object = None
    seat: object = None
    note: object = None
    partner_membership: object = None
    plan: object = None
    section: object = None
    item: object = None
    plan_import: object = None
    feed_token: str = ""            # a live calendar feed link of the school's coordinator
    revoked_feed_token: str = ""
    disabled_feed_token: str = ""   # the feed of a user who was deactivated
    report_file_id: int = 0
    approval: object = None         # a request on the council's agenda (the plan itself stays a draft)
    meeting: object = None          # an open e-vote
    agenda_item: object = None
    decision: object = None         # a held meeting approved the partner's section (chronicle, search)


@dataclass
class World:
    a: Side
    b: Side
    bridge: object
    bridge_coordinator: object
    bridge_note: object
    operator: object


def build_world(make) -> World:
    bridge = make.institution("Мост-учреждение", kind="museum", slug="bridge")
    sides = {}
    for key, mark in (("a", "Своё-А"), ("b", MARK_B)):
        school = make.institution(f"Школа {mark}", slug=f"school-{key}")
        partner = make.institution(f"Партнёр {mark}", kind="library", slug=f"partner-{key}")
        network = make.network(school, name=f"Сеть {mark}", slug=f"network-{key}", goal=f"Цель {mark}")
        partner_membership = make.member(network, partner, "social_partner",
                                         interaction_forms=f"Формы {mark}", social_effect=f"Эффект {mark}")
        make.member(network, bridge, "social_partner")
        side = Side(network=network, school=school, partner=partner, partner_membership=partner_membership)
        for role in ROLES:
            side.users[role] = make.user(school, role, full_name=f"{role} {mark}",
                                         email=f"{role}@school-{key}.test")
        side.partner_coordinator = make.user(partner, "coordinator", full_name=f"Координатор партнёра {mark}",
                                             email=f"coordinator@partner-{key}.test")
        side.external = make.user(None, None, full_name=f"Родитель {mark}", email=f"parent@{key}.test")
        side.seat = make.seat(network, side.users["admin"], "chair")
        make.seat(network, side.external, "member", represents=f"Родители {mark}")
        side.note = make.note(school, f"Заметка {mark}", side.users["coordinator"])
        side.plan = make.plan(network, 2026, title=f"План {mark}")
        side.section = make.section(side.plan, f"План мероприятий с партнёром {mark}", partner)
        side.item = make.item(side.section, f"Мероприятие {mark}", "октябрь", audience="5-9 классы")
        side.report_file_id = make.report(side.item, date(2026, 10, 15), summary=f"Отчёт {mark}",
                    files=((f"фото-{key}.png", b"\x89PNG\r\n\x1a\n" + mark.encode(), "image/png"),)).file_ids[0]
        side.plan_import = make.plan_import(side.plan, valid_xlsx([["№", "Мероприятие", "Сроки"],
                                                                   [1, f"Из файла {mark}", "май"]]))
        side.feed_token = make.calendar_feed(side.users["coordinator"], network=network)
        side.revoked_feed_token = make.calendar_feed(side.users["admin"], network=network, revoked=True)
        former = make.user(school, "teacher", full_name=f"Бывший педагог {mark}", email=f"former@school-{key}.test")
        side.disabled_feed_token = make.calendar_feed(former, institution=school)
        make.deactivate(former)
        side.approval = make.approval(side.plan, side.users["coordinator"], comment=f"Комментарий {mark}",
                                      mark_submitted=False)
        side.meeting = make.meeting(network, 1, kind="e_vote", deadline_on=date.today().replace(year=date.today().year + 1))
        side.agenda_item = make.agenda_item(side.meeting, f"Об утверждении {mark}", side.approval)
        make.vote(side.agenda_item, side.seat, "for")
        side.decision = make.approved_section(side.section, f"Раздел утверждён {mark}", number=50)  # chronicle, search
        sides[key] = side
    bridge_coordinator = make.user(bridge, "coordinator", full_name="Координатор моста", email="coordinator@bridge.test")
    bridge_note = make.note(bridge, "Заметка моста — только для моста", bridge_coordinator)
    operator = make.user(None, None, operator=True, full_name="Оператор", email="operator@test.example")
    return World(a=sides["a"], b=sides["b"], bridge=bridge, bridge_coordinator=bridge_coordinator,
                 bridge_note=bridge_note, operator=operator)

