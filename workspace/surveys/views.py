"""The survey builder (a draft's questions: add with htmx, reorder, remove), publishing, closing, results."""
from __future__ import annotations

import secrets

from flask import abort, flash, g, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import func, select

from tenants.permissions import can_manage_council
from workspace.core.access import require
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.links import public_url
from workspace.core.locking import is_stale
from workspace.core.models import utcnow
from workspace.core.rendering import confirm_page, partial_requested, render
from workspace.extensions import db
from workspace.monitoring.registry import Figure
from workspace.surveys import bp
from workspace.surveys.access import editable_question_or_404, managed_survey_or_404, may_manage
from workspace.surveys.forms import QuestionForm, SurveyForm, VersionForm
from workspace.surveys.models import QuestionKind, Survey, SurveyAudience, SurveyQuestion, SurveyStatus
from workspace.surveys.queries import get_survey_or_404, questions_of, survey_results, surveys_of_network


def _years() -> list[tuple[int, str]]:
    current = AcademicYear.current().start_year
    return [(year, AcademicYear(year).label) for year in (current - 1, current, current + 1)]


@bp.route("/n/<network>/surveys/", methods=["GET", "POST"])
@login_required
def list_surveys():
    form = SurveyForm(_years())
    if request.method == "GET":
        form.start_year.data = AcademicYear.current().start_year
    if form.validate_on_submit():
        require(may_manage())
        survey = Survey(network_id=g.network.id, title=form.title.data, audience=SurveyAudience(form.audience.data),
                        start_year=form.start_year.data, description=form.description.data or "")
        db.session.add(survey)
        db.session.flush()
        flash(_("Анкета создана. Добавьте вопросы и опубликуйте её."), "success")
        return redirect(url_for("surveys.show_survey", survey_id=survey.id))
    if request.method == "POST":
        require(may_manage())
    return render("surveys/list.html", surveys=surveys_of_network(), form=form,
                  can_manage=can_manage_council(g.network), status=422 if form.errors else 200)


def _builder(survey: Survey, question_form: QuestionForm | None = None, status: int = 200, **extra):
    return render("surveys/survey.html", partials={"questions": "surveys/_questions.html"}, status=status,
                  survey=survey, questions=questions_of(survey), question_form=question_form or QuestionForm(
                      formdata=None), version_form=VersionForm(formdata=None),
                  can_manage=can_manage_council(g.network), public_url=_public_url(survey), **extra)


def _public_url(survey: Survey) -> str | None:
    if survey.token is None or survey.status != SurveyStatus.OPEN:
        return None
    return public_url("surveys.answer_survey", survey_token=survey.token)


@bp.get("/n/<network>/surveys/<int:survey_id>")
@login_required
def show_survey(survey_id: int):
    return _builder(get_survey_or_404(survey_id))


@bp.post("/n/<network>/surveys/<int:survey_id>/questions")
@login_required
def add_question(survey_id: int):
    survey = managed_survey_or_404(survey_id)
    form = QuestionForm()
    if not form.validate_on_submit():
        return _builder(survey, form, status=422)
    kind = QuestionKind(form.kind.data)
    position = db.session.scalar(select(func.coalesce(func.max(SurveyQuestion.position), 0))
                                 .where(SurveyQuestion.survey_id == survey.id)) + 1
    db.session.add(SurveyQuestion(
        network_id=g.network.id, survey_id=survey.id, position=position, kind=kind, text=form.text.data,
        options=form.options.data if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else "",
        is_required=bool(form.is_required.data), is_satisfaction=bool(form.is_satisfaction.data)))
    db.session.flush()
    if partial_requested("questions"):
        return _builder(survey, added=True)
    flash(_("Вопрос добавлен."), "success")
    return redirect(url_for("surveys.show_survey", survey_id=survey.id, _anchor="questions"))


@bp.post("/n/<network>/surveys/<int:survey_id>/questions/<int:question_id>/move")
@login_required
def move_question(survey_id: int, question_id: int):
    survey, question = editable_question_or_404(survey_id, question_id)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    siblings = questions_of(survey)
    index = next(i for i, sibling in enumerate(siblings) if sibling.id == question.id)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.position != position:
                sibling.position = position
    db.session.flush()
    if partial_requested("questions"):
        return _builder(survey)
    return redirect(url_for("surveys.show_survey", survey_id=survey.id, _anchor=f"question-{question.id}"))


@bp.get("/n/<network>/surveys/<int:survey_id>/questions/<int:question_id>/delete")
@login_required
def confirm_delete_question(survey_id: int, question_id: int):
    survey, question = editable_question_or_404(survey_id, question_id)
    return confirm_page(heading=_("Удалить вопрос?"), question=question.text,
                        action=url_for("surveys.delete_question", survey_id=survey.id, question_id=question.id),
                        confirm_label=_("Удалить"), cancel_url=url_for("surveys.show_survey", survey_id=survey.id))


@bp.post("/n/<network>/surveys/<int:survey_id>/questions/<int:question_id>/delete")
@login_required
def delete_question(survey_id: int, question_id: int):
    survey, question = editable_question_or_404(survey_id, question_id)
    db.session.delete(question)
    flash(_("Вопрос удалён."), "success")
    return redirect(url_for("surveys.show_survey", survey_id=survey.id, _anchor="questions"))


def _version_matches(survey: Survey) -> bool:
    form = VersionForm()
    return form.validate_on_submit() and not is_stale(survey, form.version.data)


@bp.post("/n/<network>/surveys/<int:survey_id>/publish")
@login_required
def publish_survey(survey_id: int):
    survey = managed_survey_or_404(survey_id)
    if not _version_matches(survey):
        return _builder(survey, status=409, message=_("Анкету только что изменил другой пользователь. "
                                                      "Проверьте её и опубликуйте ещё раз."))
    if not questions_of(survey):
        return _builder(survey, status=422, message=_("Добавьте хотя бы один вопрос, потом публикуйте."))
    survey.status, survey.token, survey.opened_at = SurveyStatus.OPEN, secrets.token_urlsafe(24), utcnow()
    flash(_("Анкета опубликована: отправьте респондентам ссылку ниже."), "success")
    return redirect(url_for("surveys.show_survey", survey_id=survey.id))


@bp.get("/n/<network>/surveys/<int:survey_id>/close")
@login_required
def confirm_close_survey(survey_id: int):
    survey = managed_survey_or_404(survey_id, status=SurveyStatus.OPEN)
    return confirm_page(heading=_("Завершить анкетирование?"),
                        question=_("После этого ссылка перестанет принимать ответы: «%(title)s».", title=survey.title),
                        action=url_for("surveys.close_survey", survey_id=survey.id), confirm_label=_("Завершить"),
                        cancel_url=url_for("surveys.show_survey", survey_id=survey.id))


@bp.post("/n/<network>/surveys/<int:survey_id>/close")
@login_required
def close_survey(survey_id: int):
    survey = managed_survey_or_404(survey_id, status=SurveyStatus.OPEN)
    survey.status, survey.closed_at = SurveyStatus.CLOSED, utcnow()
    flash(_("Анкетирование завершено, ответы больше не принимаются."), "success")
    return redirect(url_for("surveys.show_results", survey_id=survey.id))


def _source_round_or_404(survey_id: int) -> Survey:
    """A published (open or closed) survey a manager may repeat as a new round."""
    survey = get_survey_or_404(survey_id)
    require(may_manage())
    require(survey.status != SurveyStatus.DRAFT)
    return survey


@bp.get("/n/<network>/surveys/<int:survey_id>/round")
@login_required
def confirm_new_round(survey_id: int):
    survey = _source_round_or_404(survey_id)
    return confirm_page(
        heading=_("Провести новый раунд анкеты?"),
        question=_("Будет создан черновик «%(title)s» (раунд %(number)d) с теми же вопросами; его можно поправить и "
                   "опубликовать, а результаты сравнить с этим раундом.", title=survey.title,
                   number=survey.round_number + 1),
        action=url_for("surveys.new_round", survey_id=survey.id), confirm_label=_("Создать раунд"),
        cancel_url=url_for("surveys.show_survey", survey_id=survey.id))


@bp.post("/n/<network>/surveys/<int:survey_id>/round")
@login_required
def new_round(survey_id: int):
    """Copy a published survey and its questions into a new draft: the next round, this academic year."""
    survey = _source_round_or_404(survey_id)
    copy = Survey(network_id=g.network.id, title=survey.title, description=survey.description,
                  audience=survey.audience, start_year=AcademicYear.current().start_year,
                  status=SurveyStatus.DRAFT, round_number=survey.round_number + 1, previous_round_id=survey.id)
    db.session.add(copy)
    db.session.flush()
    db.session.add_all(SurveyQuestion(network_id=g.network.id, survey_id=copy.id, position=question.position,
                                      kind=question.kind, text=question.text, options=question.options,
                                      is_required=question.is_required, is_satisfaction=question.is_satisfaction)
                       for question in questions_of(survey))
    flash(_("Создан раунд %(number)d: проверьте вопросы и опубликуйте.", number=copy.round_number), "success")
    return redirect(url_for("surveys.show_survey", survey_id=copy.id))


@bp.get("/n/<network>/surveys/<int:survey_id>/results")
@login_required
def show_results(survey_id: int):
    survey = get_survey_or_404(survey_id)
    total, results, satisfaction = survey_results(survey)
    previous = None
    if survey.previous_round_id is not None:  # the comparison with the previous round: six statements more
        earlier = db.first_or_404(select(Survey).where(Survey.id == survey.previous_round_id))
        previous = (earlier, *survey_results(earlier))
    figures = {}
    for number, result in enumerate(results, start=1):
        if result.counts:
            figures[result.question.id] = Figure(
                f"question-{result.question.id}", f"{number}. {result.question.text}", "bars", _("Вариант"),
                [option for option, _count in result.counts], [(_("Ответов"), [count for _o, count in result.counts])],
                _("Число ответивших, выбравших каждый вариант."))
    return render("surveys/results.html", survey=survey, total=total, results=results, figures=figures,
                  satisfaction=satisfaction, previous=previous, can_manage=may_manage())
