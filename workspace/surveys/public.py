"""The public link of a published survey: no login, anonymous answers, once per respondent.

The token in the URL is the only key: the view looks the survey up by it (outside the tenant scope,
keyed by the unguessable token, as the calendar feeds are), then sets the scope to the survey's
network itself before reading or writing anything else. An unknown token and a draft answer 404;
a closed survey says so (410).
"""
from __future__ import annotations

from flask import abort, make_response, render_template, request
from flask_wtf import FlaskForm
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from tenants.entry import enter_public_survey
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.words import plural
from workspace.extensions import db
from workspace.surveys import bp
from workspace.surveys.models import (
    SCALE,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyRespondent,
    SurveyResponse,
    SurveyStatus,
)
from workspace.surveys.queries import questions_of
from workspace.surveys.respondents import marker, new_respondent, remember, respondent_from_cookie

MAX_TEXT = 2000


def _survey_by_token(token: str) -> Survey:
    if not (8 <= len(token) <= 64):
        abort(404)
    found = enter_public_survey(select(Survey.id, Survey.network_id).where(Survey.token == token))
    if found is None:
        abort(404)
    survey = db.session.scalar(select(Survey).where(Survey.id == found.id))
    if survey is None or survey.status == SurveyStatus.DRAFT:
        abort(404)
    return survey


def _page(survey, questions, *, answers=None, errors=None, message=None, done=False, status=200, respondent=None):
    response = make_response(render_template(
        "surveys/public.html", survey=survey, questions=questions, answers=answers or {}, errors=errors or {},
        message=message, done=done, closed=survey.status == SurveyStatus.CLOSED, form=FlaskForm()), status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"  # the token never leaves in a Referer
    if respondent is not None:
        remember(response, respondent)
    return response


def _already_answered(survey: Survey, respondent: str | None) -> bool:
    return respondent is not None and db.session.scalar(select(SurveyRespondent.survey_id).where(
        SurveyRespondent.survey_id == survey.id, SurveyRespondent.marker == marker(survey.id, respondent))) is not None


def _already() -> str:
    return _("Вы уже ответили на эту анкету. Повторный ответ не принимается — спасибо за участие!")


@bp.get("/s/<survey_token>")
def answer_survey(survey_token: str):
    survey = _survey_by_token(survey_token)
    questions = questions_of(survey)
    if survey.status == SurveyStatus.CLOSED:
        return _page(survey, questions, status=410)
    respondent = respondent_from_cookie()
    if _already_answered(survey, respondent):
        return _page(survey, questions, message=_already(), done=True)
    return _page(survey, questions, respondent=None if respondent else new_respondent())


def _read_answers(questions) -> tuple[dict[int, object], dict[int, str]]:
    answers, errors = {}, {}
    for question in questions:
        name = f"q{question.id}"
        if question.kind == QuestionKind.TEXT:
            value = (request.form.get(name) or "").strip()
            if len(value) > MAX_TEXT:
                character_noun = _("символ")
                errors[question.id] = _("Не длиннее %(characters)s.", characters=plural(MAX_TEXT, character_noun, case="gent"))
            answers[question.id] = value
            filled = bool(value)
        elif question.kind == QuestionKind.MULTIPLE:
            allowed = range(1, len(question.option_list) + 1)
            raw = request.form.getlist(name)
            chosen = sorted({int(value) for value in raw if value.isdigit() and int(value) in allowed})
            if len(chosen) != len(set(raw)):
                errors[question.id] = _("Выберите варианты из списка.")
            answers[question.id] = chosen
            filled = bool(chosen)
        else:
            allowed = SCALE if question.kind == QuestionKind.SCALE else range(1, len(question.option_list) + 1)
            raw = request.form.get(name) or ""
            value = int(raw) if raw.isdigit() and int(raw) in allowed else None
            if raw and value is None:
                errors[question.id] = _("Выберите вариант из списка.")
            answers[question.id] = value
            filled = value is not None
        if question.is_required and not filled and question.id not in errors:
            errors[question.id] = _("Ответьте на этот вопрос.")
    return answers, errors


@bp.post("/s/<survey_token>")
def submit_survey(survey_token: str):
    survey = _survey_by_token(survey_token)
    questions = questions_of(survey)
    if survey.status == SurveyStatus.CLOSED:
        return _page(survey, questions, status=410)
    if not FlaskForm().validate_on_submit():
        abort(400)
    respondent = respondent_from_cookie()
    if respondent is None:
        # No cookie came back (blocked, or the form was opened elsewhere): the answer cannot be counted
        # once, so it is not taken; the new cookie lets the next sending through.
        return _page(survey, questions, status=400, respondent=new_respondent(),
                     message=_("Не удалось отметить ваш ответ: разрешите браузеру cookies для этого сайта "
                               "и отправьте анкету ещё раз."))
    if _already_answered(survey, respondent):
        return _page(survey, questions, message=_already(), done=True, status=409)
    answers, errors = _read_answers(questions)
    if errors:
        return _page(survey, questions, answers=answers, errors=errors, status=422,
                     message=_("Проверьте ответы, отмеченные ниже."))
    try:
        with db.session.begin_nested():
            db.session.add(SurveyRespondent(network_id=survey.network_id, survey_id=survey.id,
                                            marker=marker(survey.id, respondent)))
    except IntegrityError:  # the same form sent twice at once
        return _page(survey, questions, message=_already(), done=True, status=409)
    response = SurveyResponse(network_id=survey.network_id, survey_id=survey.id, submitted_on=local_today())
    db.session.add(response)
    db.session.flush()
    rows = []
    for question in questions:
        value = answers.get(question.id)
        if question.kind == QuestionKind.TEXT:
            pairs = [(None, value)] if value else []
        elif question.kind == QuestionKind.MULTIPLE:
            pairs = [(choice, None) for choice in value or []]
        else:
            pairs = [(value, None)] if value is not None else []
        rows += [{"network_id": survey.network_id, "response_id": response.id, "question_id": question.id,
                  "choice": choice, "text": text} for choice, text in pairs]
    if rows:
        # One executemany for the answers. A bulk insert skips the flush-time owner check: the scoping hook checks
        # that every row's owner is the survey's network, the scope entered from the token (and PostgreSQL's policy).
        db.session.execute(insert(SurveyAnswer), rows)
    return _page(survey, questions, done=True, message=_("Спасибо! Ваш ответ записан анонимно."))
