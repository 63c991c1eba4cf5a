"""Access to a network's surveys and their questions: loaded in the network (404 for a foreign one), changed
by those who manage the council (403 for a member who lacks the right) while the survey's stage allows it
(questions only in a draft, closing only an open survey: 403 otherwise)."""
from __future__ import annotations

from flask import g

from tenants.permissions import can_manage_council
from workspace.core.access import require
from workspace.surveys.models import Survey, SurveyQuestion, SurveyStatus
from workspace.surveys.queries import get_question_or_404, get_survey_or_404


def may_manage() -> bool:
    return can_manage_council(g.network)


def managed_survey_or_404(survey_id: int, *, status: SurveyStatus = SurveyStatus.DRAFT) -> Survey:
    survey = get_survey_or_404(survey_id)
    require(may_manage())
    require(survey.status == status)
    return survey


def editable_question_or_404(survey_id: int, question_id: int) -> tuple[Survey, SurveyQuestion]:
    survey = get_survey_or_404(survey_id)
    question = get_question_or_404(survey, question_id)
    require(may_manage())
    require(survey.status == SurveyStatus.DRAFT)
    return survey, question
