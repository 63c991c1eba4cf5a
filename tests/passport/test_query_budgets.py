"""SQL statements of the passport's pages: pinned, the same for a short and a long passport."""
from __future__ import annotations

from datetime import date

import pytest

# Every request of a network first costs 2 statements: the user; the network with the membership and the seat.
# page: the passport, its stages, its rounds of approval with their hearings and decisions (one joined statement),
#       the register's documents named as its grounds (4);
# print and .docx: the passport, the base institution's name, the grounds, the stages (4), and the approval
#       rounds once it is approved (+1, not here: a draft).
BUDGETS = {"": 6, "print": 6, "passport.docx": 6}
# On PostgreSQL: +1, the transaction-local row-level-security context; +1 more: the URL resolution's unscoped
# one-statement read sets its own context first.
POSTGRES_EXTRA = {"": 2, "print": 2, "passport.docx": 2}


def _populate(make, size: int):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator", full_name="Петрова Анна")
    documents = [make.normative_document(network, f"Положение {n}", number=str(n), approved_on=date(2025, 9, 1))
                 for n in range(size)]
    for n in range(size):
        make.member(network, make.institution(f"Партнёр {n}", kind="museum", slug=f"p{n}"), "social_partner")
    make.passport(network, name="Программа", documents=tuple(documents),
                  tasks="\n".join(f"Задача {n}" for n in range(size)),
                  results_pupils="\n".join(f"Результат {n}" for n in range(size)),
                  stages=tuple((f"Этап {n}", date(2025, 9, 1), date(2026, 5, 31), f"Содержание {n}")
                               for n in range(size)))
    return coordinator


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_passport_pages_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, page, size):
    login_as(_populate(make, size))
    url = f"/n/net/passport/{page}"
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    if page != "passport.docx":
        assert f"Этап {size - 1}" in response.get_data(as_text=True)
    expected = BUDGETS[page]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += POSTGRES_EXTRA[page]
    assert len(statements) == expected, "\n".join(statements)
