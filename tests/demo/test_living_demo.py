"""The demo is a living network of the academic year of the day it is loaded, whatever that day is: loaded on
1 September, 31 December, 28 February, 15 July and 31 August (and in another year), its networks are in force,
its plans are of that year with only past events held, no mark sits on a lesson still ahead, project stages
agree with their tasks, meetings agree with their questions — and every pupil's name is found nowhere else."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from tenants.models import Network
from tenants.scoping import unscoped
from workspace.accounts.models import User
from workspace.core.dates import AcademicYear
from workspace.demo.loader import load_demo
from workspace.extensions import db

DAYS = [date(2026, 9, 1), date(2026, 12, 31), date(2027, 2, 28), date(2027, 7, 15), date(2027, 8, 31),
        date(2031, 2, 28)]


@pytest.mark.parametrize("day", DAYS, ids=[day.isoformat() for day in DAYS])
def test_the_demo_is_alive_on(app, day):
    """One load per day (a load takes seconds), every check below on it."""
    with app.app_context():
        assert load_demo(today=day) is True
        db.session.flush()
        with unscoped():
            for check in CHECKS:
                check(day)


def check_networks_are_in_force_and_every_network_has_a_plan_of_the_year(loaded):
    from workspace.plans.models import Plan, PlanItem
    year = AcademicYear.containing(loaded)
    networks = db.session.scalars(select(Network)).all()
    assert len(networks) == 3
    for network in networks:
        assert network.starts_on <= year.starts_on and network.ends_on >= year.ends_on, network.slug
        plan = db.session.scalar(select(Plan).where(Plan.network_id == network.id,
                                                    Plan.start_year == year.start_year))
        assert plan is not None, network.slug
        items = db.session.scalar(select(func.count(PlanItem.id)).where(PlanItem.plan_id == plan.id))
        assert items >= 6, network.slug
    # no plan of a year other than this one and, for the comparison of the monitoring, the year before
    years = set(db.session.scalars(select(Plan.start_year)))
    assert years == {year.start_year, year.start_year - 1}


def check_events_are_held_only_in_the_past_and_each_held_one_has_its_report(loaded):
    from workspace.plans.models import ItemStatus, Plan, PlanItem
    from workspace.plans.report_models import EventReport
    year = AcademicYear.containing(loaded)
    rows = db.session.execute(select(PlanItem, EventReport.held_to).join(Plan, Plan.id == PlanItem.plan_id)
                              .outerjoin(EventReport, EventReport.item_id == PlanItem.id)
                              .where(Plan.start_year == year.start_year)).all()
    due = 0
    for item, held_to in rows:
        if item.status is ItemStatus.HELD:
            assert held_to is not None and held_to < loaded, item.title
        else:
            assert held_to is None, item.title
            due += item.ends_on is not None and item.ends_on < loaded
    assert due <= 1  # one event of the СОШ №31 network waits for its report, once it is over
    held = sum(1 for item, _ in rows if item.status is ItemStatus.HELD)
    if loaded.month in (7, 8):
        assert held >= len(rows) - 2   # the year is almost over: what is left is «в течение года»
    if loaded == year.starts_on:
        assert held == 0


def check_marks_only_on_lessons_already_held_and_lessons_of_each_programme_fit_it(loaded):
    from workspace.demo.journal import PROGRAMME_TOPICS
    from workspace.journal.models import Lesson, Mark
    from workspace.programmes.models import Group, Programme
    future = db.session.scalar(select(func.count(Mark.id)).join(Lesson, Lesson.id == Mark.lesson_id)
                               .where(Lesson.held_on >= loaded))
    assert future == 0
    past = db.session.scalar(select(func.count(Mark.id)))
    assert (past == 0) == (loaded.month == 9 and loaded.day == 1)
    topics = db.session.execute(select(Programme.title, Lesson.topic).join(Group, Group.id == Lesson.group_id)
                                .join(Programme, Programme.id == Group.programme_id).distinct()).all()
    for title, topic in topics:
        assert topic in PROGRAMME_TOPICS[title], (title, topic)
    assert ("Адыгейская вышивка", "Показ спектакля") not in topics


def check_a_group_mixes_the_pupils_of_two_schools(loaded):
    from workspace.programmes.models import Enrollment, EnrollmentStatus
    mixed = db.session.execute(select(Enrollment.group_id)
                               .where(Enrollment.status.in_((EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)))
                               .group_by(Enrollment.group_id)
                               .having(func.count(func.distinct(Enrollment.home_institution_id)) >= 2)).all()
    assert len(mixed) >= 1


def _people():
    from workspace.programmes.models import Application, Enrollment
    from workspace.pupils.models import Pupil
    pupils = [" ".join(row) for row in db.session.execute(select(Pupil.surname, Pupil.name, Pupil.patronymic))]
    pupils += db.session.scalars(select(Application.pupil_full_name).where(Application.pupil_id.is_(None))).all()
    users = list(db.session.scalars(select(User.full_name)))
    parents = set(db.session.scalars(select(Pupil.parent_name))) | set(db.session.scalars(
        select(Application.parent_name)))
    enrolled = set(db.session.scalars(select(Enrollment.pupil_name)))
    return pupils, users, parents, enrolled


def check_pupils_names_are_unique_and_nobody_elses(loaded):
    pupils, users, parents, enrolled = _people()
    assert len(pupils) >= 45
    assert [name for name, n in Counter(pupils).items() if n > 1] == []
    assert [name for name, n in Counter(users).items() if n > 1] == []
    assert enrolled <= set(pupils)
    folded = [name.lower().replace("ё", "е") for name in pupils]
    for other in [*users, *parents]:
        other = other.lower().replace("ё", "е")
        for pupil in folded:
            assert pupil not in other and other not in pupil, (pupil, other)
    # a pupil is not even found by surname and first name in another person's name
    for pupil in folded:
        surname_name = " ".join(pupil.split()[:2])
        assert not any(surname_name in other.lower().replace("ё", "е") for other in users), pupil
        assert sum(surname_name in p for p in folded) == 1, pupil


def check_every_project_stage_agrees_with_its_tasks(loaded):
    from workspace.projects.models import ProjectStage, ProjectTask, TaskStatus
    from workspace.projects.progress import _stage_mark
    stages = db.session.scalars(select(ProjectStage)).all()
    assert stages
    for stage in stages:
        tasks = db.session.scalars(select(ProjectTask).where(ProjectTask.stage_id == stage.id)).all()
        tasks = [task for task in tasks if task.status is not TaskStatus.CANCELLED]
        done = sum(task.status is TaskStatus.DONE for task in tasks)
        started = sum(task.status in (TaskStatus.DONE, TaskStatus.IN_PROGRESS) for task in tasks)
        state = _stage_mark(stage, loaded, done, len(tasks), started).state
        if state == "done":
            assert done == len(tasks), stage.title
        if state == "upcoming":
            assert all(task.status is TaskStatus.PLANNED for task in tasks), stage.title


def check_meetings_tell_the_truth(loaded):
    from workspace.council.models import AgendaItem, Decision, Meeting
    for meeting in db.session.scalars(select(Meeting)):
        items = db.session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
        decided = db.session.scalar(select(func.count(Decision.id)).join(
            AgendaItem, AgendaItem.id == Decision.agenda_item_id).where(AgendaItem.meeting_id == meeting.id))
        if meeting.closed_at is not None:      # the page says «завершено», the list «решения приняты»
            assert items and all(not item.is_open for item in items) and decided == len(items)
            assert meeting.held_on < loaded
        else:                                  # the page says «идёт», the list «идёт голосование»
            assert any(item.is_open for item in items) and meeting.deadline_on >= loaded


def check_agreements_one_ends_soon_and_the_active_ones_are_in_force(loaded):
    from workspace.agreements.models import Agreement, AgreementStatus
    agreements = db.session.scalars(select(Agreement)).all()
    active = [a for a in agreements if a.status is AgreementStatus.ACTIVE]
    assert all(a.starts_on <= loaded <= a.ends_on for a in active)
    assert any((a.ends_on - loaded).days <= 30 for a in active)


def check_certificates_only_after_the_last_lesson_and_only_to_those_who_passed(loaded):
    from workspace.journal.models import Attendance, Certificate, CertificateKind, Lesson, Mark
    from workspace.programmes.models import Enrollment, EnrollmentStatus, GradeScale, Group, Programme
    certificates = db.session.scalars(select(Certificate).where(Certificate.kind == CertificateKind.CERTIFICATE)).all()
    if loaded.month in (9, 10, 11, 12, 1, 2):
        assert certificates == []
    if loaded.month in (7, 8):
        assert len(certificates) >= 30
    for certificate in certificates:
        last = db.session.scalar(select(func.max(Lesson.held_on)).where(Lesson.group_id == certificate.group_id))
        assert last < certificate.issued_on < loaded
        lessons = db.session.scalar(select(func.count(Lesson.id)).where(Lesson.group_id == certificate.group_id))
        present = db.session.scalar(select(func.count(Mark.id)).where(
            Mark.enrollment_id == certificate.enrollment_id, Mark.attendance == Attendance.PRESENT))
        assert 2 * present >= lessons
        scale = db.session.scalar(select(Programme.grade_scale).join(Group, Group.programme_id == Programme.id)
                                  .where(Group.id == certificate.group_id))
        assert scale is not GradeScale.PASS_FAIL or certificate.result == "зачтено"
        status = db.session.scalar(select(Enrollment.status).where(Enrollment.id == certificate.enrollment_id))
        assert status is EnrollmentStatus.COMPLETED


def check_nothing_is_dated_after_the_load_day(loaded):
    from workspace.council.models import Decision
    from workspace.plans.report_models import EventReport
    from workspace.programmes.models import Enrollment, Group
    from workspace.surveys.models import Survey, SurveyResponse, SurveyStatus
    assert (db.session.scalar(select(func.max(SurveyResponse.submitted_on))) or date.min) <= loaded
    assert all(survey.status is SurveyStatus.DRAFT or survey.opened_at.date() <= loaded
               for survey in db.session.scalars(select(Survey)))
    assert (db.session.scalar(select(func.max(EventReport.held_to))) or date.min) < loaded
    assert (db.session.scalar(select(func.max(Decision.decided_on))) or date.min) < loaded
    assert (db.session.scalar(select(func.max(Enrollment.decided_at))).date()) < loaded
    # every group has its teacher: nobody keeps a journal of a group without one
    assert db.session.scalar(select(func.count(Group.id)).where(Group.teacher_id.is_(None))) == 0


def check_the_outbox_holds_the_letters_people_got(loaded):
    """The e-vote's letters went out when it opened (sent, dated then); the reminders of the load day (the agreement
    ending soon) wait for the worker; every letter names a real person of the demo and its link is absolute."""
    from workspace.council.models import Meeting, MeetingKind
    from workspace.letters.models import PENDING, SENT, Letter
    letters = db.session.scalars(select(Letter)).all()
    opened = [letter for letter in letters if letter.kind == "council.vote_opened"]
    e_vote = db.session.scalar(select(Meeting).where(Meeting.kind == MeetingKind.E_VOTE, Meeting.closed_at.is_(None)))
    assert opened and all(letter.status == SENT and letter.sent_at.date() == e_vote.held_on for letter in opened)
    assert f"№ {e_vote.number}" in opened[0].subject and "http" in opened[0].text_body
    expiring = [letter for letter in letters if letter.kind == "agreements.expiring"]
    assert expiring and all(letter.status == PENDING for letter in expiring)
    people = set(db.session.scalars(select(User.email)))
    assert all(letter.address in people for letter in letters)


def check_attestation_results_only_when_held_and_a_statement_for_a_failed_final(loaded):
    from workspace.journal.models import AttestationResult, Certificate, CertificateKind
    from workspace.programmes.models import Attestation, AttestationKind, Programme
    programmes = db.session.scalar(select(func.count(Programme.id)))
    assert db.session.scalar(select(func.count(Attestation.id))) >= programmes  # every demo programme has its forms
    held = db.session.execute(select(Attestation.held_on).join(
        AttestationResult, AttestationResult.attestation_id == Attestation.id)).scalars().all()
    assert all(day < loaded for day in held)
    statements = db.session.scalars(select(Certificate).where(Certificate.kind == CertificateKind.STATEMENT)).all()
    for statement in statements:
        final = db.session.scalar(select(AttestationResult.result).join(
            Attestation, Attestation.id == AttestationResult.attestation_id).where(
            AttestationResult.enrollment_id == statement.enrollment_id, Attestation.kind == AttestationKind.FINAL))
        assert final in ("fail", "2") and statement.label.startswith("С-")
    if loaded.month in (7, 8):
        assert statements  # one pupil «не зачтено» with a справка об обучении
    if loaded.month == 12 and loaded.day == 31:
        assert "fail" in db.session.scalars(select(AttestationResult.result)).all()


CHECKS = [
    check_attestation_results_only_when_held_and_a_statement_for_a_failed_final,
    check_networks_are_in_force_and_every_network_has_a_plan_of_the_year,
    check_events_are_held_only_in_the_past_and_each_held_one_has_its_report,
    check_marks_only_on_lessons_already_held_and_lessons_of_each_programme_fit_it,
    check_a_group_mixes_the_pupils_of_two_schools,
    check_pupils_names_are_unique_and_nobody_elses,
    check_every_project_stage_agrees_with_its_tasks,
    check_meetings_tell_the_truth,
    check_agreements_one_ends_soon_and_the_active_ones_are_in_force,
    check_certificates_only_after_the_last_lesson_and_only_to_those_who_passed,
    check_nothing_is_dated_after_the_load_day,
    check_the_outbox_holds_the_letters_people_got,
]


def test_the_mixed_group_journal_as_the_teacher_and_as_each_school(app, client):
    """The heart of the common journal on the demo: the provider's teacher sees the pupils of both schools, each
    school's coordinator only its own."""
    from tests.conftest import login
    from workspace.demo.data import DEMO_PASSWORD
    from workspace.demo.programmes import PUPILS
    from workspace.programmes.models import Group
    with app.app_context():
        load_demo(today=AcademicYear.current().date_of(12, 4))
        db.session.commit()
        with unscoped():
            group_id = db.session.scalar(select(Group.id).where(Group.name == "Робототехника, группа 1"))
    village = " ".join(PUPILS["sosh5-natyrbovo"][0][:3])   # Бондаренко Никита Сергеевич
    aul = " ".join(PUPILS["sosh8"][0][:3])                  # Тлехас Азамат Русланович
    path = f"/n/koshekhabl-set/journal/groups/{group_id}"
    seen = {}
    for email in ("pedagog@cdo-koshekhabl.example", "zam.vr@sosh8.example", "zam.vr@sosh5-natyrbovo.example"):
        user = app.test_client()
        login(user, email, DEMO_PASSWORD)
        page = user.get(path).get_data(as_text=True)
        seen[email] = (village in page, aul in page)
    assert seen == {"pedagog@cdo-koshekhabl.example": (True, True), "zam.vr@sosh8.example": (False, True),
                    "zam.vr@sosh5-natyrbovo.example": (True, False)}
    login(client, "zam.vr@sosh8.example", DEMO_PASSWORD)
    plans = client.get("/n/koshekhabl-set/plans/").get_data(as_text=True)
    assert "План сетевого взаимодействия МБОУ СОШ №8 а. Кошехабль с учреждениями района" in plans
    assert "Утверждён" in plans
