"""Scoped loads of the surveys area and the results of one survey (a fixed number of statements)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from workspace.extensions import db
from workspace.surveys.models import SCALE, QuestionKind, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse


def get_survey_or_404(survey_id: int) -> Survey:
    return db.first_or_404(select(Survey).where(Survey.id == survey_id))


def get_question_or_404(survey: Survey, question_id: int) -> SurveyQuestion:
    return db.first_or_404(select(SurveyQuestion).where(SurveyQuestion.id == question_id,
                                                        SurveyQuestion.survey_id == survey.id))


def questions_of(survey: Survey) -> list[SurveyQuestion]:
    return list(db.session.scalars(select(SurveyQuestion).where(SurveyQuestion.survey_id == survey.id)
                                   .order_by(SurveyQuestion.position, SurveyQuestion.id)))


def surveys_of_network() -> list[tuple[Survey, int]]:
    responses = (select(func.count(SurveyResponse.id)).where(SurveyResponse.survey_id == Survey.id)
                 .correlate(Survey).scalar_subquery())
    return [(survey, count) for survey, count in db.session.execute(
        select(Survey, responses).order_by(Survey.start_year.desc(), Survey.id.desc()))]


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int = 0                                      # respondents who answered it
    counts: list[tuple[str, int]] = field(default_factory=list)  # option (or scale value) → count
    mean: float | None = None                              # scale only
    texts: list[str] = field(default_factory=list)         # free text only

    def share(self, count: int) -> float:
        return round(100 * count / self.answered, 1) if self.answered else 0.0


SATISFIED = (4, 5)  # the marks of a 1–5 scale that count as «удовлетворён»


def satisfaction_percent(satisfied: int, marks: int) -> float | None:
    """The share of satisfied answers (4 or 5 on a 1–5 scale) among every mark of the satisfaction
    questions: 24 of 30 → 80 %. (Not the mean × 20: then the lowest mark alone would read 20 %.)"""
    return round(100 * satisfied / marks, 1) if marks else None


def survey_results(survey: Survey) -> tuple[int, list[QuestionResult], float | None]:
    """(responses, per-question results, satisfaction %: the share of 4–5 marks of the satisfaction
    questions) in four statements whatever the answers."""
    questions = questions_of(survey)
    total = db.session.scalar(select(func.count(SurveyResponse.id)).where(SurveyResponse.survey_id == survey.id))
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    answered: dict[int, int] = {}
    for question_id, choice, count in db.session.execute(
            select(SurveyAnswer.question_id, SurveyAnswer.choice, func.count(SurveyAnswer.id))
            .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
            .where(SurveyQuestion.survey_id == survey.id, SurveyAnswer.choice.is_not(None))
            .group_by(SurveyAnswer.question_id, SurveyAnswer.choice)):
        counts[question_id][choice] = count
    for question_id, respondents in db.session.execute(
            select(SurveyAnswer.question_id, func.count(func.distinct(SurveyAnswer.response_id)))
            .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
            .where(SurveyQuestion.survey_id == survey.id).group_by(SurveyAnswer.question_id)):
        answered[question_id] = respondents
    texts: dict[int, list[str]] = defaultdict(list)
    for question_id, text in db.session.execute(
            select(SurveyAnswer.question_id, SurveyAnswer.text)
            .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
            .where(SurveyQuestion.survey_id == survey.id, SurveyAnswer.text.is_not(None))
            .order_by(SurveyAnswer.id)):
        texts[question_id].append(text)
    results, satisfied_count, satisfaction_count = [], 0, 0
    for question in questions:
        result = QuestionResult(question, answered.get(question.id, 0))
        by_choice = counts.get(question.id, {})
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            result.counts = [(option, by_choice.get(number, 0))
                             for number, option in enumerate(question.option_list, start=1)]
        elif question.kind == QuestionKind.SCALE:
            result.counts = [(str(value), by_choice.get(value, 0)) for value in SCALE]
            marks = sum(by_choice.get(value, 0) for value in SCALE)
            if marks:
                result.mean = round(sum(value * by_choice.get(value, 0) for value in SCALE) / marks, 2)
                if question.is_satisfaction:
                    satisfied_count += sum(by_choice.get(value, 0) for value in SATISFIED)
                    satisfaction_count += marks
        else:
            result.texts = texts.get(question.id, [])
        results.append(result)
    return total, results, satisfaction_percent(satisfied_count, satisfaction_count)
