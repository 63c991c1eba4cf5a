"""SQL statements of the monitoring and survey pages: pinned, and the same for small and large data."""
from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import csrf_token_from
from workspace.plans.models import ItemStatus

BUDGETS = {"dashboard": 8, "institution-dashboard": 7, "print": 8, "indicators": 3, "survey": 4, "results": 8,
           "public-survey": 4, "answer": 8}
# On PostgreSQL a page that reads network-owned rows first sets the row-level-security context: one more
# statement; the public link sets it twice (the token lookup outside the scope, then the survey's network).
# /n/ pages: two (the URL resolution's unscoped one-statement read, then the request's scope).
RLS_CONTEXT = {"dashboard": 2, "institution-dashboard": 1, "print": 2, "indicators": 2, "survey": 2, "results": 2,
               "public-survey": 2, "answer": 2}
# What the network's dashboard reads: the user, the network with the membership and the seat (2, every network
# page); the plan items of both years grouped by partner, day and status (1); the members' names (1); the
# participants of both years grouped (1); the council's decisions grouped (1); the surveys with their
# response and satisfaction sums (1); the indicators with their hand-entered values (1). Computed indicators
# reuse the sections' rows. The institution's dashboard: the user, the institution's networks, then the same
# grouped reads without the indicators (the network's names instead of the members'). The answer: the token,
# the survey, its questions, «already answered?», the marker, the response and the answers (one executemany).


def _populate(make, size: int):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator")
    plan = make.plan(network, 2026, title="План")
    last = make.plan(network, 2025, title="План прошлого года")
    partners = []
    for n in range(size):
        partner = make.institution(f"Партнёр {n}", kind="museum", slug=f"p{n}")
        make.member(network, partner, "social_partner")
        partners.append(partner)
    sections = [make.section(plan, f"Раздел {k}", partners[k % len(partners)], position=k) for k in range(2)]
    old_section = make.section(last, "Раздел прошлого года", partners[0])
    for n in range(size):
        item = make.item(sections[n % 2], f"Мероприятие {n}", "октябрь", position=n,
                         status=ItemStatus.HELD if n % 2 else ItemStatus.PLANNED)
        make.item(old_section, f"Прошлое {n}", "март", position=n)
        if n % 2:
            report = make.report(item, date(2026, 10, 1 + n % 28))
            make.participation(report, school, 1 + n % 11, 10 + n)
            make.participation(report, partners[n], None, 2)
    for n in range(max(size // 4, 1)):
        indicator = make.monitoring_indicator(network, f"Показатель {n}", position=n, target=10)
        make.indicator_value(indicator, 2026, n)
        make.monitoring_indicator(network, f"Вычисляемый {n}", source=("events_held_share", "participants",
                                                            "survey_satisfaction")[n % 3], target=50)
    survey = make.survey(network, "Анкета", questions=(
        ("single", "Вопрос", ["Да", "Нет"], False), ("multiple", "Что", ["А", "Б", "В"], False),
        ("scale", "Довольны?", [], True), ("text", "Предложения", [], False)))
    single, multiple, scale, text = survey.questions
    for n in range(size):
        make.survey_response(survey, {single: 1 + n % 2, multiple: [1, 3], scale: 1 + n % 5, text: f"Ответ {n}"})
    return coordinator, survey


PAGES = {"dashboard": "/n/net/monitoring/?year=2026", "institution-dashboard": "/i/school/monitoring/?year=2026",
         "print": "/n/net/monitoring/print?year=2026", "indicators": "/n/net/monitoring/indicators",
         "survey": "/n/net/surveys/{survey_id}", "results": "/n/net/surveys/{survey_id}/results"}


def _expected(app, page):
    expected = BUDGETS[page]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += RLS_CONTEXT[page]
    return expected


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, page, size):
    coordinator, survey = _populate(make, size)
    login_as(coordinator)
    url = PAGES[page].format(survey_id=survey.id)
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert len(statements) == _expected(app, page), "\n".join(statements)


@pytest.mark.parametrize("size", [2, 40])
def test_public_survey_and_answer_are_pinned_and_flat(app, client, make, count_queries, size):
    _coordinator, survey = _populate(make, size)
    single, multiple, scale, text = survey.questions
    url = f"/s/{survey.token}"
    client.get(url)
    with count_queries() as statements:
        page = client.get(url)
    assert page.status_code == 200
    assert len(statements) == _expected(app, "public-survey"), "\n".join(statements)
    data = {f"q{single.id}": "1", f"q{multiple.id}": ["1", "2"], f"q{scale.id}": "5", f"q{text.id}": "Спасибо",
            "csrf_token": csrf_token_from(page.get_data(as_text=True))}
    with count_queries() as statements:
        response = client.post(url, data=data)
    assert response.status_code == 200
    assert len(statements) == _expected(app, "answer"), "\n".join(statements)
