"""SQL statements per main page: pinned, and the same for small and large data."""
from __future__ import annotations

import pytest

BUDGETS = {"desk": 6, "network": 5, "council": 5, "staff": 4}
# On PostgreSQL a page that reads tenant- or network-owned rows first sets the transaction-local
# row-level-security context: exactly one more statement.
RLS_CONTEXT = {"desk": 1, "network": 1, "council": 1, "staff": 0}


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
    for n in range(size // 5):
        extra = make.network(school, name=f"Ещё сеть {n}", slug=f"extra{n}")
        make.member(extra, make.institution(f"Другой {n}", slug=f"o{n}"), "social_partner")
    return coordinator


PAGES = {"desk": "/i/school/", "network": "/n/net/", "council": "/n/net/council/", "staff": "/i/school/staff"}


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, page, size):
    login_as(_populate(make, size))
    client.get(PAGES[page])  # warm: first request of a client loads nothing extra, but be sure
    with count_queries() as statements:
        response = client.get(PAGES[page])
    assert response.status_code == 200
    expected = BUDGETS[page]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += RLS_CONTEXT[page]
    assert len(statements) == expected, "\n".join(statements)
