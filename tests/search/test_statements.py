"""The search page and the header's active search read every kind in one statement, whatever the data; on
PostgreSQL a kind's search uses the GIN index over its stored words (migration 0043)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tenants.models import Institution
from workspace.accounts.models import User
from workspace.core.text import search_parameters, search_shape
from workspace.extensions import db

# The user (with the institution), the networks of the institution, the search: one statement for every kind.
# On PostgreSQL the row-level-security context of the request is set once more.
BUDGET = 3


def _populate(make, size: int):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator", full_name="Анна Ёлкина")
    plan = make.plan(network, 2026, title="План ёлок")
    section = make.section(plan, "Раздел", school)
    meeting = make.meeting(network, 1)
    for n in range(size):
        partner = make.institution(f"Музей ёлки {n}", kind="museum", slug=f"museum-{n}")
        make.member(network, partner, "social_partner")
        make.user(partner, "coordinator", full_name=f"Ёлкин {n}")
        make.item(section, f"Ёлка {n}", "декабрь")
        make.agenda_item(meeting, f"О ёлке {n}")
        make.project(network, school, f"Ёлка проект {n}")
        make.agreement(network, [school, partner], f"Договор о ёлке {n}", number=f"Ё-{n}", status="active")
        make.material(network, partner, f"Сценарий ёлки {n}")
    return coordinator


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize("dropdown", [False, True])
def test_the_search_reads_every_kind_in_one_statement(app, client, make, login_as, count_queries, size, dropdown):
    login_as(_populate(make, size))
    headers = {"HX-Request": "true", "HX-Target": "search-results"} if dropdown else {}
    client.get("/i/school/search?q=ёлки", headers=headers)
    with count_queries() as statements:
        response = client.get("/i/school/search?q=ёлки", headers=headers)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    for group in ("Мероприятия планов", "Заседания совета", "Учреждения", "Люди", "Проекты", "Договоры", "Банк практик"):
        assert group in body
    expected = BUDGET + (app.extensions["test_connection"].dialect.name == "postgresql")
    assert len(statements) == expected <= 8, "\n".join(statements)


@pytest.mark.postgres  # the GIN index of the stored words is PostgreSQL's (SQLite reads them with LIKE)
def test_on_postgresql_a_kind_searches_on_the_index(app, make, read):
    school = make.institution("Школа", slug="school")
    make.user(school, "coordinator", full_name="Анна Ёлкина")
    with read():
        for model in (User, Institution):
            shape = search_shape("ёлкина", "postgresql")
            statement = select(model.id).where(shape.matches(model.search_text))
            connection = db.session.connection()
            compiled = statement.compile(connection)
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")  # a tiny table: is the index usable?
            plan = connection.exec_driver_sql("EXPLAIN " + str(compiled),
                                              {**compiled.params, **search_parameters("ёлкина")}).scalars().all()
            assert any(f"ix_{model.__tablename__}_search_words" in line for line in plan), plan
            assert db.session.scalars(statement, search_parameters("ёлкина")).all() or model is Institution
