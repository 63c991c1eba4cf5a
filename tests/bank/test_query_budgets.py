"""SQL statements of the bank's pages: pinned, the same for small and large data."""
from __future__ import annotations

from datetime import date

import pytest

BUDGETS = {"bank": 6, "bank-search": 6, "material": 6, "documents": 3, "document": 4}  # -2: one-statement URL resolution
# On PostgreSQL a page that reads network-owned rows first sets the row-level-security context: one more.
RLS_CONTEXT = 2  # +1: the URL resolution's unscoped read of the network, membership and seat sets its own context


def _populate(make, size: int):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator")
    plan = make.plan(network, 2026)
    section = make.section(plan, "Раздел")
    item = make.item(section, "Квест в музее", "октябрь")
    first = None
    for n in range(size):
        partner = make.institution(f"Партнёр {n}", kind="museum", slug=f"p{n}")
        make.member(network, partner, "social_partner")
        material = make.material(network, partner if n % 2 else school, f"Сценарий квеста {n}",
                                 description=f"Описание {n}", tags=f"квест, тег{n}", source_item=item,
                                 files=tuple((f"файл-{k}.pdf", b"%PDF-1.4", "application/pdf") for k in range(2)))
        first = first or material
        make.normative_document(network, f"Приказ {n}", kind="order", number=str(n), versions=tuple(
            (date(2026, 9, k + 1), f"приказ-{n}-{k}.pdf", b"%PDF-1.4", k == 0, "") for k in range(3)))
    return coordinator, first


@pytest.mark.parametrize("size", [2, 30])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_bank_page_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, page, size):
    coordinator, material = _populate(make, size)
    login_as(coordinator)
    from sqlalchemy import select

    from tenants.scoping import unscoped
    from workspace.bank.models import NormativeDocument
    from workspace.extensions import db
    with app.app_context(), unscoped():
        document_id = db.session.scalar(select(NormativeDocument.id))
    url = {"bank": "/n/net/bank/", "bank-search": "/n/net/bank/?q=КВЕСТ&tag=квест&direction=social",
           "material": f"/n/net/bank/{material.id}", "documents": "/n/net/bank/documents",
           "document": f"/n/net/bank/documents/{document_id}"}[page]
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    expected = BUDGETS[page] + (RLS_CONTEXT if app.extensions["test_connection"].dialect.name == "postgresql" else 0)
    assert len(statements) == expected, "\n".join(statements)
