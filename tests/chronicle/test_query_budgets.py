"""SQL statements of the chronicle and the search: pinned, and the same for small and large data."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20

# chronicle: the user, then the network with membership and seat (URL resolution on /n/, one statement; on /i/
# the networks), the partner filter's choices, then ONE statement for every source (a UNION ALL of reports,
# approvals, meetings, agreements signed, projects approved, programmes published, new materials; the agreements'
# visibility reads the user's seats in a subquery), then the photos of the reports shown.
# (Was 11: one statement per source and the seats on their own; the sources became parts of one UNION ALL.)
# search: the user, the institution's networks, then ONE statement for every kind (plan items, plans, meetings,
# institutions, people, projects, agreements, the request table, the programmes with the school's own pupils, the
# bank's materials with the normative documents, programme passports: the parts of one UNION ALL,
# workspace/search/registry.py). (Was 13: one statement per kind.)
BUDGETS = {"chronicle": 5, "chronicle-next": 5, "institution-chronicle": 5, "institution-chronicle-next": 5,
           "search": 3, "search-dropdown": 3}
# On PostgreSQL the first read of a network-owned table sets the row-level-security context: one more; /n/ +1:
# the URL resolution's unscoped read sets its own context before the request's scope. (The chronicle's two more,
# the agreements' unscoped read of the seats switching the context there and back, are gone: the seats are a
# subquery under the page's scope.)
RLS_CONTEXT = {"chronicle": 2, "chronicle-next": 2, "institution-chronicle": 1, "institution-chronicle-next": 1,
               "search": 1, "search-dropdown": 1}


def _populate(make, size: int):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator", full_name="Координатор Ёлкин")
    plan = make.plan(network, 2026, title="План ёлочных событий")
    partners = []
    for n in range(size):
        partner = make.institution(f"Ёлочный партнёр {n}", kind="museum", slug=f"p{n}")
        make.member(network, partner, "social_partner")
        make.user(partner, "coordinator", full_name=f"Ёлкина {n}")
        partners.append(partner)
    sections = [make.section(plan, f"Раздел {k}", partners[k % len(partners)], position=k) for k in range(2)]
    for n in range(size):
        item = make.item(sections[n % 2], f"Ёлка {n:03d}", "октябрь", position=n)
        make.report(item, date(2026, 10, 1) + timedelta(days=n % 20), summary=f"Итоги {n}",
                    files=tuple((f"{k}.png", PNG, "image/png") for k in range(3)))
    for n in range(size // 2):
        make.meeting(network, n + 10, held_on=date(2026, 9, 1) + timedelta(days=n), place="Зал ёлок")
    make.approved_section(sections[0], "Раздел ёлок утверждён")
    return coordinator


PAGES = {"chronicle": "/n/net/chronicle", "institution-chronicle": "/i/school/chronicle",
         "search": "/i/school/search?q=ёлк", "search-dropdown": "/i/school/search?q=ёлк"}


def _url(client, page: str) -> str:
    if page.endswith("-next"):
        first = client.get(PAGES[page[:-5]]).get_data(as_text=True)
        return re.search(r'<a href="([^"]+)">Показать ещё</a>', first).group(1).replace("&amp;", "&")
    return PAGES[page]


@pytest.mark.parametrize("size", [4, 60])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, page, size):
    app.config["CHRONICLE_PAGE_SIZE"] = 3 if size == 4 else 20
    login_as(_populate(make, size))
    url = _url(client, page)
    headers = {"HX-Request": "true", "HX-Target": "search-results" if page == "search-dropdown" else "chronicle-more"} \
        if page.endswith(("-next", "-dropdown")) else {}
    client.get(url, headers=headers)
    with count_queries() as statements:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Ёлка" in body
    expected = BUDGETS[page]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += RLS_CONTEXT[page]
    assert len(statements) == expected, "\n".join(statements)
