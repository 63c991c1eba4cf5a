"""The areas' letters, end to end: the change through HTTP (or the reminder job with a chosen ``now``), then the
worker once against a real SMTP server: who receives it (only those who may read it), subject, both parts, link."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.agreements.helpers import build_scene
from tests.conftest import post_form
from workspace.agreements.letters import find_expiring
from workspace.extensions import db
from workspace.letters.models import Letter

NOON = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)  # 12:00 in Moscow


@pytest.fixture
def scene(make):
    return build_scene(make)


def _run(app, job, now):
    from tenants.entry import enter_command_line
    with app.test_request_context(), enter_command_line():
        job(now)
        db.session.commit()


def test_an_agreement_sent_for_signing_mails_the_heads_of_the_parties(client, login_as, make, scene, outbox):
    agreement = make.agreement(scene.network, [scene.school, scene.library], "Договор о «Юном технике»",
                               obligations={scene.school: ["Предоставляет кабинет"]})
    page = f"/n/net/agreements/{agreement.id}"
    login_as(scene.coordinator)
    assert post_form(client, f"{page}/submit", {}, page_url=page).status_code == 302
    letters = sorted(outbox, key=lambda letter: letter["to"])
    assert [letter["to"] for letter in letters] == ["admin@mibs.test", "admin@sosh31.test"]
    letter = letters[1]
    assert letter["subject"].startswith("Документ ждёт вашей подписи: договор №")
    assert "Здравствуйте, Анна Петровна!" in letter["body"]  # name and patronymic, as business letters address
    assert f"http://workspace.test{page}" in letter["body"] and f'href="http://workspace.test{page}"' in letter["html"]
    assert "Юном технике" in letter["body"] and "Юном технике" in letter["html"]


def test_a_failed_submit_mails_nobody(client, login_as, make, scene, outbox):
    agreement = make.agreement(scene.network, [scene.school, scene.library], "Без обязательств")
    page = f"/n/net/agreements/{agreement.id}"
    login_as(scene.coordinator)
    post_form(client, f"{page}/submit", {}, page_url=page)
    assert outbox == []


def test_expiring_agreements_remind_the_parties_once_per_threshold(app, make, read, scene, outbox):
    today = date(2026, 12, 4)
    soon = make.agreement(scene.network, [scene.school, scene.library], "Скоро кончится", status="active",
                          ends_on=today + timedelta(days=30))
    make.agreement(scene.network, [scene.school, scene.museum], "Расторгнут", status="terminated",
                   ends_on=today + timedelta(days=30))
    make.agreement(scene.network, [scene.school, scene.library], "Ещё долго", status="active",
                   ends_on=today + timedelta(days=90))
    _run(app, find_expiring, NOON)
    _run(app, find_expiring, NOON + timedelta(hours=1))  # twice: queued once
    letters = list(outbox)
    assert sorted(letter["to"] for letter in letters) == [
        "admin@mibs.test", "admin@sosh31.test", "coord@mibs.test", "coord@sosh31.test"]
    letter = letters[0]
    assert letter["subject"] == f"Соглашение истекает через 30 дней: договор № {soon.number}"
    assert "03.01.2027" in letter["body"] and f"/n/net/agreements/{soon.id}" in letter["body"]
    assert f"/n/net/agreements/{soon.id}" in letter["html"]
    # 7 days before: the second threshold, once again
    _run(app, find_expiring, NOON + timedelta(days=23))
    _run(app, find_expiring, NOON + timedelta(days=24))
    later = list(outbox)[4:]
    assert len(later) == 4 and all("через 7 дней" in letter["subject"] for letter in later)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Letter)) == 8


def _dated_item(app, item_id, ends_on, status=None) -> int:
    from tenants.scoping import unscoped
    from workspace.plans.models import ItemStatus, PlanItem
    with app.app_context(), unscoped():
        item = db.session.get(PlanItem, item_id)
        item.starts_on = item.ends_on = ends_on
        if status:
            item.status = ItemStatus(status)
        db.session.commit()
    return item_id


def test_missing_event_reports_are_asked_for_once_per_stage_in_one_letter(app, make, read, scene, outbox):
    from tenants.scoping import unscoped
    from workspace.plans.letters import find_missing_reports
    from workspace.plans.models import PlanItemPerson
    plan = make.plan(scene.network)
    section = make.section(plan, "С библиотекой", partner=scene.library)
    titles = ["Библиосумерки", "Неделя книги", "Уже с отчётом", "Отменено", "Ещё впереди"]
    made = {title: make.item(section, title, "ноябрь", position=position).id
            for position, title in enumerate(titles, start=1)}
    ended = {"Библиосумерки": date(2026, 11, 20), "Неделя книги": date(2026, 12, 3), "Уже с отчётом":
             date(2026, 11, 25), "Отменено": date(2026, 11, 25), "Ещё впереди": date(2026, 12, 20)}
    ids = {title: _dated_item(app, made[title], day, "cancelled" if title == "Отменено" else None)
           for title, day in ended.items()}
    make.report(make_item_ref(app, ids["Уже с отчётом"]), date(2026, 11, 25))
    with app.app_context(), unscoped():
        db.session.add(PlanItemPerson(network_id=scene.network.id, item_id=ids["Неделя книги"],
                                      user_id=scene.teacher.id))
        db.session.commit()
    _run(app, find_missing_reports, NOON)
    _run(app, find_missing_reports, NOON + timedelta(hours=2))
    letters = {letter["to"]: letter for letter in outbox}
    assert sorted(letters) == ["coord@mibs.test", "teacher@sosh31.test"]
    library = letters["coord@mibs.test"]
    assert library["subject"] == "Отчёт о мероприятии ожидается"
    assert "Библиосумерки" in library["body"] and "14 дней назад, отчёт просрочен" in library["body"]
    assert "Неделя книги" not in library["body"] and "Уже с отчётом" not in library["body"]
    assert f"/n/net/plans/{plan.id}/items/{ids['Библиосумерки']}/report" in library["body"]
    assert f"/n/net/plans/{plan.id}/items/{ids['Библиосумерки']}/report" in library["html"]
    teacher = letters["teacher@sosh31.test"]
    assert "Неделя книги" in teacher["body"] and "отчёт ожидается" in teacher["body"]
    # a week on: the teacher's item is overdue (once); the library's was mailed as overdue already
    _run(app, find_missing_reports, NOON + timedelta(days=7))
    _run(app, find_missing_reports, NOON + timedelta(days=8))
    later = list(outbox)[2:]
    assert [letter["to"] for letter in later] == ["teacher@sosh31.test"]
    assert "Неделя книги" in later[0]["body"] and "8 дней назад, отчёт просрочен" in later[0]["body"]


def make_item_ref(app, item_id):
    from tenants.scoping import unscoped
    from workspace.plans.models import PlanItem
    with app.app_context(), unscoped():
        item = db.session.get(PlanItem, item_id)
        db.session.expunge(item)
        return item


def test_a_mention_in_a_project_comment_mails_the_colleague_mentioned(client, login_as, make, scene, outbox):
    from tests.conftest import csrf_token_from
    project = make.project(scene.network, scene.school, "Читающая школа", participants=(scene.library,))
    login_as(scene.coordinator)
    page = client.get(f"/n/net/projects/{project.id}").get_data(as_text=True)
    response = client.post(f"/n/net/projects/{project.id}/comments", data={
        "body": "@Петрова, посмотрите <b>дорожную карту</b>", "csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    [letter] = list(outbox)
    assert letter["to"] == "admin@mibs.test"
    assert letter["subject"] == "Вас упомянули в обсуждении проекта «Читающая школа»"
    assert "> @Петрова, посмотрите <b>дорожную карту</b>" in letter["body"]
    assert "&lt;b&gt;дорожную карту&lt;/b&gt;" in letter["html"]
    assert f"http://workspace.test/n/net/projects/{project.id}#discussion" in letter["body"]


def test_a_parent_application_mails_the_school_managers_without_the_childs_name(client, make, outbox):
    from tests.programmes.helpers import build
    s = build(make)
    school_admin = make.user(s.school, "admin", email="director@sosh31.test")
    url = f"/public/n/{s.network.slug}/programmes/{s.programme.id}"
    client.get(url)
    form = {"pupil_full_name": "Новиков Пётр Андреевич", "class_label": "6б", "parent_name": "Новикова Анна",
            "parent_contact": "novikova@mail.example", "has_consent": "y", "school_id": s.school.id}
    assert post_form(client, url, form).status_code == 302
    letters = list(outbox)
    assert sorted(letter["to"] for letter in letters) == sorted([s.coordinator.email, school_admin.email])
    letter = letters[0]
    assert letter["subject"] == "Новое заявление на программу «Робототехника»"
    assert "класс 6Б" in letter["body"] and "/i/sosh31/enrollment/applications/" in letter["body"]
    assert "/i/sosh31/enrollment/applications/" in letter["html"]
    for part in (letter["body"], letter["html"], letter["subject"]):
        assert "Новиков" not in part and "novikova@" not in part


def test_a_request_mails_the_provider_and_its_answer_the_school(app, client, make, login_as, read, outbox):
    from tests.programmes.helpers import build
    s = build(make)
    pupil = make.pupil(s.school, "Иванова", "Мария", patronymic="Сергеевна", class_label="6Б")
    login_as(s.coordinator)
    url = f"/i/{s.school.slug}/enrollment/applications"
    assert post_form(client, url, {"pupil_id": pupil.id, "programme_id": s.programme.id,
                                   "submitted_on": "2026-09-03", "has_consent": "y"}).status_code == 302
    from workspace.programmes.models import Application, Enrollment, EnrollmentRequest
    with read():
        application = db.session.scalar(select(Application))
    new_url = f"/i/{s.school.slug}/enrollment/requests/new?programme={s.programme.id}"
    client.get(new_url)
    assert post_form(client, new_url, {"application_ids": [application.id]}).status_code == 302
    letters = list(outbox)
    assert sorted(letter["to"] for letter in letters) == sorted([s.provider_coordinator.email,
                                                                 s.provider_admin.email])
    with read():
        request = db.session.scalar(select(EnrollmentRequest))
        enrollment = db.session.scalar(select(Enrollment))
    letter = letters[0]
    assert letter["subject"] == "Новая заявка на программу «Робототехника»"
    assert "СОШ №31 подаёт заявку на программу «Робототехника»: 1 обучающийся." in letter["body"]
    assert f"/n/net/programmes/requests/{request.id}" in letter["body"] and "Иванова" not in letter["body"]
    outbox.clear()
    from tests.conftest import login
    provider = app.test_client()
    login(provider, s.provider_coordinator.email)
    page_url = f"/n/net/programmes/requests/{request.id}"
    assert post_form(provider, f"{page_url}/enrollments/{enrollment.id}/accept", {"version": enrollment.version},
                     page_url=page_url).status_code == 302
    [answer] = list(outbox)
    assert answer["to"] == s.coordinator.email
    assert answer["subject"] == "Ответ на заявку: программа «Робототехника»"
    assert "Зачислено: 1, в листе ожидания: 0, отказано: 0." in answer["body"]
    assert f"/i/sosh31/enrollment/requests/{request.id}" in answer["html"] and "Иванова" not in answer["body"]
