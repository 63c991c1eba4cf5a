"""A pupil of school A taken through the whole flow over HTTP, with a unique marker in every personal field:
registry, consents (one withdrawn), applications, requests to the provider (one accepted into the group with
marks and a certificate, one declined with a reason), the provider's reads, and the audit entries all of it
wrote. Used by the export, erasure and retention tests."""
from __future__ import annotations

import re
from types import SimpleNamespace

from sqlalchemy import select

from tests.conftest import login
from tests.journal.helpers import mixed_group
from workspace.extensions import db
from workspace.programmes.models import Enrollment

MARKERS = {
    "surname": "Фамилияqx1", "name": "Имяqx2", "patronymic": "Отчествоqx3", "parent_name": "Родительqx4",
    "parent_phone": "+7 900 555-7341", "parent_email": "qx5@parent.test", "note": "Примечаниеqx6",
    "decline_reason": "Причинаqx7", "document": "Документqx8", "withdrawal_note": "Отзывqx9",
    "birth_on": "2013-07-19",
}


def _client(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def planted_pupil(app, make, read):
    """Needs CSRF off (``csrf_off``): the flow posts straight to the routes."""
    w = mixed_group(make, lessons=3)
    second = make.programme(w.network, w.provider, "Шахматы")
    school = _client(app, w.coordinator_a)
    m = MARKERS
    response = school.post("/i/school-a/pupils/new", data={
        "surname": m["surname"], "name": m["name"], "patronymic": m["patronymic"], "class_label": "6А",
        "birth_on": m["birth_on"], "parent_name": m["parent_name"], "parent_phone": m["parent_phone"],
        "parent_email": m["parent_email"], "is_active": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)
    pupil_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    base = f"/i/school-a/pupils/{pupil_id}"
    assert school.post(f"{base}/consents/new", data={
        "purpose": "photo_video", "given_by": m["parent_name"], "given_on": "2026-09-01",
        "document": m["document"]}).status_code == 302
    photo = re.search(rf"{base}/consents/(\d+)/withdraw", school.get(base).get_data(as_text=True)).group(1)
    assert school.post(f"{base}/consents/{photo}/withdraw", data={
        "withdrawn_on": "2026-10-01", "withdrawn_by": m["parent_name"], "withdrawal_note": m["withdrawal_note"],
        "version": "1"}).status_code == 302
    for programme in (w.programme, second):
        assert school.post("/i/school-a/enrollment/applications", data={
            "pupil_id": pupil_id, "programme_id": programme.id, "submitted_on": "2026-09-02",
            "parent_name": m["parent_name"], "has_consent": "y", "note": m["note"]}).status_code == 302
        with read():
            from workspace.programmes.models import Application
            application_id = db.session.scalar(select(Application.id).where(
                Application.pupil_id == pupil_id, Application.programme_id == programme.id))
        assert school.post("/i/school-a/enrollment/requests/new", data={
            "programme": programme.id, "application_ids": [application_id]}).status_code == 302
    with read():
        enrollments = {programme_id: (enrollment_id, request_id) for enrollment_id, request_id, programme_id in
                       db.session.execute(select(Enrollment.id, Enrollment.request_id, Enrollment.programme_id)
                                          .where(Enrollment.pupil_id == pupil_id))}
    provider = _client(app, w.provider_coordinator)
    enrolled, request_id = enrollments[w.programme.id]
    requests = f"/n/net/programmes/requests/{request_id}/enrollments/{enrolled}"
    assert provider.get(f"/n/net/programmes/requests/{request_id}").status_code == 200
    assert provider.post(f"{requests}/accept", data={"version": "1"}).status_code == 302
    assert provider.post(f"{requests}/place", data={"version": "2", "group_id": w.group.id}).status_code == 302
    declined, second_request = enrollments[second.id]
    assert provider.post(f"/n/net/programmes/requests/{second_request}/enrollments/{declined}/decline", data={
        "reason": m["decline_reason"], "version": "1"}).status_code == 302
    teacher = _client(app, w.teacher)
    grid = f"/n/net/journal/groups/{w.group.id}"
    for lesson, code in zip(w.lesson_rows, ("present", "absent", "4")):
        for enrollment in [enrolled] + [e.id for e in w.enrollments_a + w.enrollments_b]:
            assert teacher.post(f"{grid}/marks/{lesson.id}/{enrollment}", data={"set": code}).status_code == 302
    assert teacher.get(grid).status_code == 200
    # no final attestation in this world: the provider confirms issuing anyway (issue 20)
    assert provider.post(f"{grid}/certificates", data={"enrollment_id": [enrolled], "confirm": "yes"}).status_code == 302
    return SimpleNamespace(w=w, pupil_id=pupil_id, school=school, provider=provider, teacher=teacher, grid=grid,
                           enrolled=enrolled, declined=declined, second=second)


def attendance_figures(client, grid: str) -> list[str]:
    """What the group's grid shows as figures: pupils, lessons, overall and per-lesson attendance."""
    html = client.get(grid).get_data(as_text=True)
    head = re.search(r"обучающихся: \d+ · занятий: \d+ · часов: [^<]*", html).group(0)
    return [head] + re.findall(r'id="ct\d+" class="total">([^<]*)<', html)
