"""Demo of the monitoring: last year's plan with its reports (the comparison; this year's reports come with
the plans, workspace/demo/plans.py), the networks' indicators (computed and entered by hand), a parents' survey
with thirty anonymous answers and a pupils' survey in the Кошехабль network. Called once by
workspace.demo.loader, inside ``unscoped()``.

The figures the dashboard shows for the network «sosh31-kultura» are computed by hand from these
lists in tests/monitoring/test_demo_figures.py — change both together.
"""
from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

from sqlalchemy import select

from workspace.core.dates import AcademicYear
from workspace.demo.plans import file_report
from workspace.extensions import db
from workspace.monitoring.catalogue import NETWORK_INTERACTION, PERSONAL_DEVELOPMENT, apply_template
from workspace.monitoring.diagnostic_models import KIND_CLASS, KIND_PUPIL, DiagnosticEntry
from workspace.monitoring.diagnostics import refresh_total
from workspace.monitoring.models import MonitoringIndicator, MonitoringValue
from workspace.networks.models import InteractionRow, PartnerKind
from workspace.plans.editing import read_into
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanSection
from workspace.pupils.models import Pupil
from workspace.surveys.models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyAudience,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
)

NETWORK = "sosh31-kultura"

# Last year's plan: (partner slug, section title, items: (title, audience, timing, status, held on, participants))
LAST_YEAR = [
    ("mibs", "План мероприятий с МБУ «МИБС»", [
        ("Библиотечный урок «Как устроена библиотека»", "5 классы", "октябрь", "held", (10, 14), [("sosh31", 5, 56)]),
        ("Неделя детской книги", "2-3 классы", "март", "held", (3, 24), [("sosh31", 2, 50), ("sosh31", 3, 47)]),
    ]),
    ("dramteatr", "План мероприятий с Новокузнецким драматическим театром", [
        ("Посещение спектакля «Ревизор» с обсуждением", "8 классы", "декабрь", "held", (12, 12), [("sosh31", 8, 45)]),
        ("Театральная гостиная «Встреча с актёрами»", "5-7 классы", "апрель", "cancelled", None, []),
    ]),
]

# title, criterion, unit, target, source, {years back: value} (hand-entered only)
INDICATORS = [
    ("Доля проведённых мероприятий сетевого плана", "Выполнение плана сетевого взаимодействия", "%", 90,
     "events_held_share", {}),
    ("Число участий обучающихся в сетевых мероприятиях", "Охват обучающихся", "чел.", 600, "pupil_participants",
     {}),
    ("Удовлетворённость родителей сетевыми мероприятиями", "Удовлетворённость участников", "%", 80,
     "survey_satisfaction", {}),
    ("Доля обучающихся, посетивших учреждения культуры не реже раза в четверть", "Доступность культурной среды",
     "%", 75, "manual", {0: 64, 1: 58}),
    ("Число совместных проектов с учреждениями культуры", "Развитие сетевого взаимодействия", "шт.", 4, "manual",
     {0: 3, 1: 2}),
    ("Число призёров конкурсов и фестивалей партнёров", "Результативность", "чел.", 15, "manual", {1: 9}),
]

# The network's monitoring programme is made from the template of network interaction (workspace/monitoring/
# catalogue.py): its two computed indicators are already above (same sources), the other five are added and
# measured at points — (years back, point) → value: входная (September) and итоговая (May) last year, входная
# this September. tests/monitoring/test_demo_figures.py computes their levels and changes by hand.
PROGRAMME_VALUES = {
    "Доля педагогов, применяющих в работе ресурсы партнёров сети": {
        (1, "start"): 35, (1, "final"): 52, (0, "start"): 58},
    "Экспертная оценка деятельности сети советом": {(1, "start"): 3.2, (1, "final"): 3.8, (0, "start"): 4.1},
    "Доля педагогов, участвующих в инновационных проектах сети": {
        (1, "start"): 12, (1, "final"): 24, (0, "start"): 28},
    "Число новых педагогических практик, представленных сетью": {(1, "start"): 0, (1, "final"): 3, (0, "start"): 1},
    "Доля педагогов с высоким и средним уровнем готовности к сетевой работе": {
        (1, "start"): 46, (1, "final"): 68, (0, "start"): 71},
}
# The промежуточный замер of this year, taken in early December (issue 20 part 3): loaded when the demo's day is in
# December or later, so the dashboard shows three points — September, December of this year, and last May.
MIDDLE_VALUES = {
    "Доля педагогов, применяющих в работе ресурсы партнёров сети": 63,
    "Экспертная оценка деятельности сети советом": 4.2,
    "Доля педагогов, участвующих в инновационных проектах сети": 33,
    "Число новых педагогических практик, представленных сетью": 2,
    "Доля педагогов с высоким и средним уровнем готовности к сетевой работе": 73,
}
MIDDLE_TAKEN = (12, 1)  # (month, day) the промежуточный замер is taken

SURVEY_QUESTIONS = [
    ("single", "В каких мероприятиях сети ваш ребёнок участвовал чаще всего?",
     ["Библиотечные уроки и праздники", "Посещение спектаклей", "Музейные занятия", "Не участвовал"], True, False),
    ("scale", "Насколько вы удовлетворены организацией сетевых мероприятий?", [], True, True),
    ("scale", "Насколько, по-вашему, мероприятия полезны для развития ребёнка?", [], True, True),
    ("multiple", "Какие форматы вы хотели бы видеть чаще?",
     ["Спектакли с обсуждением", "Экскурсии в музеи", "Мастер-классы", "Семейные мероприятия"], False, False),
    ("text", "Ваши предложения и пожелания", [], False, False),
]
RESPONDENTS = 30
# answers of respondent i (0…29): single choice and the two scales as lists, multiple choice by rule, texts by index
# (this year's round 2; last year's round 1 had 24 answers, LAST_ROUND_* below)
SINGLE = [1] * 11 + [2] * 9 + [3] * 7 + [4] * 3
ORGANISATION = [5] * 12 + [4] * 12 + [3] * 4 + [2] * 2
USEFULNESS = [5] * 10 + [4] * 14 + [3] * 5 + [1] * 1
# Round 1 of the same survey, 2025/26 (closed in May): 24 answers — satisfied (4 or 5) 7 + 9 + 6 + 10 = 32 of 48
LAST_ROUND_RESPONDENTS = 24
LAST_ROUND_SINGLE = [1] * 10 + [2] * 8 + [3] * 4 + [4] * 2
LAST_ROUND_ORGANISATION = [5] * 7 + [4] * 9 + [3] * 6 + [2] * 2
LAST_ROUND_USEFULNESS = [5] * 6 + [4] * 10 + [3] * 6 + [1] * 2
TEXTS = {
    0: "Больше спектаклей по школьной программе для старших классов.",
    4: "Хотелось бы заранее знать расписание мероприятий на месяц.",
    9: "Спасибо библиотеке за праздник ко Дню знаний!",
    15: "Нужны семейные выходные в музеях.",
    22: "Удобнее, если сбор будет у школы, а не у театра.",
    28: "Очень понравилось обсуждение «Грозы» после спектакля.",
}


KOSHEKHABL_INDICATORS = [
    ("Доля проведённых мероприятий сетевого плана", "Выполнение плана сетевого взаимодействия", "%", 90,
     "events_held_share", {}),
    ("Число участий обучающихся в сетевых мероприятиях", "Охват обучающихся", "чел.", 900, "participants", {}),
    ("Доля обучающихся, занятых в сетевых объединениях", "Доступность дополнительного образования", "%", 80,
     "manual", {0: 71, 1: 66, 2: 58}),
    ("Число обучающихся, сдавших нормы ГТО на знак отличия", "Результативность", "чел.", 40, "manual",
     {1: 34, 2: 27}),
    ("Удовлетворённость обучающихся занятиями в сетевых объединениях", "Удовлетворённость участников", "%", 85,
     "survey_satisfaction", {}),
]

PUPILS_SURVEY_QUESTIONS = [
    ("single", "В каком объединении ты занимаешься?",
     ["Робототехника", "Юный эколог", "Адыгейская вышивка", "Программирование на Python", "Шахматы"], True, False),
    ("scale", "Насколько тебе нравятся занятия?", [], True, True),
    ("text", "Чему бы ты хотел(а) научиться ещё?", [], False, False),
]
PUPILS_RESPONDENTS = 18
PUPILS_SINGLE = [1] * 7 + [2] * 4 + [3] * 4 + [4] * 3
PUPILS_LIKING = [5] * 10 + [4] * 6 + [3] * 2
PUPILS_TEXTS = {2: "Собрать робота, который играет в футбол.", 8: "Вышить пояс к национальному костюму.",
                13: "Сделать свою игру на Python."}


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def _formats(i: int) -> list[int]:
    """Multiple choice of respondent i: 15 choose option 1, 10 option 2, 8 option 3, 6 option 4."""
    return [number for number, chosen in ((1, i % 2 == 0), (2, i % 3 == 0), (3, i % 4 == 1), (4, i % 5 == 2))
            if chosen]


def load_monitoring(networks, institutions, year: AcademicYear, today: date) -> None:

    network = networks[NETWORK]
    previous = AcademicYear(year.start_year - 1)

    def report(item, held_on, participants):
        file_report(network, item, held_on, held_on,
                    [(institutions[slug].id, grade, count) for slug, grade, count in participants])

    last = Plan(network_id=network.id, start_year=previous.start_year,
                title="Сетевой план мероприятий МБОУ «СОШ №31» с учреждениями культуры")
    db.session.add(last)
    db.session.flush()
    for position, (partner, title, items) in enumerate(LAST_YEAR, start=1):
        section = PlanSection(network_id=network.id, plan_id=last.id, title=title, position=position,
                              partner_institution_id=institutions[partner].id)
        db.session.add(section)
        db.session.flush()
        for number, (item_title, audience, timing, status, held_on, participants) in enumerate(items, start=1):
            item = PlanItem(network_id=network.id, plan_id=last.id, section_id=section.id, position=number,
                            number=str(number), title=item_title, status=ItemStatus(status))
            read_into(item, "audience", audience, previous)
            read_into(item, "timing", timing, previous)
            db.session.add(item)
            db.session.flush()
            if held_on:
                report(item, previous.date_of(*held_on), participants)

    for slug, indicators in ((NETWORK, INDICATORS), ("koshekhabl-set", KOSHEKHABL_INDICATORS)):
        owner = networks[slug]
        for position, (title, criterion, unit, target, source, values) in enumerate(indicators, start=1):
            indicator = MonitoringIndicator(network_id=owner.id, position=position, title=title,
                                            criterion=criterion, unit=unit, target=target, source=source)
            db.session.add(indicator)
            db.session.flush()
            db.session.add_all(MonitoringValue(network_id=owner.id, indicator_id=indicator.id,
                                               start_year=year.start_year - back, value=value)
                               for back, value in values.items())
    _load_programme(network, year, today)
    _link_parents_row(network)
    _load_diagnostics(network, institutions["sosh31"].id, year)
    _load_survey(network, year, today)
    _load_pupils_survey(networks["koshekhabl-set"], year, today)


def _link_parents_row(network) -> None:
    """The parents' satisfaction measures the effect of the model's parents row (issue 20 part 3): its page shows
    the indicator with its target and fact."""
    row_id = db.session.scalar(select(InteractionRow.id).where(InteractionRow.network_id == network.id,
                                                               InteractionRow.kind == PartnerKind.PARENTS))
    indicator = db.session.scalar(select(MonitoringIndicator).where(
        MonitoringIndicator.network_id == network.id,
        MonitoringIndicator.title == "Удовлетворённость родителей сетевыми мероприятиями"))
    if row_id is not None and indicator is not None:
        indicator.interaction_row_id = row_id


def _load_programme(network, year: AcademicYear, today: date) -> None:
    """The network's programme from the template (the indicators of its computed sources are already there)
    and the values of its five hand-entered indicators at their points; this year's промежуточный замер once
    December has come."""
    apply_template(network.id, NETWORK_INTERACTION)
    indicators = dict(db.session.execute(select(MonitoringIndicator.title, MonitoringIndicator.id)
                                         .where(MonitoringIndicator.network_id == network.id)).all())
    db.session.add_all(MonitoringValue(network_id=network.id, indicator_id=indicators[title],
                                       start_year=year.start_year - back, point=point, value=value)
                       for title, values in PROGRAMME_VALUES.items() for (back, point), value in values.items())
    if today >= year.date_of(*MIDDLE_TAKEN):
        db.session.add_all(MonitoringValue(network_id=network.id, indicator_id=indicators[title],
                                           start_year=year.start_year, point="middle", value=value)
                           for title, value in MIDDLE_VALUES.items())


def _open_survey(network, year: AcademicYear, today: date, opened: date, title: str, audience, description: str,
                 question_rows, previous_round=None) -> tuple:
    """A survey opened on ``opened`` (a draft if that day is still ahead) with its questions; the next round of
    ``previous_round`` when given."""
    survey = Survey(network_id=network.id, title=title, audience=audience, start_year=year.start_year,
                    status=SurveyStatus.OPEN if opened <= today else SurveyStatus.DRAFT,
                    token=secrets.token_urlsafe(24), opened_at=_at(opened) if opened <= today else None,
                    description=description, round_number=previous_round.round_number + 1 if previous_round else 1,
                    previous_round_id=previous_round.id if previous_round else None)
    db.session.add(survey)
    db.session.flush()
    questions = [SurveyQuestion(network_id=network.id, survey_id=survey.id, position=position,
                                kind=QuestionKind(kind), text=text, options="\n".join(options),
                                is_required=required, is_satisfaction=satisfaction)
                 for position, (kind, text, options, required, satisfaction) in enumerate(question_rows, start=1)]
    db.session.add_all(questions)
    db.session.flush()
    return survey, questions


def _answer(network, survey, submitted_on: date, answers) -> None:
    response = SurveyResponse(network_id=network.id, survey_id=survey.id, submitted_on=submitted_on)
    db.session.add(response)
    db.session.flush()
    db.session.add_all(SurveyAnswer(network_id=network.id, response_id=response.id, question_id=question.id,
                                    choice=choice, text=text) for question, choice, text in answers)


PARENTS_SURVEY = ("Удовлетворённость родителей сетевыми мероприятиями",
                  "Уважаемые родители! Анкета анонимная и займёт пять минут. Ваши ответы помогут школе и партнёрам "
                  "сделать мероприятия интереснее.")


def _load_last_round(network, year: AcademicYear) -> Survey:
    """Round 1 of the parents' survey, 2025/26: opened in April, closed in May, 24 answers."""
    previous = AcademicYear(year.start_year - 1)
    survey, questions = _open_survey(network, previous, previous.date_of(4, 1), previous.date_of(4, 1),
                                     PARENTS_SURVEY[0], SurveyAudience.PARENTS, PARENTS_SURVEY[1], SURVEY_QUESTIONS)
    survey.status, survey.closed_at = SurveyStatus.CLOSED, _at(previous.date_of(5, 20))
    single, organisation, usefulness, _formats_question, _proposals = questions
    for i in range(LAST_ROUND_RESPONDENTS):
        _answer(network, survey, previous.date_of(4, 2 + i % 25),
                [(single, LAST_ROUND_SINGLE[i], None), (organisation, LAST_ROUND_ORGANISATION[i], None),
                 (usefulness, LAST_ROUND_USEFULNESS[i], None)])
    return survey


def _load_survey(network, year: AcademicYear, today: date) -> None:
    """The parents' survey in two rounds: last year's (round 1) and this year's copy of it (round 2)."""
    last_round = _load_last_round(network, year)
    survey, questions = _open_survey(
        network, year, today, year.date_of(9, 25), PARENTS_SURVEY[0], SurveyAudience.PARENTS, PARENTS_SURVEY[1],
        SURVEY_QUESTIONS, previous_round=last_round)
    single, organisation, usefulness, formats, proposals = questions
    for i in range(RESPONDENTS):
        if year.date_of(10, 1 + i % 28) > today:  # the parents answer in October
            continue
        answers = [(single, SINGLE[i], None), (organisation, ORGANISATION[i], None), (usefulness, USEFULNESS[i], None)]
        answers += [(formats, choice, None) for choice in _formats(i)]
        if i in TEXTS:
            answers.append((proposals, None, TEXTS[i]))
        _answer(network, survey, year.date_of(10, 1 + i % 28), answers)


def _load_pupils_survey(network, year: AcademicYear, today: date) -> None:
    """The Кошехабль network asks its pupils in October: eighteen answers, those given by the load day."""
    survey, questions = _open_survey(
        network, year, today, year.date_of(10, 1), "Нравятся ли тебе занятия в сетевых объединениях?",
        SurveyAudience.PUPILS, "Ребята! Ответьте на три вопроса — анкета анонимная.", PUPILS_SURVEY_QUESTIONS)
    club, liking, wish = questions
    for i in range(PUPILS_RESPONDENTS):
        if year.date_of(10, 2 + i % 20) > today:
            continue
        response = SurveyResponse(network_id=network.id, survey_id=survey.id,
                                  submitted_on=year.date_of(10, 2 + i % 20))
        db.session.add(response)
        db.session.flush()
        answers = [(club, PUPILS_SINGLE[i], None), (liking, PUPILS_LIKING[i], None)]
        if i in PUPILS_TEXTS:
            answers.append((wish, None, PUPILS_TEXTS[i]))
        db.session.add_all(SurveyAnswer(network_id=network.id, response_id=response.id, question_id=question.id,
                                        choice=choice, text=text) for question, choice, text in answers)


# The creativity diagnostic of the personal-development template, held in СОШ №31 by class at September and May of
# last year and September of this one, with a few pupils entered one by one (their levels count as one pupil each):
# (years back, point) → [(class, assessed, high, middle, low, mean score)], [(pupil's place in the school's registry,
# level, score, note)]. tests/monitoring/test_diagnostics.py checks the network's values computed by hand from these.
CREATIVITY = ("Развитие креативных способностей", "Доля обучающихся с высоким и средним уровнем креативности")
CREATIVITY_CLASSES = {
    (1, "start"): [("7А", 25, 5, 9, 11, 4.1), ("7Б", 24, 4, 8, 12, None)],
    (1, "final"): [("7А", 25, 8, 11, 6, 4.6), ("7Б", 24, 7, 10, 7, None)],
    (0, "start"): [("8А", 26, 9, 11, 6, None), ("8Б", 23, 7, 10, 6, None)],
}
CREATIVITY_PUPILS = {
    (1, "final"): [(0, "high", 9.0, "Победитель школьного конкурса изобретателей"), (1, "middle", 6.5, "")],
    (0, "start"): [(2, "low", 3.0, "Рекомендовано занятие в кружке «Робототехника»")],
}


def _load_diagnostics(network, school_id: int, year: AcademicYear) -> None:
    criterion, title = CREATIVITY
    item = next(item for name, items in PERSONAL_DEVELOPMENT.criteria if name == criterion for item in items
                if item.title == title)
    position = db.session.scalar(select(db.func.max(MonitoringIndicator.position))
                                 .where(MonitoringIndicator.network_id == network.id)) or 0
    indicator = MonitoringIndicator(network_id=network.id, position=position + 1, title=item.title,
                                    criterion=criterion, unit=item.unit, target=item.target, source=item.source,
                                    level_high=item.level_high, level_middle=item.level_middle, note=item.note)
    db.session.add(indicator)
    db.session.flush()
    pupils = db.session.scalars(select(Pupil.id).where(Pupil.institution_id == school_id).order_by(Pupil.id)).all()
    for (back, point), classes in CREATIVITY_CLASSES.items():
        start_year = year.start_year - back
        for label, assessed, high, middle, low, score in classes:
            db.session.add(DiagnosticEntry(institution_id=school_id, network_id=network.id, indicator_id=indicator.id,
                                           start_year=start_year, point=point, kind=KIND_CLASS, class_label=label,
                                           assessed=assessed, high=high, middle=middle, low=low, score=score))
        for place, level, score, note in CREATIVITY_PUPILS.get((back, point), []):
            db.session.add(DiagnosticEntry(institution_id=school_id, network_id=network.id, indicator_id=indicator.id,
                                           start_year=start_year, point=point, kind=KIND_PUPIL,
                                           pupil_id=pupils[place], assessed=1, high=int(level == "high"),
                                           middle=int(level == "middle"), low=int(level == "low"), score=score,
                                           note=note))
        refresh_total(indicator, start_year, point, institution_id=school_id)
