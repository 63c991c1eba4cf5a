"""A network with a council of four seats and a plan, for the approval tests."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Council:
    network: object
    school: object
    library: object
    coordinator: object   # base school coordinator, council secretary
    director: object      # base school admin, council chair
    librarian: object     # partner coordinator, member
    parent: object        # external member
    teacher: object       # no seat
    plan: object
    section: object
    item: object
    seats: dict


def build_council(make, slug: str = "kultura") -> Council:
    school = make.institution("Школа №31", slug=f"{slug}-s31")
    library = make.institution("МБУ «МИБС»", kind="library", slug=f"{slug}-mibs")
    network = make.network(school, name="Культура рядом", slug=slug)
    make.member(network, library, "social_partner")
    coordinator = make.user(school, "coordinator", full_name="Иванова О. Н.")
    director = make.user(school, "admin", full_name="Сергеева Н. П.")
    librarian = make.user(library, "coordinator", full_name="Морозова Е. В.")
    parent = make.user(None, None, full_name="Смирнова Е. А.")
    teacher = make.user(school, "teacher", full_name="Петров А. С.")
    seats = {
        "chair": make.seat(network, director, "chair"),
        "secretary": make.seat(network, coordinator, "secretary"),
        "librarian": make.seat(network, librarian, "member"),
        "parent": make.seat(network, parent, "member", represents="Родитель 6 «Б»"),
    }
    plan = make.plan(network, 2026, title="Сетевой план 2026/2027")
    section = make.section(plan, "План мероприятий с МБУ «МИБС»", library)
    item = make.item(section, "Библиосумерки", "апрель", audience="5-9 классы")
    return Council(network, school, library, coordinator, director, librarian, parent, teacher, plan, section, item,
                   seats)
