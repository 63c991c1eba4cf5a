"""Surveys of parents and pupils (анкетирование): questions, anonymous responses, respondent markers.

Anonymity: a response row holds its answers and the day it came, nothing about who sent it. A separate
table holds, per survey, the markers of those who already answered: an HMAC of the survey and a random
respondent id kept in the respondent's signed cookie (see ``workspace.surveys.respondents``). A marker
names no person, carries no time and no row id that would order it beside the responses, and is not
linked to any response.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Integer,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tenants.scoping import NetworkOwned
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import register
from workspace.core.models import CreatedAtMixin, db_enum
from workspace.extensions import db


class SurveyStatus(enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class SurveyAudience(enum.Enum):
    PARENTS = "parents"
    PUPILS = "pupils"
    TEACHERS = "teachers"
    PARTNERS = "partners"


class QuestionKind(enum.Enum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    TEXT = "text"


SCALE = (1, 2, 3, 4, 5)


class Survey(NetworkOwned, CreatedAtMixin, db.Model):
    """A survey; a repeated one is a new **round** (раунд): a copy of the previous round's questions, linked to
    it by ``previous_round_id`` so the results compare the two."""

    __tablename__ = "surveys"
    __table_args__ = (
        UniqueConstraint("id", "network_id"),
        ForeignKeyConstraint(["previous_round_id", "network_id"], ["surveys.id", "surveys.network_id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(400))
    description: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[SurveyAudience] = mapped_column(db_enum(SurveyAudience, "survey_audience"),
                                                     default=SurveyAudience.PARENTS)
    start_year: Mapped[int] = mapped_column(Integer)
    status: Mapped[SurveyStatus] = mapped_column(db_enum(SurveyStatus, "survey_status"), default=SurveyStatus.DRAFT)
    # The public link's secret (secrets.token_urlsafe(24)): set when the survey is published.
    token: Mapped[str | None] = mapped_column(String(64), unique=True)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    round_number: Mapped[int] = mapped_column(Integer, default=1)
    previous_round_id: Mapped[int | None] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    def audit_label(self) -> str:
        return self.title


class SurveyQuestion(NetworkOwned, db.Model):
    __tablename__ = "survey_questions"
    __table_args__ = (
        ForeignKeyConstraint(["survey_id", "network_id"], ["surveys.id", "surveys.network_id"], ondelete="CASCADE"),
        UniqueConstraint("id", "network_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[QuestionKind] = mapped_column(db_enum(QuestionKind, "survey_question_kind"))
    text: Mapped[str] = mapped_column(Text)
    options: Mapped[str] = mapped_column(Text, default="")  # one option a line (single and multiple choice)
    is_required: Mapped[bool] = mapped_column(Boolean, default=True)
    is_satisfaction: Mapped[bool] = mapped_column(Boolean, default=False)  # a scale that measures satisfaction

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def audit_label(self) -> str:
        return self.text[:120]

    def audit_subject(self):
        return Survey, self.survey_id


class SurveyResponse(NetworkOwned, db.Model):
    """One anonymous filled-in form: no user, no marker, only the day."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        ForeignKeyConstraint(["survey_id", "network_id"], ["surveys.id", "surveys.network_id"], ondelete="CASCADE"),
        UniqueConstraint("id", "network_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(Integer, index=True)
    submitted_on: Mapped[date] = mapped_column(Date)


class SurveyAnswer(NetworkOwned, db.Model):
    """An answer to one question: the chosen option's number (1-based) or scale value, or the text.
    A multiple choice gives one row per chosen option."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        ForeignKeyConstraint(["response_id", "network_id"], ["survey_responses.id", "survey_responses.network_id"],
                             ondelete="CASCADE"),
        ForeignKeyConstraint(["question_id", "network_id"], ["survey_questions.id", "survey_questions.network_id"],
                             ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(Integer, index=True)
    question_id: Mapped[int] = mapped_column(Integer, index=True)
    choice: Mapped[int | None] = mapped_column(SmallInteger)
    text: Mapped[str | None] = mapped_column(Text)


class SurveyRespondent(NetworkOwned, db.Model):
    """«Already answered»: a keyed hash per respondent and survey; no identity, no time, no sequence."""

    __tablename__ = "survey_respondents"
    __table_args__ = (
        PrimaryKeyConstraint("survey_id", "marker"),
        ForeignKeyConstraint(["survey_id", "network_id"], ["surveys.id", "surveys.network_id"], ondelete="CASCADE"),
    )

    survey_id: Mapped[int] = mapped_column(Integer)
    marker: Mapped[str] = mapped_column(String(64))


register({
    SurveyStatus.DRAFT: _l("Черновик"),
    SurveyStatus.OPEN: _l("Идёт опрос"),
    SurveyStatus.CLOSED: _l("Завершена"),
    SurveyAudience.PARENTS: _l("Родители"),
    SurveyAudience.PUPILS: _l("Обучающиеся"),
    SurveyAudience.TEACHERS: _l("Педагоги"),
    SurveyAudience.PARTNERS: _l("Партнёры"),
    QuestionKind.SINGLE: _l("Один вариант"),
    QuestionKind.MULTIPLE: _l("Несколько вариантов"),
    QuestionKind.SCALE: _l("Шкала 1–5"),
    QuestionKind.TEXT: _l("Свободный ответ"),
})
