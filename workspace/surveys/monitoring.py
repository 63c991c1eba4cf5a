"""The surveys' figure provider and the satisfaction source of the monitoring dashboard."""
from __future__ import annotations

from flask import g, has_request_context, url_for
from sqlalchemy import func, select

from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.monitoring.registry import (
    BoundScope,
    Figure,
    Headline,
    MonitoringScope,
    SectionContent,
    register_indicator_source,
    register_monitoring_rows,
    register_monitoring_section,
)
from workspace.surveys.models import QuestionKind, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse, SurveyStatus
from workspace.surveys.queries import SATISFIED, satisfaction_percent


def survey_rows(scope: MonitoringScope) -> list[tuple[int, str, int, int, int, int]]:
    """(id, title, start_year, responses, satisfied marks (4–5), number of satisfaction marks) of the published
    surveys of both years: one read."""
    return scope.rows("survey_rows")


def _survey_rows(scope: BoundScope):
    responses = (select(func.count(SurveyResponse.id)).where(SurveyResponse.survey_id == Survey.id)
                 .correlate(Survey).scalar_subquery())
    marks = (select(func.count(SurveyAnswer.id))
             .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
             .where(SurveyQuestion.survey_id == Survey.id, SurveyQuestion.is_satisfaction.is_(True),
                    SurveyQuestion.kind == QuestionKind.SCALE, SurveyAnswer.choice.in_(SATISFIED))
             .correlate(Survey).scalar_subquery())
    marked = (select(func.count(SurveyAnswer.id))
              .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
              .where(SurveyQuestion.survey_id == Survey.id, SurveyQuestion.is_satisfaction.is_(True),
                     SurveyQuestion.kind == QuestionKind.SCALE, SurveyAnswer.choice.is_not(None))
              .correlate(Survey).scalar_subquery())
    return (select(Survey.id, Survey.title, Survey.start_year, responses, marks, marked)
            .where(Survey.start_year.in_([year.start_year for year in scope.years]),
                   Survey.status != SurveyStatus.DRAFT)
            .order_by(Survey.start_year.desc(), Survey.id))


def _survey_values(_scope: MonitoringScope, rows) -> list[tuple[int, str, int, int, int, int]]:
    return [(survey_id, title, start_year, int(count or 0), int(total or 0), int(number or 0))
            for survey_id, title, start_year, count, total, number in rows]


def satisfaction_by_year(scope: MonitoringScope) -> tuple[float | None, float | None]:
    """The satisfaction of each year: the share of satisfied marks (4 or 5 of 5) among every
    «удовлетворённость» mark of the year's surveys (pooled over surveys)."""
    result = []
    for year in scope.years:
        marks = [(total, number) for _id, _title, start_year, _count, total, number in survey_rows(scope)
                 if start_year == year.start_year]
        number = sum(n for _total, n in marks)
        result.append(satisfaction_percent(sum(t for t, _n in marks), number))
    return result[0], result[1]


def _surveys_url(scope: MonitoringScope) -> str:
    """The network's list of surveys (the rows counted), on a network's dashboard requested in a browser."""
    if scope.institution_id is None and has_request_context() and getattr(g, "network", None) is not None:
        return url_for("surveys.list_surveys")
    return ""


def surveys_section(scope: MonitoringScope) -> SectionContent:
    rows = [row for row in survey_rows(scope) if row[2] == scope.year.start_year]
    this, last = satisfaction_by_year(scope)
    responses = {year.start_year: sum(row[3] for row in survey_rows(scope) if row[2] == year.start_year)
                 for year in scope.years}
    figure = Figure(
        "surveys", _("Анкетирование: ответы и удовлетворённость, %(year)s", year=scope.year.label), "bars",
        _("Анкета"), [row[1] for row in rows],
        [(_("Ответов"), [row[3] for row in rows]),
         (_("Удовлетворённость, %"), [satisfaction_percent(row[4], row[5]) or 0 for row in rows])],
        _("Число ответов и удовлетворённость: доля ответов «4» и «5» по шкале 1–5 среди всех ответов на "
          "вопросы об удовлетворённости."),
        rows_url=_surveys_url(scope))
    return SectionContent(
        headlines=[Headline(_("Ответов на анкеты"), responses[scope.year.start_year],
                            responses[scope.previous.start_year]),
                   Headline(_("Удовлетворённость"), this, last, "%")],
        figures=[figure])


register_monitoring_rows("survey_rows", _survey_rows, _survey_values)
register_monitoring_section("surveys", _l("Анкетирование родителей и обучающихся"), surveys_section, position=60)
register_indicator_source("survey_satisfaction", _l("Удовлетворённость по анкетам"), "%", satisfaction_by_year,
                          position=110)
