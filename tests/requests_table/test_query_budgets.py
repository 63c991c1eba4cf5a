"""SQL statements of the request table's pages and its htmx message: pinned, flat as the table grows."""
from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import csrf_token_from

BUDGETS = {"table": 7, "request": 6, "conversation": 7, "message": 8}  # -2: one-statement URL resolution
# message: the insert, then the conversation re-read and its messages drawn (the same statements as the page).
RLS_CONTEXT = 2  # PostgreSQL: the row-level-security context: the resolution's unscoped read, then the scope


def _populate(make, size: int):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator")
    need = make.request(network, school, "Нужен зал для квеста", category="venue", starts_on=date(2026, 10, 1))
    conversation = None
    for n in range(size):
        partner = make.institution(f"Партнёр {n}", kind="library", slug=f"p{n}")
        make.member(network, partner, "social_partner")
        offer = make.request(network, partner, f"Зал для квеста {n}", kind="offer", category="room")
        make.request(network, partner, f"Нужен проектор {n}", category="equipment")
        conversation = conversation or make.conversation(need, offer, messages=tuple(
            (partner if k % 2 else school, f"Сообщение {k}") for k in range(size)))
    return coordinator, need, conversation


@pytest.mark.parametrize("size", [2, 30])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_request_table_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, page, size):
    coordinator, need, conversation = _populate(make, size)
    login_as(coordinator)
    conversation_url = f"/n/net/requests/conversations/{conversation.id}"
    url = {"table": "/n/net/requests/", "request": f"/n/net/requests/{need.id}",
           "conversation": conversation_url, "message": conversation_url}[page]
    warm = client.get(url)
    with count_queries() as statements:
        if page == "message":
            response = client.post(url + "/messages", data={"body": "Договорились", "csrf_token": csrf_token_from(
                warm.get_data(as_text=True))}, headers={"HX-Request": "true", "HX-Target": "conversation-messages"})
        else:
            response = client.get(url)
    assert response.status_code == 200
    expected = BUDGETS[page] + (RLS_CONTEXT if app.extensions["test_connection"].dialect.name == "postgresql" else 0)
    assert len(statements) == expected, "\n".join(statements)
