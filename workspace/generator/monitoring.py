"""The monitoring of a generated city: per network six indicators (three computed, three entered by hand
for this year and the last) and one open parents' survey with answers (``responses_per_network``: 200 responses
per network at city scale, ~15 000 answers), written as core inserts like the other areas."""
from __future__ import annotations

import secrets
from datetime import timedelta

from workspace.core.dates import AcademicYear
from workspace.monitoring.models import MonitoringIndicator, MonitoringValue
from workspace.surveys.models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse

INDICATORS = (
    ("Доля проведённых мероприятий сетевого плана", "%", 90, "events_held_share"),
    ("Число участий обучающихся в сетевых мероприятиях", "чел.", 1500, "participants"),
    ("Удовлетворённость родителей сетевыми мероприятиями", "%", 80, "survey_satisfaction"),
    ("Доля обучающихся, занятых в сетевых программах", "%", 60, "manual"),
    ("Число совместных проектов", "шт.", 5, "manual"),
    ("Число призёров конкурсов партнёров", "чел.", 20, "manual"),
)
QUESTIONS = (
    ("single", "Откуда вы узнаёте о мероприятиях сети?",
     "От классного руководителя\nИз чата класса\nНа сайте школы", False),
    ("scale", "Насколько вы удовлетворены сетевыми мероприятиями?", "", True),
    ("multiple", "Какие форматы интереснее?", "Спектакли\nЭкскурсии\nМастер-классы\nСоревнования", False),
    ("text", "Ваши предложения", "", False),
)
PROPOSALS = ("Больше мероприятий для старших классов.", "Удобнее по субботам.", "Спасибо партнёрам!",
             "Нужны семейные мероприятия.")


def responses_per_network(scale) -> int:
    """A fifth of a network's plan items (200 at city and region scale), at least 10."""
    return max(scale.plan_items // max(scale.networks, 1) // 5, 10)


def build_monitoring(city) -> None:
    if not city.networks:
        return
    rng = city.rng
    year = AcademicYear.containing(city.today)
    per_network = responses_per_network(city.scale)
    indicators, values, surveys, questions, responses, answers = [], [], [], [], [], []
    for group in city.networks:
        for position, (title, unit, target, source) in enumerate(INDICATORS, start=1):
            indicator_id = city.new_id(MonitoringIndicator)
            indicators.append({"id": indicator_id, "network_id": group.id, "position": position, "title": title,
                               "criterion": "", "unit": unit, "target": target, "source": source, "note": "",
                               "version": 1, "created_at": city.now})
            if source == "manual":
                for back in (0, 1):
                    values.append({"id": city.new_id(MonitoringValue), "network_id": group.id,
                                   "indicator_id": indicator_id, "start_year": year.start_year - back,
                                   "value": round(target * rng.uniform(0.4, 1.1)), "version": 1,
                                   "created_at": city.now})
        survey_id = city.new_id(Survey)
        surveys.append({"id": survey_id, "network_id": group.id, "title": "Удовлетворённость родителей сетевыми "
                        "мероприятиями", "description": "", "audience": "parents", "start_year": year.start_year,
                        "status": "open", "token": secrets.token_urlsafe(24), "opened_at": city.now,
                        "closed_at": None, "version": 1, "created_at": city.now})
        question_ids = []
        for position, (kind, text, options, satisfaction) in enumerate(QUESTIONS, start=1):
            question_id = city.new_id(SurveyQuestion)
            question_ids.append(question_id)
            questions.append({"id": question_id, "network_id": group.id, "survey_id": survey_id, "position": position,
                              "kind": kind, "text": text, "options": options, "is_required": True,
                              "is_satisfaction": satisfaction})
        for _n in range(per_network):
            response_id = city.new_id(SurveyResponse)
            responses.append({"id": response_id, "network_id": group.id, "survey_id": survey_id,
                              "submitted_on": city.today - timedelta(days=rng.randint(0, 40))})
            chosen = [(question_ids[0], rng.randint(1, 3), None),
                      (question_ids[1], rng.choices((1, 2, 3, 4, 5), (1, 2, 5, 10, 12))[0], None)]
            chosen += [(question_ids[2], option, None) for option in (1, 2, 3, 4) if rng.random() < 0.4]
            if rng.random() < 0.2:
                chosen.append((question_ids[3], None, rng.choice(PROPOSALS)))
            answers += [{"id": city.new_id(SurveyAnswer), "network_id": group.id, "response_id": response_id,
                         "question_id": question_id, "choice": choice, "text": text}
                        for question_id, choice, text in chosen]
    for model, rows in ((MonitoringIndicator, indicators), (MonitoringValue, values), (Survey, surveys),
                        (SurveyQuestion, questions), (SurveyResponse, responses), (SurveyAnswer, answers)):
        city.insert(model, rows)
