"""Application → request → decision → group, through the test client, as each side sees it."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import post_form
from tests.programmes.helpers import build
from workspace.extensions import db
from workspace.programmes.models import (
    Application,
    ApplicationStatus,
    Enrollment,
    EnrollmentRequest,
    EnrollmentStatus,
    RequestStatus,
)


def _enrollments(read, request_id):
    with read():
        return {e.pupil_name: e for e in db.session.scalars(select(Enrollment).where(Enrollment.request_id == request_id))}


def test_coordinator_records_application_and_sends_request(client, make, login_as, read):
    s = build(make)
    pupil = make.pupil(s.school, "Иванова", "Мария", patronymic="Сергеевна", class_label="6Б")
    login_as(s.coordinator)
    url = f"/i/{s.school.slug}/enrollment/applications"
    no_consent = post_form(client, url, {"pupil_id": pupil.id, "programme_id": s.programme.id,
                                         "submitted_on": "2026-09-03"})
    assert no_consent.status_code == 422
    assert "Без согласия на обработку персональных данных" in no_consent.get_data(as_text=True)
    response = post_form(client, url, {"pupil_id": pupil.id, "programme_id": s.programme.id,
                                       "submitted_on": "2026-09-03", "has_consent": "y"})
    assert response.status_code == 302
    with read():
        application = db.session.scalar(select(Application))
        assert application.status is ApplicationStatus.ACCEPTED and application.has_consent
    new_url = f"/i/{s.school.slug}/enrollment/requests/new?programme={s.programme.id}"
    page = client.get(new_url)
    assert "Иванова Мария Сергеевна" in page.get_data(as_text=True)
    response = post_form(client, new_url, {"application_ids": [application.id], "note": "Просим зачислить"})
    assert response.status_code == 302
    with read():
        request = db.session.scalar(select(EnrollmentRequest))
        enrollment = db.session.scalar(select(Enrollment))
        assert enrollment.pupil_name == "Иванова Мария Сергеевна" and enrollment.class_label == "6Б"
        assert db.session.scalar(select(Application)).status is ApplicationStatus.SENT
    school_page = client.get(f"/i/{s.school.slug}/enrollment/requests/{request.id}")
    assert "на рассмотрении" in school_page.get_data(as_text=True)


def test_provider_accepts_to_capacity_then_waiting_list_and_declines_with_reason(client, make, login_as, read):
    s = build(make, capacity=1)
    first = make.pupil(s.school, "Алексеев", "Олег")
    second = make.pupil(s.school, "Борисова", "Анна")
    third = make.pupil(s.school, "Васильев", "Иван")
    request = make.enrollment_request(s.programme, s.school, [first, second, third], sent_by=s.coordinator)
    group = make.group(s.programme, "Группа 1", teacher=s.provider_teacher, capacity=1)
    login_as(s.provider_coordinator)
    inbox = client.get(f"/n/{s.network.slug}/programmes/requests").get_data(as_text=True)
    assert f"№ {request.id}" in inbox and "СОШ №31" in inbox
    page_url = f"/n/{s.network.slug}/programmes/requests/{request.id}"
    page = client.get(page_url).get_data(as_text=True)
    assert "Алексеев Олег Петрович" in page
    assert first.parent_phone not in page and first.parent_email not in page and "15.03.2014" not in page
    rows = _enrollments(read, request.id)
    a, b, c = (rows[f"{name} Петрович"] for name in ("Алексеев Олег", "Борисова Анна", "Васильев Иван"))
    base = f"{page_url}/enrollments"
    assert post_form(client, f"{base}/{a.id}/accept", {"version": a.version}, page_url=page_url).status_code == 302
    response = post_form(client, f"{base}/{b.id}/accept", {"version": b.version}, page_url=page_url,
                         follow_redirects=True)
    assert "в листе ожидания под № 1" in response.get_data(as_text=True)
    empty_reason = post_form(client, f"{base}/{c.id}/decline", {"reason": " ", "version": c.version},
                             page_url=page_url)
    assert empty_reason.status_code == 422
    assert post_form(client, f"{base}/{c.id}/decline", {"reason": "Не подходит по возрасту", "version": c.version},
                     page_url=page_url).status_code == 302
    placed = post_form(client, f"{base}/{a.id}/place", {"group_id": group.id, "version": a.version + 1},
                       page_url=page_url)
    assert placed.status_code == 302
    rows = _enrollments(read, request.id)
    assert rows["Алексеев Олег Петрович"].status is EnrollmentStatus.ENROLLED
    assert rows["Алексеев Олег Петрович"].group_id == group.id
    assert rows["Борисова Анна Петрович"].status is EnrollmentStatus.WAITING
    assert rows["Борисова Анна Петрович"].waiting_position == 1
    assert rows["Васильев Иван Петрович"].decline_reason == "Не подходит по возрасту"
    with read():
        assert db.session.scalar(select(EnrollmentRequest)).status is RequestStatus.ANSWERED


def test_school_sees_each_pupils_state_and_timetable(client, make, login_as):
    s = build(make)
    pupil = make.pupil(s.school, "Иванова", "Мария")
    group = make.group(s.programme, "Группа 1", place="ЦДО, каб. 5")
    make.slot(group, weekday=2)
    request = make.enrollment_request(s.programme, s.school, [pupil])
    with_enrolled = make.enrollment(request, make.pupil(s.school, "Петров", "Пётр"), status="enrolled", group=group)
    assert with_enrolled.id
    login_as(s.teacher)
    page = client.get(f"/i/{s.school.slug}/enrollment/requests/{request.id}").get_data(as_text=True)
    assert "Иванова Мария" in page and "на рассмотрении" in page and "зачислен" in page
    timetable = client.get(f"/i/{s.school.slug}/enrollment/timetable").get_data(as_text=True)
    assert "Среда" in timetable and "Робототехника" in timetable and "Петров Пётр" in timetable
    assert "Иванова" not in timetable  # not yet enrolled


def test_teacher_cannot_decide_and_other_school_cannot_see_request(app, client, make, login_as):
    s = build(make)
    request = make.enrollment_request(s.programme, s.school, [make.pupil(s.school)])
    login_as(s.provider_teacher)
    url = f"/n/{s.network.slug}/programmes/requests/{request.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Зачислить" not in page
    enrollment_id = request.enrollment_ids[0]
    assert post_form(client, f"{url}/enrollments/{enrollment_id}/accept", {"version": 1}, page_url=url).status_code == 403
    client = app.test_client()
    from tests.conftest import login
    login(client, make.user(s.school2, "coordinator").email)
    assert client.get(f"/i/{s.school2.slug}/enrollment/requests/{request.id}").status_code == 404
    assert client.get(f"/n/{s.network.slug}/programmes/requests/{request.id}").status_code == 404


def test_only_the_providers_managers_read_its_inbox_of_requests(app, client, make, login_as):
    """The inbox carries pupils' names, classes and refusal reasons of every school's request: the provider's
    admin and coordinator decide on it; its teachers read their own groups' pupils in the journal, not the
    requests (found by the content walk, tests/tenancy/test_content_walk.py)."""
    s = build(make)
    pupil = make.pupil(s.school, "Сидорова", "Анна")
    request = make.enrollment_request(s.programme, s.school, [pupil])
    url = f"/n/{s.network.slug}/programmes/requests"
    login_as(s.provider_teacher)
    inbox = client.get(url)
    assert inbox.status_code == 200 and f"№ {request.id} от" not in inbox.get_data(as_text=True)
    for page in (f"{url}/{request.id}", f"{url}/{request.id}/enrollments/{request.enrollment_ids[0]}/decline"):
        response = client.get(page)
        assert response.status_code == 403 and "Сидорова" not in response.get_data(as_text=True)
    manager = app.test_client()
    from tests.conftest import login
    login(manager, s.provider_coordinator.email)
    assert f"№ {request.id} от" in manager.get(url).get_data(as_text=True)
    assert "Сидорова Анна" in manager.get(f"{url}/{request.id}").get_data(as_text=True)


def test_desk_reminds_the_school_and_the_provider(client, make, login_as, app):
    s = build(make)
    make.application(None, s.programme, school=s.school, status="new", source="public")
    make.enrollment_request(s.programme, s.school2, [make.pupil(s.school2), make.pupil(s.school2)])
    login_as(s.coordinator)
    desk = client.get(f"/i/{s.school.slug}/").get_data(as_text=True)
    assert "Новых заявлений родителей: 1" in desk
    provider = app.test_client()
    from tests.conftest import login
    login(provider, s.provider_coordinator.email)
    assert "Обучающихся ждут решения по заявкам школ: 2" in provider.get(f"/i/{s.provider.slug}/").get_data(as_text=True)
    teacher = app.test_client()
    login(teacher, s.teacher.email)
    assert "Новых заявлений родителей" not in teacher.get(f"/i/{s.school.slug}/").get_data(as_text=True)


def test_withdrawal_frees_the_place_for_the_waiting_list(client, make, login_as, read):
    s = build(make, capacity=1)
    first, second = make.pupil(s.school, "Алексеев", "Олег"), make.pupil(s.school, "Борисова", "Анна")
    request = make.enrollment_request(s.programme, s.school, [])
    enrolled = make.enrollment(request, first, status="enrolled")
    waiting = make.enrollment(request, second, status="waiting", waiting_position=1)
    login_as(s.provider_coordinator)
    page = f"/n/{s.network.slug}/programmes/requests/{request.id}"
    full = post_form(client, f"{page}/enrollments/{waiting.id}/accept", {"version": 1}, page_url=page,
                     follow_redirects=True)
    assert "остаётся в листе ожидания" in full.get_data(as_text=True)
    withdraw = f"{page}/enrollments/{enrolled.id}/withdraw"
    assert "Отчислить обучающегося?" in client.get(withdraw).get_data(as_text=True)
    assert post_form(client, withdraw, {}, page_url=withdraw).status_code == 302
    assert post_form(client, f"{page}/enrollments/{waiting.id}/accept", {"version": 1}, page_url=page).status_code == 302
    with read():
        statuses = {e.pupil_name: e.status for e in db.session.scalars(select(Enrollment))}
    assert statuses == {"Алексеев Олег Петрович": EnrollmentStatus.WITHDRAWN,
                        "Борисова Анна Петрович": EnrollmentStatus.ENROLLED}


def test_the_waiting_list_is_served_in_order(client, make, login_as, read):
    s = build(make, capacity=1)
    first, second, third = (make.pupil(s.school, "Алексеев", "Олег"), make.pupil(s.school, "Борисова", "Анна"),
                            make.pupil(s.school, "Васильев", "Иван"))
    request = make.enrollment_request(s.programme, s.school, [])
    enrolled = make.enrollment(request, first, status="enrolled")
    number_one = make.enrollment(request, second, status="waiting", waiting_position=1)
    number_two = make.enrollment(request, third, status="waiting", waiting_position=2)
    login_as(s.provider_coordinator)
    page = f"/n/{s.network.slug}/programmes/requests/{request.id}"
    withdraw = f"{page}/enrollments/{enrolled.id}/withdraw"
    assert post_form(client, withdraw, {}, page_url=withdraw).status_code == 302
    jumped = post_form(client, f"{page}/enrollments/{number_two.id}/accept", {"version": 1}, page_url=page,
                       follow_redirects=True).get_data(as_text=True)
    assert "Лист ожидания идёт по порядку: сначала решите по № 1 — Борисова Анна" in jumped
    with read():
        assert db.session.scalar(select(Enrollment.status).where(Enrollment.id == number_two.id)) \
            is EnrollmentStatus.WAITING
    assert post_form(client, f"{page}/enrollments/{number_one.id}/accept", {"version": 1},
                     page_url=page).status_code == 302
    with read():
        assert db.session.scalar(select(Enrollment.status).where(Enrollment.id == number_one.id)) \
            is EnrollmentStatus.ENROLLED


def test_the_school_desk_tells_of_refusals_and_the_waiting_list(client, make, login_as, app):
    s = build(make, capacity=1)
    pupils = [make.pupil(s.school, "Алексеев", "Олег"), make.pupil(s.school, "Борисова", "Анна"),
              make.pupil(s.school, "Васильев", "Иван")]
    request = make.enrollment_request(s.programme, s.school, pupils, sent_by=s.coordinator)
    with app.app_context():
        from tenants.scoping import unscoped
        with unscoped():
            ids = [e.id for e in db.session.scalars(select(Enrollment).where(Enrollment.request_id == request.id)
                                                    .order_by(Enrollment.id))]
    login_as(s.provider_coordinator)
    page = f"/n/{s.network.slug}/programmes/requests/{request.id}"
    for enrollment_id in ids[:2]:  # the first takes the place, the second goes to the waiting list
        assert post_form(client, f"{page}/enrollments/{enrollment_id}/accept", {"version": 1},
                         page_url=page).status_code == 302
    decline = f"{page}/enrollments/{ids[2]}/decline"
    assert post_form(client, decline, {"version": 1, "reason": "Не подходит возраст"},
                     page_url=decline).status_code == 302
    school = app.test_client()
    from tests.conftest import login
    login(school, s.coordinator.email)
    desk = school.get(f"/i/{s.school.slug}/").get_data(as_text=True)
    assert "Организации отказали в зачислении: 1" in desk
    assert "Обучающихся поставили в лист ожидания: 1" in desk
