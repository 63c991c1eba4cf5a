"""SQL statements of a plan cell save (htmx, the «Ответственные» cell): pinned, the same for small and large data."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from
from workspace.extensions import db
from workspace.plans.models import PlanItem

# Every request of a network first costs 2 statements: the user; the network with the membership and the seat.
# Then: the item with its plan and section (one joined statement), the version-checked UPDATE, its audit entry,
# the network's institutions and people the text may name (one UNION statement), the DELETEs of the item's old
# links (2), the INSERTs of the new ones (one per table: here an institution and a colleague) (8). The names linked
# are shown as they were just linked, not read back (issue 21: one statement fewer).
BUDGET = 10
# On PostgreSQL: the row-level-security contexts (the URL resolution's own, then the request's). The audit entry
# takes its id from the column's default inside its INSERT (issue 21: no nextval asked first).
POSTGRES_EXTRA = 2


@pytest.mark.parametrize("size", [2, 40])
def test_responsible_cell_save_is_pinned_and_flat(app, client, make, login_as, count_queries, read, size):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator", full_name="Петрова Анна Ивановна")
    for n in range(size):
        partner = make.institution(f"Партнёр {n}", kind="museum", slug=f"p{n}")
        make.member(network, partner, "social_partner")
        make.user(partner, "coordinator", full_name=f"Коллегова{n} Ольга Петровна")
    plan = make.plan(network, 2026, title="План")
    section = make.section(plan, "Раздел", position=1)
    for n in range(size):
        make.item(section, f"Мероприятие {n}", "октябрь", position=n, responsible="Петрова А. И.")
    login_as(coordinator)
    with read():
        item_id = db.session.scalar(select(PlanItem.id).order_by(PlanItem.id))
    url = f"/n/net/plans/{plan.id}/items/{item_id}/cells/responsible"
    headers = {"HX-Request": "true", "HX-Target": f"item-{item_id}-responsible"}
    token = csrf_token_from(client.get(url, headers=headers).get_data(as_text=True))
    with count_queries() as statements:
        response = client.post(url, data={"value": "Петрова А. И., Партнёр 1", "version": "1", "csrf_token": token},
                               headers=headers)
    assert response.status_code == 200 and "Партнёр 1" in response.get_data(as_text=True)
    on_postgresql = app.extensions["test_connection"].dialect.name == "postgresql"
    assert len(statements) == BUDGET + (POSTGRES_EXTRA if on_postgresql else 0), "\n".join(s[:90] for s in statements)
