"""Rounds of a survey: a published survey is copied (after a confirmation) into a new draft round with the same
questions, and the new round's results compare both rounds."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import login, post_form
from workspace.extensions import db
from workspace.surveys.models import Survey, SurveyQuestion


def test_a_new_round_copies_the_questions_and_compares(app, client, make, read):
    school = make.institution("Школа №8", slug="school8")
    network = make.network(school, name="Сеть восьмой", slug="eight")
    coordinator = make.user(school, "coordinator", email="coord@school8.test")
    teacher = make.user(school, "teacher", email="teacher@school8.test")
    first = make.survey(network, "Удовлетворённость родителей", questions=(
        ("scale", "Довольны?", [], True), ("text", "Пожелания", [], False)))
    scale = first.questions[0]
    for mark in (5, 4, 2, 1):   # satisfied 2 of 4 → 50 %
        make.survey_response(first, {scale: mark})
    login(client, coordinator.email)
    url = f"/n/eight/surveys/{first.id}/round"
    assert "Провести новый раунд" in client.get(f"/n/eight/surveys/{first.id}").get_data(as_text=True)
    assert "раунд 2" in client.get(url).get_data(as_text=True)
    response = post_form(client, url, {}, page_url=url)
    assert response.status_code == 302
    with read():
        second = db.session.scalar(select(Survey).where(Survey.id != first.id))
        texts = db.session.scalars(select(SurveyQuestion.text).where(SurveyQuestion.survey_id == second.id)
                                   .order_by(SurveyQuestion.position)).all()
    assert (second.round_number, second.previous_round_id, second.status.value) == (2, first.id, "draft")
    assert texts == ["Довольны?", "Пожелания"]
    # a draft is not repeated
    assert client.get(f"/n/eight/surveys/{second.id}/round").status_code == 403
    page = client.get(f"/n/eight/surveys/{second.id}/results").get_data(as_text=True)
    # round 1: 4 answers, 50 %; round 2: none yet
    assert "Сравнение раундов" in page and "Раунд 1" in page and "Раунд 2" in page
    assert '<td class="number">4</td><td class="number">50</td>' in page
    other = app.test_client()
    login(other, teacher.email)
    assert other.get(url).status_code == 403
