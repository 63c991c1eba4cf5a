"""A long plan shows one section at a time and a long section a page at a time: the page's work stays
the same whatever the plan's size, and every item keeps an address that finds it."""
from __future__ import annotations

import pytest
from sqlalchemy.dialects import postgresql

from workspace.extensions import db
from workspace.plans.models import PlanItemInstitution, PlanItemPerson
from workspace.plans.queries import _items_statement
from workspace.plans.views import LONG_PLAN_ITEMS, SECTION_PAGE_ITEMS


def _long_plan(make, first_section_items: int, second_section_items: int = 5):
    school = make.institution("Школа №31", slug="s31")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator")
    plan = make.plan(network, 2026, title="План")
    first = make.section(plan, "Раздел базовой школы", position=1)
    second = make.section(plan, "Раздел с театром", position=2)
    items = [make.item(first, f"Событие-{n:03d}", "октябрь", position=n) for n in range(1, first_section_items + 1)]
    items += [make.item(second, f"Спектакль-{n:03d}", "ноябрь", position=n) for n in range(1, second_section_items + 1)]
    return coordinator, plan, first, second, items


def test_short_plan_shows_every_section_at_once(client, make, login_as):
    coordinator, plan, _first, _second, _items = _long_plan(make, 10)
    login_as(coordinator)
    page = client.get(f"/n/net/plans/{plan.id}").get_data(as_text=True)
    assert "Событие-010" in page and "Спектакль-005" in page
    assert "Разделы плана" not in page


def test_long_plan_opens_its_first_section_with_an_outline_and_pages(client, make, login_as):
    count = LONG_PLAN_ITEMS + 1
    coordinator, plan, first, second, _items = _long_plan(make, count)
    login_as(coordinator)
    page = client.get(f"/n/net/plans/{plan.id}").get_data(as_text=True)
    assert "Разделы плана" in page
    assert f"проведено 0 из {count}" in page and "проведено 0 из 5" in page
    assert "Событие-001" in page and f"Событие-{SECTION_PAGE_ITEMS:03d}" in page
    assert f"Событие-{SECTION_PAGE_ITEMS + 1:03d}" not in page
    assert "Спектакль-001" not in page
    pages = -(-count // SECTION_PAGE_ITEMS)
    assert f"Страница 1 из {pages}" in page
    last = client.get(f"/n/net/plans/{plan.id}?section={first.id}&page={pages}").get_data(as_text=True)
    assert f"Событие-{count:03d}" in last and "Событие-001" not in last
    other = client.get(f"/n/net/plans/{plan.id}?section={second.id}").get_data(as_text=True)
    assert "Спектакль-005" in other and "Событие-001" not in other


@pytest.mark.parametrize("bad", ["?section=999999", "?page=999", "?page=-3", "?section=abc&page=x"])
def test_long_plan_takes_any_section_and_page_argument_calmly(client, make, login_as, bad):
    coordinator, plan, _first, _second, _items = _long_plan(make, LONG_PLAN_ITEMS + 1)
    login_as(coordinator)
    response = client.get(f"/n/net/plans/{plan.id}{bad}")
    assert response.status_code == 200
    assert "Разделы плана" in response.get_data(as_text=True)


def test_item_address_leads_to_the_section_and_page_that_show_it(client, make, login_as):
    coordinator, plan, first, second, items = _long_plan(make, LONG_PLAN_ITEMS + 1)
    login_as(coordinator)
    late = items[SECTION_PAGE_ITEMS + 4]   # the 105th item of the first section
    response = client.get(f"/n/net/plans/{plan.id}/items/{late.id}")
    assert response.status_code == 302
    assert response.location.endswith(f"/n/net/plans/{plan.id}?section={first.id}&page=2#item-{late.id}")
    assert late.title in client.get(response.location).get_data(as_text=True)
    theatre = items[-1]
    response = client.get(f"/n/net/plans/{plan.id}/items/{theatre.id}")
    assert response.location.endswith(f"?section={second.id}#item-{theatre.id}")


def test_long_plan_costs_the_same_statements_as_a_short_one(app, client, make, login_as, count_queries):
    coordinator, plan, _first, _second, _items = _long_plan(make, LONG_PLAN_ITEMS * 2)
    login_as(coordinator)
    url = f"/n/net/plans/{plan.id}"
    client.get(url)
    with count_queries() as statements:
        assert client.get(url).status_code == 200
    from tests.core.test_query_budgets import BUDGETS, RLS_CONTEXT
    # -1: no item of this plan names a row of the interaction model, whose partners' names are then not read
    # (the add-form's rows of the model are read: the coordinator may add events)
    expected = BUDGETS["plan"] - 1 + (RLS_CONTEXT["plan"] if app.extensions["test_connection"].dialect.name
                                      == "postgresql" else 0)
    assert len(statements) == expected, "\n".join(statements)


def test_a_page_of_a_long_section_shows_the_names_linked_to_its_items(client, make, login_as, read):
    """The page of items and the names linked to them come in one statement whose page size is written into the
    SQL: PostgreSQL's generic plan of a prepared statement guesses a bound LIMIT at a tenth of the rows, and then
    read the section's links once per item of the page (30 ms instead of 1.4 for 95 items of two links each)."""
    coordinator, plan, first, _second, items = _long_plan(make, LONG_PLAN_ITEMS + 1)
    theatre = make.institution("Театр «Овация»", kind="theatre", slug="ovatsiya")
    with read():
        for item in (items[0], items[SECTION_PAGE_ITEMS + 4]):
            db.session.add(PlanItemInstitution(network_id=plan.network_id, item_id=item.id, institution_id=theatre.id))
            db.session.add(PlanItemPerson(network_id=plan.network_id, item_id=item.id, user_id=coordinator.id))
        db.session.commit()
    login_as(coordinator)
    linked = f"Связаны: Театр «Овация», {coordinator.full_name}"
    first_page = client.get(f"/n/net/plans/{plan.id}").get_data(as_text=True)
    second_page = client.get(f"/n/net/plans/{plan.id}?section={first.id}&page=2").get_data(as_text=True)
    for page, shown in ((first_page, items[0]), (second_page, items[SECTION_PAGE_ITEMS + 4])):
        assert page.count(linked) == 1, shown.title
        row = page[page.index(f'id="item-{shown.id}-responsible"'):]
        assert row.index(linked) < row.index("</td>")  # in that item's cell
    sql = str(_items_statement(SECTION_PAGE_ITEMS).compile(dialect=postgresql.dialect()))
    assert f"LIMIT {SECTION_PAGE_ITEMS} OFFSET %(offset)s" in sql
