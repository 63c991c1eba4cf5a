from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def world(make):
    school = make.institution("СОШ №31", slug="school")
    library = make.institution("МИБС", kind="library", slug="library")
    museum = make.institution("Музей", kind="museum", slug="museum")
    network = make.network(school, name="Сеть", slug="net")
    make.member(network, library, "social_partner")
    make.member(network, museum, "social_partner")
    plan = make.plan(network, 2026, title="План 2026/2027")
    section = make.section(plan, "Раздел библиотеки", library)
    other_school = make.institution("Чужая школа", slug="other")
    other = make.network(other_school, slug="other-net")
    other_section = make.section(make.plan(other, 2026), "Чужой раздел")
    need = make.request(network, school, "Нужен зал для квеста", category="venue",
                        starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31))
    offer = make.request(network, library, "Читальный зал для квестов", kind="offer", category="room")
    return {"school": school, "library": library, "museum": museum, "network": network, "plan": plan,
            "section": section, "other_section": other_section, "need": need, "offer": offer,
            "coordinator": make.user(school, "coordinator"), "teacher": make.user(school, "teacher"),
            "librarian": make.user(library, "coordinator"), "curator": make.user(museum, "coordinator")}
