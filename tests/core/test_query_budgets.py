"""SQL statements per main page: pinned, and the same for small and large data."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from workspace.extensions import db
from workspace.plans.models import Plan

BUDGETS = {"desk": 7, "network": 5, "council": 5, "staff": 4, "plan": 8, "plans": 5}
# On PostgreSQL a page that reads tenant- or network-owned rows first sets the transaction-local
# row-level-security context: exactly one more statement.
RLS_CONTEXT = {"desk": 1, "network": 1, "council": 1, "staff": 0, "plan": 1, "plans": 1}


def _populate(make, size: int):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator")
    make.seat(network, coordinator, "secretary")
    for n in range(size):
        partner = make.institution(f"Партнёр {n}", kind="museum", slug=f"p{n}")
        make.member(network, partner, "social_partner", interaction_forms=f"Формы {n}")
        member = make.user(partner, "coordinator")
        make.seat(network, member, "member")
        make.note(school, f"Заметка {n}", coordinator)
        make.user(school, "teacher")
    plan = make.plan(network, 2026, title="План")
    sections = [make.section(plan, f"Раздел {k}", position=k) for k in range(1, 3)]
    for n in range(size):
        make.item(sections[n % 2], f"Мероприятие {n}", "октябрь", position=n, audience="5-9 классы")
    for n in range(size // 5):
        extra = make.network(school, name=f"Ещё сеть {n}", slug=f"extra{n}")
        make.member(extra, make.institution(f"Другой {n}", slug=f"o{n}"), "social_partner")
    return coordinator


PAGES = {"desk": "/i/school/", "network": "/n/net/", "council": "/n/net/council/", "staff": "/i/school/staff",
         "plans": "/n/net/plans/", "plan": "/n/net/plans/{plan_id}"}


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, read, page, size):
    login_as(_populate(make, size))
    with read():
        url = PAGES[page].format(plan_id=db.session.scalar(select(Plan.id)))
    client.get(url)  # warm: first request of a client loads nothing extra, but be sure
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    expected = BUDGETS[page]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += RLS_CONTEXT[page]
    assert len(statements) == expected, "\n".join(statements)
