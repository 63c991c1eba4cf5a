"""The survey builder: a draft's questions (added in place with htmx), reordering, publishing, closing."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import login, post_form
from workspace.extensions import db
from workspace.surveys.models import QuestionKind, Survey, SurveyQuestion, SurveyStatus


@pytest.fixture
def net(make):
    school = make.institution("Школа №9", slug="school9")
    network = make.network(school, name="Сеть девятой", slug="nine")
    coordinator = make.user(school, "coordinator", email="coord@school9.test")
    teacher = make.user(school, "teacher", email="teacher@school9.test")
    return type("Net", (), dict(school=school, network=network, coordinator=coordinator, teacher=teacher))


def _questions(read):
    with read():
        return db.session.execute(select(SurveyQuestion.text, SurveyQuestion.kind, SurveyQuestion.position)
                                  .order_by(SurveyQuestion.position)).all()


def test_build_publish_and_close_a_survey(client, login_as, net, read):
    login_as(net.coordinator)
    response = post_form(client, "/n/nine/surveys/", {"title": "Анкета родителей", "audience": "parents",
                                                       "start_year": "2026", "description": "Анонимно"})
    assert response.status_code == 302
    with read():
        survey = db.session.scalar(select(Survey))
    assert survey.status == SurveyStatus.DRAFT and survey.token is None
    url = f"/n/nine/surveys/{survey.id}"
    # a question added by htmx: only the questions' fragment comes back
    response = post_form(client, url + "/questions", {"text": "Довольны ли вы?", "kind": "scale",
                                                      "is_required": "y", "is_satisfaction": "y"},
                         page_url=url, headers={"HX-Request": "true", "HX-Target": "questions"})
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200
    assert fragment.lstrip().startswith('<div id="questions">') and "<html" not in fragment
    assert "Довольны ли вы?" in fragment and "удовлетворённость" in fragment
    # without JavaScript: a redirect back to the page
    response = post_form(client, url + "/questions", {"text": "Что посетили?", "kind": "multiple",
                                                      "options": "Театр\nМузей\n\nБиблиотеку"}, page_url=url)
    assert response.status_code == 302
    post_form(client, url + "/questions", {"text": "Предложения", "kind": "text"}, page_url=url)
    assert [(text, kind.value) for text, kind, _p in _questions(read)] == [
        ("Довольны ли вы?", "scale"), ("Что посетили?", "multiple"), ("Предложения", "text")]
    with read():
        question_ids = db.session.scalars(select(SurveyQuestion.id).order_by(SurveyQuestion.position)).all()
        assert db.session.scalar(select(SurveyQuestion.options).where(SurveyQuestion.id == question_ids[1])) \
            == "Театр\nМузей\n\nБиблиотеку"
    # reorder: the last one up
    response = post_form(client, f"{url}/questions/{question_ids[2]}/move", {"direction": "up"}, page_url=url,
                         headers={"HX-Request": "true", "HX-Target": "questions"})
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("disabled") == 2  # the first can't go up, the last down
    assert [text for text, _k, _p in _questions(read)] == ["Довольны ли вы?", "Предложения", "Что посетили?"]
    # delete asks first
    assert "Удалить вопрос?" in client.get(f"{url}/questions/{question_ids[0]}/delete").get_data(as_text=True)
    post_form(client, f"{url}/questions/{question_ids[0]}/delete", {}, page_url=url)
    assert len(_questions(read)) == 2
    # publish: a stale version is refused, then the link appears
    response = post_form(client, url + "/publish", {"version": "0"}, page_url=url)
    assert response.status_code == 409 and "только что изменил другой пользователь" in response.get_data(as_text=True)
    response = post_form(client, url + "/publish", {"version": "1"}, page_url=url)
    assert response.status_code == 302
    with read():
        survey = db.session.scalar(select(Survey))
    assert survey.status == SurveyStatus.OPEN and len(survey.token) >= 32
    page = client.get(url).get_data(as_text=True)
    assert f"/s/{survey.token}" in page and "Добавить вопрос" not in page
    # a published survey's questions no longer change
    assert post_form(client, url + "/questions", {"text": "Ещё", "kind": "text"}, page_url=url).status_code == 403
    assert "Завершить анкетирование?" in client.get(url + "/close").get_data(as_text=True)
    assert post_form(client, url + "/close", {}, page_url=url + "/close").status_code == 302
    with read():
        assert db.session.scalar(select(Survey.status)) == SurveyStatus.CLOSED


def test_bad_questions_are_refused_in_russian(client, login_as, net, make, read):
    survey = make.survey(net.network, status="draft")
    login_as(net.coordinator)
    url = f"/n/nine/surveys/{survey.id}"
    response = post_form(client, url + "/questions", {"text": "Один вариант?", "kind": "single", "options": "Да"})
    assert response.status_code == 422
    assert "не меньше двух вариантов" in response.get_data(as_text=True)
    response = post_form(client, url + "/questions", {"text": "Текст", "kind": "text", "is_satisfaction": "y"})
    assert "только у вопроса со шкалой 1–5" in response.get_data(as_text=True)
    response = post_form(client, url + "/questions", {"text": "", "kind": "scale"})
    assert response.status_code == 422 and "Заполните это поле." in response.get_data(as_text=True)
    assert _questions(read) == []
    response = post_form(client, url + "/publish", {"version": "1"}, page_url=url)
    assert response.status_code == 422 and "Добавьте хотя бы один вопрос" in response.get_data(as_text=True)


def test_only_managers_build(app, net, make, read):
    survey = make.survey(net.network, status="draft", questions=(("text", "Вопрос", [], False),))
    client = app.test_client()
    login(client, net.teacher.email)
    url = f"/n/nine/surveys/{survey.id}"
    assert client.get(url).status_code == 200
    assert "Добавить вопрос" not in client.get(url).get_data(as_text=True)
    assert post_form(client, url + "/questions", {"text": "Мой", "kind": "text"}, page_url=url).status_code == 403
    assert post_form(client, url + "/publish", {"version": "1"}, page_url=url).status_code == 403
    assert post_form(client, "/n/nine/surveys/", {"title": "Т", "audience": "parents", "start_year": "2026"}
                     ).status_code == 403
    assert len(_questions(read)) == 1
    assert QuestionKind.TEXT.value == "text"
