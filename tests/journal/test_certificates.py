"""Certificates: issued in a batch by the provider, numbered per provider and year, printable, .docx,
in the provider's register with search and Excel; tampered enrollment ids change nothing."""
from __future__ import annotations

import io

from docx import Document
from sqlalchemy import select

from tests.conftest import post_form
from tests.journal.helpers import mixed_group
from tests.journal.test_exports import sheet_text
from workspace.core.dates import local_today
from workspace.extensions import db
from workspace.journal.models import Certificate
from workspace.programmes.models import Enrollment, EnrollmentStatus


def _certificates(read):
    with read():
        return db.session.execute(select(Certificate.number, Certificate.year, Certificate.pupil_name,
                                         Certificate.result).order_by(Certificate.number)).all()


def test_provider_issues_numbered_certificates_for_a_group(make, client, login_as, read):
    w = mixed_group(make)
    for lesson in w.lesson_rows:
        make.mark(lesson, w.enrollments_a[0], "present", "5")
    make.mark(w.lesson_rows[0], w.enrollments_a[1], "present", "4")
    login_as(w.provider_coordinator)
    url = f"/n/net/journal/groups/{w.group.id}/certificates"
    page = client.get(url).get_data(as_text=True)
    assert "программа освоена, средний балл 5,0" in page
    chosen = [e.id for e in w.enrollments_a + w.enrollments_b[:1]]
    response = post_form(client, url, {"enrollment_id": chosen, "confirm": "yes"})
    assert response.status_code == 302
    issued = _certificates(read)
    year = local_today().year
    assert [(number, y) for number, y, *_ in issued] == [(1, year), (2, year), (3, year)]
    assert "Выдано документов об обучении: 3." in client.get(url).get_data(as_text=True)
    with read():
        statuses = dict(db.session.execute(select(Enrollment.id, Enrollment.status)).all())
    assert all(statuses[i] is EnrollmentStatus.COMPLETED for i in chosen)
    # the rest later: numbering continues
    post_form(client, url, {"enrollment_id": [w.enrollments_b[1].id], "confirm": "yes"})
    assert [number for number, *_ in _certificates(read)] == [1, 2, 3, 4]


def test_tampered_or_repeated_enrollment_ids_change_nothing(make, client, login_as, read):
    w = mixed_group(make)
    login_as(w.provider_coordinator)
    url = f"/n/net/journal/groups/{w.group.id}/certificates"
    post_form(client, url, {"enrollment_id": [w.enrollments_a[0].id], "confirm": "yes"})
    before = _certificates(read)
    for bad in ([w.enrollments_a[0].id], [999999], ["x"], [], [w.enrollments_b[0].id, 999999]):
        response = post_form(client, url, {"enrollment_id": bad, "confirm": "yes"})
        assert response.status_code == 422, bad
        assert "ещё не выдан документ" in response.get_data(as_text=True)
    assert _certificates(read) == before


def test_printable_page_docx_and_register(make, client, login_as):
    w = mixed_group(make)
    login_as(w.provider_coordinator)
    post_form(client, f"/n/net/journal/groups/{w.group.id}/certificates",
              {"enrollment_id": [e.id for e in w.enrollments_a + w.enrollments_b], "confirm": "yes"})
    register = client.get("/i/cdo/journal/certificates").get_data(as_text=True)
    assert "Алексеев0" in register and "Борисов1" in register and "-0004" in register
    found = client.get("/i/cdo/journal/certificates?q=борисов1").get_data(as_text=True)
    assert "Борисов1" in found and "Алексеев0" not in found
    assert "Документов не найдено." in client.get("/i/cdo/journal/certificates?q=нетакого").get_data(as_text=True)
    by_form = client.get("/i/cdo/journal/certificates?q=робототехнике").get_data(as_text=True)  # «Робототехника»
    assert "Борисов1" in by_form and "Алексеев0" in by_form
    text = sheet_text(client.get("/i/cdo/journal/certificates.xlsx?q=борисов").data)
    assert "Борисов0" in text and "Алексеев" not in text
    certificate_url = register.split('href="/n/net/journal/certificates/')[1].split('"')[0]
    page = client.get(f"/n/net/journal/certificates/{certificate_url}")
    assert page.status_code == 200 and "СЕРТИФИКАТ" in page.get_data(as_text=True)
    assert "Робототехника" in page.get_data(as_text=True)
    document = client.get(f"/n/net/journal/certificates/{certificate_url}.docx")
    assert document.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(document.data)).paragraphs)
    assert "СЕРТИФИКАТ" in text and "Робототехника" in text


def test_home_school_opens_its_pupils_certificates_only(make, client, login_as, read):
    w = mixed_group(make)
    a = make.certificate(w.enrollments_a[0], w.group, w.programme, number=1)
    b = make.certificate(w.enrollments_b[0], w.group, w.programme, number=2)
    login_as(w.coordinator_a)
    assert client.get(f"/n/net/journal/certificates/{a.id}").status_code == 200
    assert client.get(f"/n/net/journal/certificates/{b.id}").status_code == 404
    assert client.get(f"/n/net/journal/groups/{w.group.id}/certificates").status_code == 404


def test_teacher_does_not_issue(make, client, login_as):
    w = mixed_group(make)
    login_as(w.teacher)
    assert client.get(f"/n/net/journal/groups/{w.group.id}/certificates").status_code == 404
