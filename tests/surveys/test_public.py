"""The public link: no login, anonymous answers, counted once per respondent."""
from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select

from tests.conftest import csrf_token_from
from workspace.extensions import db
from workspace.surveys.models import SurveyAnswer, SurveyRespondent, SurveyResponse
from workspace.surveys.respondents import COOKIE

ALREADY = "Вы уже ответили на эту анкету. Повторный ответ не принимается"


@pytest.fixture
def survey(make):
    school = make.institution("Школа №3", slug="school3")
    network = make.network(school, name="Сеть третьей", slug="three")
    return make.survey(network, "Удовлетворённость родителей", questions=(
        ("single", "Откуда узнали?", ["Из чата", "От учителя"], False),
        ("multiple", "Что посетили?", ["Театр", "Музей", "Библиотеку"], False),
        ("scale", "Довольны ли вы?", [], True),
        ("text", "Предложения", [], False),
    ))


def _answers(survey, **overrides):
    single, multiple, scale, text = survey.questions
    data = {f"q{single.id}": "2", f"q{multiple.id}": ["1", "3"], f"q{scale.id}": "4",
            f"q{text.id}": "Больше экскурсий"}
    data.update(overrides)
    return data


def _send(client, survey, data):
    page = client.get(f"/s/{survey.token}")
    return client.post(f"/s/{survey.token}", data={**data, "csrf_token": csrf_token_from(page.get_data(as_text=True))})


def _counts(read):
    with read():
        return tuple(db.session.scalar(select(func.count()).select_from(model))
                     for model in (SurveyResponse, SurveyAnswer, SurveyRespondent))


def test_anonymous_answer_is_counted_once(client, survey, read):
    page = client.get(f"/s/{survey.token}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Удовлетворённость родителей" in text and "Анкета анонимная" in text
    assert page.headers["Cache-Control"] == "no-store" and page.headers["Referrer-Policy"] == "no-referrer"
    assert COOKIE in page.headers["Set-Cookie"] and "HttpOnly" in page.headers["Set-Cookie"]
    response = _send(client, survey, _answers(survey))
    assert response.status_code == 200
    assert "Спасибо! Ваш ответ записан анонимно." in response.get_data(as_text=True)
    assert _counts(read) == (1, 5, 1)  # one response; 1 + 2 + 1 + 1 answers; one marker
    # the second sending from the same browser is refused in Russian and not counted
    response = _send(client, survey, _answers(survey))
    assert response.status_code == 409
    assert ALREADY in response.get_data(as_text=True)
    assert _counts(read) == (1, 5, 1)
    # and opening the link again says so instead of showing the form
    page = client.get(f"/s/{survey.token}").get_data(as_text=True)
    assert ALREADY in page and "Отправить ответы" not in page


def test_another_browser_is_another_respondent(app, client, survey, read):
    _send(client, survey, _answers(survey))
    other = app.test_client()
    assert _send(other, survey, _answers(survey)).status_code == 200
    assert _counts(read)[0] == 2


def test_nothing_stored_names_the_respondent(client, survey, read):
    from workspace.audit.models import NetworkAuditEntry

    def audit_entries():
        with read():
            return db.session.scalar(select(func.count()).select_from(NetworkAuditEntry))
    before = audit_entries()
    _send(client, survey, _answers(survey))
    # the tables hold no user, address, agent or time of day; the marker is not linked to the response
    assert {c.name for c in inspect(SurveyResponse).columns} == {"id", "network_id", "survey_id", "submitted_on"}
    assert {c.name for c in inspect(SurveyRespondent).columns} == {"network_id", "survey_id", "marker"}
    cookie = client.get_cookie(COOKIE, path="/s/")
    with read():
        marker = db.session.scalar(select(SurveyRespondent.marker))
    assert len(marker) == 64 and cookie.value not in marker
    assert audit_entries() == before  # an anonymous answer leaves no audit entry (it would record the moment)


def test_a_forged_or_missing_cookie_is_not_counted(client, survey, read):
    page = client.get(f"/s/{survey.token}")
    token = csrf_token_from(page.get_data(as_text=True))
    client.set_cookie(COOKIE, "forged-value", path="/s/")
    response = client.post(f"/s/{survey.token}", data={**_answers(survey), "csrf_token": token})
    assert response.status_code == 400
    assert "разрешите браузеру cookies" in response.get_data(as_text=True)
    assert _counts(read) == (0, 0, 0)
    # the page handed out a fresh signed cookie: sending again now works
    response = client.post(f"/s/{survey.token}", data={**_answers(survey), "csrf_token": token})
    assert response.status_code == 200
    assert _counts(read)[0] == 1


def test_required_and_invalid_answers_are_refused(client, survey, read):
    single, multiple, scale, _text = survey.questions
    response = _send(client, survey, _answers(survey, **{f"q{scale.id}": ""}))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Ответьте на этот вопрос." in body and "Больше экскурсий" in body  # what was typed stays
    response = _send(client, survey, _answers(survey, **{f"q{scale.id}": "9", f"q{multiple.id}": ["1", "7"]}))
    assert response.status_code == 422
    assert "Выберите вариант из списка." in response.get_data(as_text=True)
    assert "Выберите варианты из списка." in response.get_data(as_text=True)
    assert _counts(read) == (0, 0, 0)


def test_draft_unknown_and_closed_links(client, make, survey, read):
    draft = make.survey(_network(survey), "Черновик", status="draft")
    assert client.get(f"/s/{draft.token}").status_code == 404
    assert client.get("/s/no-such-survey-token").status_code == 404
    closed = make.survey(_network(survey), "Прошлая анкета", status="closed",
                         questions=(("scale", "Довольны?", [], True),))
    response = client.get(f"/s/{closed.token}")
    assert response.status_code == 410
    assert "Анкетирование завершено" in response.get_data(as_text=True)


def _network(survey):
    """The survey's network as the factories need it (its id)."""
    return type("Network", (), {"id": survey.network_id})()
