"""SQL statements of the agreement pages and of an obligation saved in place: pinned, the same for small
and large data."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from

BUDGETS = {"list": 6, "agreement": 8, "public": 4, "obligation-save": 7}
# The obligation save: user, network with membership and seat (the request's resolution, one statement), agreement, parties (who may
# write), the obligation, its UPDATE and its audit entry.
# On PostgreSQL a request that reads network-owned rows first sets the row-level-security context (the audit
# entry of a save takes its id from the column's default inside its INSERT: no statement more).
RLS_CONTEXT = {"list": 2, "agreement": 2, "public": 1, "obligation-save": 2}
# /n/ pages +1: the one-statement URL resolution reads unscoped (its own context), then the request's scope is set.


def _populate(make, size: int):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator")
    plan = make.plan(network, 2026, title="План")
    partners = []
    for n in range(size):
        partner = make.institution(f"Партнёр {n}", kind="museum", slug=f"p{n}")
        make.member(network, partner, "social_partner")
        partners.append(partner)
        make.section(plan, f"Раздел {n}", partner, position=n)
    target = make.agreement(network, [school, *partners[:max(2, size // 4)]], "Главный договор", status="active",
                            published=True,
                            obligations={party: [f"Обязательство {k}" for k in range(size // 4 + 1)]
                                         for party in [school, *partners[:3]]})
    for n in range(min(size, 3)):
        make.agreement_file(target, f"скан-{n}.pdf")
    make.agreement_link(target, make.section(plan, "Связанный раздел", partners[0], position=999))
    for n in range(size):
        make.agreement(network, [school, partners[n]], f"Договор {n}", status=("active", "draft", "signing")[n % 3],
                       published=n % 2 == 0)
    draft = make.agreement(network, [school, partners[0]], "Черновик",
                           obligations={partners[0]: [f"Пункт {k}" for k in range(size)]})
    return coordinator, target, draft


def _expected(app, key: str) -> int:
    expected = BUDGETS[key]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += RLS_CONTEXT[key]
    return expected


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("page", ["list", "agreement", "public"])
def test_agreement_pages_are_pinned_and_flat(app, client, make, login_as, count_queries, page, size):
    coordinator, target, draft = _populate(make, size)
    login_as(coordinator)
    url = {"list": "/n/net/agreements/", "agreement": f"/n/net/agreements/{draft.id}",
           "public": "/public/n/net/agreements"}[page]
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert len(statements) == _expected(app, page), "\n".join(statements)
    if page == "agreement":  # the active one (no forms of a draft) costs no more
        with count_queries() as statements:
            assert client.get(f"/n/net/agreements/{target.id}").status_code == 200
        assert len(statements) <= _expected(app, page), "\n".join(statements)


@pytest.mark.parametrize("size", [2, 40])
def test_obligation_save_is_pinned_and_flat(app, client, make, login_as, read, count_queries, size):
    from workspace.agreements.models import Obligation
    from workspace.extensions import db
    coordinator, _target, draft = _populate(make, size)
    login_as(coordinator)
    page = f"/n/net/agreements/{draft.id}"
    token = csrf_token_from(client.get(page).get_data(as_text=True))
    with read():
        obligation = db.session.scalar(select(Obligation.id).where(Obligation.agreement_id == draft.id).limit(1))
    headers = {"HX-Request": "true", "HX-Target": f"obligation-{obligation}"}
    with count_queries() as statements:
        response = client.post(f"{page}/obligations/{obligation}", headers=headers, data={
            f"o{obligation}-text": "Изменённое", f"o{obligation}-version": "1", "csrf_token": token})
    assert response.status_code == 200 and "Изменённое" in response.get_data(as_text=True)
    assert len(statements) == _expected(app, "obligation-save"), "\n".join(statements)
