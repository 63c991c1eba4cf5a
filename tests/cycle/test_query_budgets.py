"""SQL statements of the analysis's pages: pinned, the same for two partners and for forty, with their events,
reports, agreements and indicators."""
from __future__ import annotations

import json
from datetime import date

import pytest

# Every request of a network first costs 2 statements: the user; the network with the membership and the seat.
# list: the analyses, the years of the network's plans, the passport's dated stages (3: a user who prepares).
# page: the analysis, its lines, its rounds of approval (one joined statement); the figures: the plan's items with
#       their partners, the participations, the agreements with their parties, the indicators with their values, and
#       the one statement of the indicators' computed source here (the plan's rows: events_held_share) (8).
# print and .docx: the analysis, the figures (5), the base institution's names, its head, the lines (9); the
#       approval rounds once it is approved (+1, not here: a draft).
BUDGETS = {"": 5, "{id}": 10, "{id}/print": 11, "{id}/analysis.docx": 11}
# On PostgreSQL: +1, the transaction-local row-level-security context; +1 more: the URL resolution's unscoped
# one-statement read sets its own context first.
POSTGRES_EXTRA = {"": 2, "{id}": 2, "{id}/print": 2, "{id}/analysis.docx": 2}


# An approved analysis reads the figures kept at its approval (one statement) instead of computing them, and the
# print and .docx the council's protocol: page 6, print and .docx 8, whatever the number of partners.
APPROVED_BUDGETS = {"{id}": 6, "{id}/print": 8, "{id}/analysis.docx": 8}


def _figures(partners) -> str:
    return json.dumps({"planned": len(partners), "held": len(partners), "share_target": 90,
                       "partners": {str(partner.id): {"planned": 1, "held": 1, "cancelled": 0,
                                                      "participants": {"basic": 20},
                                                      "agreements": [["1", "2026-09-01", "Договор", "2027-08-31",
                                                                      "active"]]} for partner in partners},
                       "indicators": [["Доля проведённых", "%", 90, "events_held_share", 100, "расчёт"]]})


def _populate(make, size: int, approved: bool = False):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator", full_name="Петрова Анна")
    make.user(school, "admin", full_name="Сергеева Нина Петровна", position="Директор")
    plan = make.plan(network, 2026)
    partners = []
    for n in range(size):
        partner = make.institution(f"Партнёр {n}", kind="museum", slug=f"p{n}")
        make.member(network, partner, "social_partner")
        partners.append(partner)
        section = make.section(plan, f"Раздел {n}", partner, position=n)
        item = make.item(section, f"Мероприятие {n}", "октябрь")
        make.report(item, date(2026, 10, 10))
        make.agreement(network, [school, partner], f"Договор {n}", status="active", starts_on=date(2026, 9, 1),
                       ends_on=date(2027, 8, 31))
    make.monitoring_indicator(network, "Доля проведённых", target=90, source="events_held_share")
    make.monitoring_indicator(network, "Вручную", target=5, unit="шт.", position=2)
    analysis = make.analysis(network, 2026, conclusion="Итоги", status="approved" if approved else "draft",
                             lines=tuple((partner, "continue", f"Вывод {n}") for n, partner in enumerate(partners)),
                             figures=_figures(partners) if approved else None)
    return coordinator, analysis


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_analysis_pages_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, page, size):
    coordinator, analysis = _populate(make, size)
    login_as(coordinator)
    url = f"/n/net/analysis/{page.format(id=analysis.id)}"
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    if page in ("{id}", "{id}/print"):
        assert f"Партнёр {size - 1}" in response.get_data(as_text=True)
    expected = BUDGETS[page]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += POSTGRES_EXTRA[page]
    assert len(statements) == expected, "\n".join(statements)


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("page", sorted(APPROVED_BUDGETS))
def test_an_approved_analysis_reads_its_kept_figures(app, client, make, login_as, count_queries, page, size):
    coordinator, analysis = _populate(make, size, approved=True)
    login_as(coordinator)
    url = f"/n/net/analysis/{page.format(id=analysis.id)}"
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    if page == "{id}":
        body = response.get_data(as_text=True)
        assert f"Партнёр {size - 1}" in body and "Доля проведённых мероприятий — 100 %" in body
    expected = APPROVED_BUDGETS[page]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += POSTGRES_EXTRA[page]
    assert len(statements) == expected, "\n".join(statements)
