"""Two networks, their institutions, every role, and one institution that belongs to both.

    network A: school A (base), library A, bridge (also in network B)
    network B: school B (base), partner B, bridge

Objects carry FOREIGN_MARK_B in their names so that a page shown to a user of network A can be
searched for anything of network B that must never appear there.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from tests.fixtures.hostile import valid_xlsx
from workspace.core.dates import local_today

ROLES = ("admin", "coordinator", "teacher", "staff")
MARK_B = "ЧУЖОЕ-Б"


@dataclass
class Side:
    network: object
    school: object
    partner: object
    users: dict = field(default_factory=dict)        # role -> user of the school
    partner_coordinator: object = None
    external: object = None
    seat: object = None
    note: object = None
    partner_membership: object = None
    model_row: object = None        # a row of the interaction model with a partner without an account
    plan: object = None
    section: object = None
    item: object = None
    plan_import: object = None
    feed_token: str = ""            # a live calendar feed link of the school's coordinator
    revoked_feed_token: str = ""
    disabled_feed_token: str = ""   # the feed of a user who was deactivated
    report_file_id: int = 0
    approval: object = None         # a request on the council's agenda (the plan itself stays a draft)
    meeting: object = None          # an open e-vote
    agenda_item: object = None
    agreement: object = None        # between the school and the partner, published, with an obligation
    obligation_id: int = 0
    agreement_file_id: int = 0
    agreement_link_id: int = 0
    project: object = None          # a joint project led by the school with the partner, and its children
    stage: object = None
    task: object = None
    project_indicator: object = None
    project_document: object = None
    roadmap_import: object = None
    consent: object = None          # of the pupil (a parent's consent), the school's alone
    pupil: object = None            # of the school; its contacts must never reach the provider (the partner)
    programme: object = None        # offered by the partner
    group: object = None
    slot: object = None
    application: object = None
    enrollment_request: object = None
    enrollment: object = None
    journal_group: object = None    # a network group of the school's programme, taught by its teacher
    journal_lesson: object = None
    journal_enrollment: object = None
    journal_certificate: object = None
    journal_attestation: object = None  # the programme's final attestation, the pupil's result «зачтено»
    material: object = None         # the bank: a material of the school with one file
    material_file_id: int = 0
    document: object = None         # the register: a regulation with one version
    document_version_id: int = 0
    need: object = None             # the request table: the school's need, the partner's matching offer,
    offer: object = None            # and their conversation
    conversation: object = None
    indicator: object = None        # a hand-entered monitoring indicator with a value
    diagnostic: object = None       # a diagnostic indicator (method «diagnostic») …
    diagnostic_entry: object = None  # … and the school's row for its pupil, with a note (the school's alone)
    survey: object = None           # an open survey with questions and one answer
    question: object = None
    draft_survey_token: str = ""    # the token of a draft (unpublished) survey: its link must not open
    decision: object = None         # a held meeting approved the partner's section (chronicle, search)
    invitation: object = None       # the school's waiting invitation of another institution into its network
    passport: object = None         # the programme's passport (a draft) with a stage and a ground from the register
    passport_stage: object = None
    achievement: object = None      # the partner (provider) recorded it for the pupil enrolled in its group; a scan
    school_achievement: object = None  # the school's own record for its pupil
    flag: object = None             # the school's flag on its pupil («одарённый»)
    analysis: object = None         # the yearly analysis (a draft) with the partner's line
    analysis_line_id: int = 0
    stage_analysis: object = None   # the analysis of the passport's dated stage (a draft)


@dataclass
class World:
    a: Side
    b: Side
    bridge: object
    bridge_coordinator: object
    bridge_note: object
    operator: object


def _add_journal(make, side: Side, mark: str) -> None:
    """The school runs a programme in its network: a group with a lesson, a pupil with a mark and a certificate."""
    programme = make.programme(side.network, side.school, f"Программа {mark}")
    side.journal_group = make.group(programme, f"Группа {mark}", teacher=side.users["teacher"])
    pupil = make.pupil(side.school, f"Ученик {mark}", "Иван")
    request = make.enrollment_request(programme, side.school)
    side.journal_enrollment = make.enrollment(request, pupil, status="enrolled", group=side.journal_group)
    side.journal_lesson = make.lesson(side.journal_group, date(2026, 9, 8), f"Тема {mark}")
    make.mark(side.journal_lesson, side.journal_enrollment, "present", "5")
    side.journal_certificate = make.certificate(side.journal_enrollment, side.journal_group, programme)
    side.journal_attestation = make.attestation(programme)
    make.attestation_result(side.journal_attestation, side.journal_enrollment, "pass")


def build_world(make) -> World:
    bridge = make.institution("Мост-учреждение", kind="museum", slug="bridge")
    sides = {}
    for key, mark in (("a", "Своё-А"), ("b", MARK_B)):
        school = make.institution(f"Школа {mark}", slug=f"school-{key}")
        partner = make.institution(f"Партнёр {mark}", kind="library", slug=f"partner-{key}")
        network = make.network(school, name=f"Сеть {mark}", slug=f"network-{key}", goal=f"Цель {mark}")
        partner_membership = make.member(network, partner, "social_partner",
                                         interaction_forms=f"Формы {mark}", social_effect=f"Эффект {mark}")
        make.member(network, bridge, "social_partner")
        side = Side(network=network, school=school, partner=partner, partner_membership=partner_membership)
        for role in ROLES:
            side.users[role] = make.user(school, role, full_name=f"{role} {mark}",
                                         email=f"{role}@school-{key}.test")
        side.partner_coordinator = make.user(partner, "coordinator", full_name=f"Координатор партнёра {mark}",
                                             email=f"coordinator@partner-{key}.test")
        side.external = make.user(None, None, full_name=f"Родитель {mark}", email=f"parent@{key}.test")
        side.seat = make.seat(network, side.users["admin"], "chair")
        make.seat(network, side.external, "member", represents=f"Родители {mark}")
        side.note = make.note(school, f"Заметка {mark}", side.users["coordinator"])
        side.model_row = make.model_row(network, f"Ведомство {mark}", kind="agency", contact=f"Контакт {mark}",
                                        forms=f"Форма строки {mark}", social_effect=f"Эффект строки {mark}")
        side.plan = make.plan(network, 2026, title=f"План {mark}")
        side.section = make.section(side.plan, f"План мероприятий с партнёром {mark}", partner)
        side.item = make.item(side.section, f"Мероприятие {mark}", "октябрь", audience="5-9 классы",
                              interaction_row=side.model_row, interaction_form=f"Форма строки {mark}")
        side.report_file_id = make.report(side.item, date(2026, 10, 15), summary=f"Отчёт {mark}",
                    files=((f"фото-{key}.png", b"\x89PNG\r\n\x1a\n" + mark.encode(), "image/png"),)).file_ids[0]
        side.plan_import = make.plan_import(side.plan, valid_xlsx([["№", "Мероприятие", "Сроки"],
                                                                   [1, f"Из файла {mark}", "май"]]))
        side.feed_token = make.calendar_feed(side.users["coordinator"], network=network)
        side.revoked_feed_token = make.calendar_feed(side.users["admin"], network=network, revoked=True)
        former = make.user(school, "teacher", full_name=f"Бывший педагог {mark}", email=f"former@school-{key}.test")
        side.disabled_feed_token = make.calendar_feed(former, institution=school)
        make.deactivate(former)
        side.approval = make.approval(side.plan, side.users["coordinator"], comment=f"Комментарий {mark}",
                                      mark_submitted=False)
        side.meeting = make.meeting(network, 1, kind="e_vote", deadline_on=local_today().replace(year=local_today().year + 1))
        side.agenda_item = make.agenda_item(side.meeting, f"Об утверждении {mark}", side.approval)
        make.vote(side.agenda_item, side.seat, "for")
        side.agreement = make.agreement(network, [school, partner], f"Договор {mark}", number=f"№-{mark}",
                                        subject=f"Предмет {mark}", published=True, status="active",
                                        obligations={partner: [f"Обязательство {mark}"]})
        make.agreement(network, [school, partner], f"Неопубликованный договор {mark}", subject=f"Скрытое {mark}")
        side.obligation_id = side.agreement.obligation_ids[0]
        side.agreement_file_id = make.agreement_file(side.agreement, f"скан-{key}.pdf",
                                                     b"%PDF-1.4 " + mark.encode()).id
        side.agreement_link_id = make.agreement_link(side.agreement, side.section).id
        side.project = make.project(network, school, f"Проект {mark}", participants=(partner,), goal=f"Цель проекта {mark}")
        side.stage = make.project_stages(side.project)[0]
        side.task = make.task(side.project, f"Задача {mark}", "октябрь", responsible=partner.short_name, stage=side.stage)
        side.project_indicator = make.project_indicator(side.project, f"Показатель {mark}", 10, 5)
        side.project_document = make.project_document(side.project, f"документ-{key}.pdf", b"%PDF-1.4 " + mark.encode())
        make.comment(side.project, side.users["coordinator"], f"Комментарий к проекту {mark}")
        side.roadmap_import = make.roadmap_import(side.project, valid_xlsx([["№", "Мероприятие", "Срок"],
                                                                            [1, f"Из дорожной карты {mark}", "май"]]))
        side.pupil = make.pupil(school, f"Ученик {mark}", "Иван", parent_phone=f"+7 900 {key}{key}{key}",
                                parent_email=f"parent-{key}@pupil.test", parent_name=f"Родитель ученика {mark}")
        side.programme = make.programme(network, partner, f"Программа {mark}")
        side.group = make.group(side.programme, f"Группа {mark}", teacher=side.partner_coordinator, place=f"Место {mark}")
        side.slot = make.slot(side.group, weekday=1, place=f"Кабинет {mark}")
        side.application = make.application(side.pupil, side.programme, note=f"Заявление {mark}")
        side.consent = make.consent(side.pupil, "photo_video", document=f"Согласие {mark}")
        side.enrollment_request = make.enrollment_request(side.programme, school, [side.pupil],
                                                          sent_by=side.users["coordinator"])
        side.enrollment = make.enrollment(side.enrollment_request, make.pupil(school, f"Зачислен {mark}", "Пётр"),
                                          status="enrolled", group=side.group)
        _add_journal(make, side, mark)
        side.achievement = make.achievement(side.enrollment, f"Достижение {mark}",
                                            scan=(f"диплом-{key}.png", b"\x89PNG\r\n\x1a\n" + mark.encode()))
        side.school_achievement = make.achievement(side.pupil, f"Достижение школы {mark}", network=network)
        side.flag = make.flag(side.pupil, "gifted", note=f"Одарённость {mark}")
        side.material = make.material(network, school, f"Сценарий квеста {mark}", tags=f"квест, {mark}",
                                      files=((f"квест-{key}.pdf", b"%PDF-1.4 " + mark.encode(), "application/pdf"),))
        side.material_file_id = side.material.file_ids[0]
        side.document = make.normative_document(network, f"Положение {mark}", versions=(
            (date(2026, 9, 1), f"положение-{key}.pdf", b"%PDF-1.4 " + mark.encode(), True, f"Редакция {mark}"),))
        side.document_version_id = side.document.version_ids[0]
        side.need = make.request(network, school, f"Нужен зал для квеста {mark}", category="venue")
        side.offer = make.request(network, partner, f"Зал для квеста и чтений {mark}", kind="offer", category="room")
        side.conversation = make.conversation(side.need, side.offer, messages=((partner, f"Сообщение {mark}"),))
        side.indicator = make.monitoring_indicator(network, f"Показатель {mark}", target=10, criterion=f"Критерий {mark}")
        make.indicator_value(side.indicator, 2026, 7)
        make.indicator_value(side.indicator, 2026, 5, point="start")  # входная диагностика (measurement points)
        side.diagnostic = make.monitoring_indicator(network, f"Диагностика {mark}", source="diagnostic", position=2)
        side.diagnostic_entry = make.diagnostic_entry(side.diagnostic, school, pupil=side.pupil,
                                                      note=f"Диагностика ребёнка {mark}")
        first_round = make.survey(network, f"Анкета {mark}, раунд 1", status="closed", start_year=2025)
        side.survey = make.survey(network, f"Анкета {mark}", previous_round=first_round, questions=(
            ("single", f"Вопрос {mark}", [f"Вариант {mark}", "Другое"], False), ("text", "Предложения", [], False)))
        side.question = side.survey.questions[0]
        make.survey_response(side.survey, {side.survey.questions[0]: 1, side.survey.questions[1]: f"Ответ {mark}"})
        side.draft_survey_token = make.survey(network, f"Черновик анкеты {mark}", status="draft").token
        side.decision = make.approved_section(side.section, f"Раздел утверждён {mark}", number=50)  # chronicle, search
        side.invitation = make.network_invitation(
            network, make.institution(f"Приглашённое учреждение {mark}", kind="theatre", slug=f"invited-{key}"))
        side.passport = make.passport(network, f"Паспорт {mark}", goal=f"Цель паспорта {mark}",
                                      results_parents=f"Результат для родителей {mark}", documents=(side.document,),
                                      stages=((f"Этап {mark}", None, None, f"Содержание этапа {mark}"),
                                              (f"Этап с датами {mark}", date(2026, 9, 1), date(2027, 5, 31), "")))
        side.passport_stage = make.passport_stage_of(side.passport)
        side.analysis = make.analysis(network, 2026, conclusion=f"Общий вывод {mark}",
                                      lines=((partner, "continue", f"Вывод по партнёру {mark}"),))
        side.analysis_line_id = side.analysis.line_ids[0]
        side.stage_analysis = make.analysis(network, 2026, conclusion=f"Вывод за этап {mark}", stage=SimpleNamespace(
            id=None, title=f"Этап с датами {mark}", starts_on=date(2026, 9, 1), ends_on=date(2027, 5, 31)))
        sides[key] = side
    bridge_coordinator = make.user(bridge, "coordinator", full_name="Координатор моста", email="coordinator@bridge.test")
    bridge_note = make.note(bridge, "Заметка моста — только для моста", bridge_coordinator)
    operator = make.user(None, None, operator=True, full_name="Оператор", email="operator@test.example")
    return World(a=sides["a"], b=sides["b"], bridge=bridge, bridge_coordinator=bridge_coordinator,
                 bridge_note=bridge_note, operator=operator)

