"""SQL statements of the monitoring and survey pages: pinned, and the same for small and large data."""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.conftest import csrf_token_from
from workspace.plans.models import ItemStatus

# indicators: 4 — the form offers the rows of the interaction model an indicator may measure (issue 20 part 3);
# dashboards 5 (an institution's 4) — every area's grouped reads in one statement, see below
BUDGETS = {"dashboard": 5, "institution-dashboard": 4, "print": 5, "indicators": 4, "survey": 4, "results": 8,
           "results-round": 14, "public-survey": 4, "answer": 8}
# On PostgreSQL a page that reads network-owned rows first sets the row-level-security context: one more
# statement; the public link sets it twice (the token lookup outside the scope, then the survey's network).
# /n/ pages: two (the URL resolution's unscoped one-statement read, then the request's scope).
RLS_CONTEXT = {"dashboard": 2, "institution-dashboard": 1, "print": 2, "indicators": 2, "survey": 2, "results": 2,
               "results-round": 2, "public-survey": 2, "answer": 2}
# A later round's results (issue 20) read the previous round (1) and its results (its questions, responses counted,
# answers grouped by choice, respondents per question, texts: 5) besides its own.
# What the network's dashboard reads: the user, the network with the membership and the seat (2, every network
# page); every area's grouped read in ONE statement (1, ``scope.read_all``: the plan items of both years grouped by
# partner, day and status; the names of the members and of the networks; the participants of both years grouped; the
# council's decisions grouped; the surveys with their response and satisfaction sums; the enrolled pupils of both
# years grouped by school and class; the agreements grouped by kind, status and term; the projects of both years
# with their indicators outer-joined; the journal's marks grouped by month, provider and attendance); the indicators
# with their hand-entered values (1). Computed indicators reuse the sections' rows. The institution's dashboard: the
# user and the institution's networks (2), then the same one statement (with its active pupils by grade) without the
# network's indicators. Both
# dashboards: the schools' diagnostic totals with their indicators (1, shared by the section and the indicators'
# values; an institution's: its own). The answer: the token, the survey, its questions, «already answered?», the
# marker, the response and the answers (one executemany).


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
        make.indicator_value(indicator, 2026, n, point="start")   # measurement points: still one statement
        make.indicator_value(indicator, 2025, n + 1, point="final")
        make.monitoring_indicator(network, f"Вычисляемый {n}", source=("events_held_share", "participants",
                                                            "survey_satisfaction")[n % 3], target=50)
    _populate_areas(make, network, school, partners, size)
    survey = make.survey(network, "Анкета", questions=(
        ("single", "Вопрос", ["Да", "Нет"], False), ("multiple", "Что", ["А", "Б", "В"], False),
        ("scale", "Довольны?", [], True), ("text", "Предложения", [], False)))
    single, multiple, scale, text = survey.questions
    for n in range(size):
        make.survey_response(survey, {single: 1 + n % 2, multiple: [1, 3], scale: 1 + n % 5, text: f"Ответ {n}"})
    later = make.survey(network, "Анкета, раунд 2", previous_round=survey, questions=(("scale", "Довольны?", [], True),))
    for n in range(size):
        make.survey_response(later, {later.questions[0]: 1 + n % 5})
    coordinator.later_round_id = later.id
    return coordinator, survey


def _populate_areas(make, network, school, partners, size: int):
    """Agreements, projects with indicators, groups with enrolments, lessons and marks: all growing with size."""
    kinds, statuses = ("cooperation", "joint_activity", "other"), ("active", "expired", "terminated", "draft")
    for n in range(size):
        make.agreement(network, [school, partners[n]], f"Договор {n}", kind=kinds[n % 3], status=statuses[n % 4],
                       starts_on=date(2025 + n % 2, 9, 1 + n % 28), ends_on=date(2027, 8, 31))
        project = make.project(network, partners[n], f"Проект {n}", participants=(school,), with_stages=False,
                               status=("approved", "draft", "submitted")[n % 3], starts_on=date(2025 + n % 2, 9, 1))
        make.project_indicator(project, f"Показатель {n}", target=10 + n, actual=n)
    programme = make.programme(network, partners[0], "Робототехника")
    groups = [make.group(programme, f"Группа {k}") for k in range(2)]
    request = make.enrollment_request(programme, school)
    enrollments = [make.enrollment(request, make.pupil(school, class_label=f"{5 + n % 4}А"), status="enrolled",
                                   group=groups[n % 2]) for n in range(size)]
    for group in groups:
        lessons = make.lessons(group, max(size // 4, 2))
        make.fill_marks(lessons, [e for e in enrollments if e.group_id == group.id])


PAGES = {"dashboard": "/n/net/monitoring/?year=2026", "institution-dashboard": "/i/school/monitoring/?year=2026",
         "print": "/n/net/monitoring/print?year=2026", "indicators": "/n/net/monitoring/indicators",
         "survey": "/n/net/surveys/{survey_id}", "results": "/n/net/surveys/{survey_id}/results",
         "results-round": "/n/net/surveys/{round_id}/results"}


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
    url = PAGES[page].format(survey_id=survey.id, round_id=coordinator.later_round_id)
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


def _without_tokens(page: str) -> str:
    """The page with its CSRF tokens blanked: a token carries the second it was signed in. A token is the JSON
    string of 40 hex digits, base64: «"» and a digit give «Ij…», «"» and a letter a–f give «Im…»."""
    blanked = re.sub(r"I[jm][\w-]+\.[\w-]+\.[\w-]+", "", page)
    assert not re.search(r'(csrf_token" value="|X-CSRFToken": ")[^"]', blanked)  # none is left
    return blanked


def test_dashboard_reuses_its_rows_for_a_while_and_says_when_they_were_read(app, client, make, login_as,
                                                                            count_queries):
    """With MONITORING_CACHE_SECONDS the grouped reads run once per scope and period: the next view reads only
    the user, the network and the indicators' hand-entered values, and shows the same figures."""
    from workspace.monitoring import registry
    coordinator, _survey = _populate(make, 4)
    login_as(coordinator)
    app.config["MONITORING_CACHE_SECONDS"] = 60
    registry._SHARED.clear()
    try:
        with count_queries() as first_statements:
            first = client.get("/n/net/monitoring/").get_data(as_text=True)
        with count_queries() as statements:
            again = client.get("/n/net/monitoring/").get_data(as_text=True)
        assert len(first_statements) == _expected(app, "dashboard")
        assert len(statements) == _expected(app, "dashboard") - 1, "\n".join(statements)  # the totals: read again
        assert "данные на " in again and _without_tokens(again) == _without_tokens(first)
        registry._SHARED.clear()  # expired: read again
        with count_queries() as statements:
            client.get("/n/net/monitoring/")
        assert len(statements) == _expected(app, "dashboard")
    finally:
        app.config["MONITORING_CACHE_SECONDS"] = 0
        registry._SHARED.clear()
