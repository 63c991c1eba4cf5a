"""Attestation: forms and dates on the programme page (the provider's managers), results in the journal grid
(the teacher and the provider's managers write; a home school reads its pupils; the council reads counts), the
certificate issue's warning and confirmation, the справка об обучении in its own series, the register."""
from __future__ import annotations

import io
import re
from datetime import date

from docx import Document
from sqlalchemy import select

from tests.conftest import login, post_form
from tests.journal.helpers import mixed_group
from workspace.core.dates import local_today
from workspace.extensions import db
from workspace.journal.models import AttestationResult, Certificate, CertificateKind
from workspace.programmes.models import Attestation


def _as(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def _grid(w):
    return f"/n/net/journal/groups/{w.group.id}"


def _result_url(w, attestation, enrollment):
    return f"{_grid(w)}/attestations/{attestation.id}/{enrollment.id}"


def _htmx_save(client, w, url, code):
    page = client.get(_grid(w)).get_data(as_text=True)
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    return client.post(url, data={"set": code}, headers={"HX-Request": "true", "X-CSRFToken": token})


def _results(read):
    with read():
        return {(r.attestation_id, r.enrollment_id): r.result for r in db.session.scalars(select(AttestationResult))}


def test_managers_add_and_delete_attestations_on_the_programme_page(make, app, read):
    w = mixed_group(make)
    url = f"/n/net/programmes/{w.programme.id}"
    client = _as(app, w.provider_coordinator)
    assert "Формы и сроки аттестации не заданы." in client.get(url).get_data(as_text=True)
    response = post_form(client, f"{url}/attestations", {"att-kind": "final", "att-form": "other", "att-title": "",
                                                        "att-held_on": "2026-12-20"}, page_url=url)
    assert response.status_code == 422
    assert "Для формы «другое» напишите, что это за аттестация." in response.get_data(as_text=True)
    response = post_form(client, f"{url}/attestations", {"att-kind": "final", "att-form": "project",
                                                        "att-held_on": "2026-12-20"}, page_url=url)
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "20.12.2026" in page and "итоговая: защита проекта" in page
    with read():
        attestation = db.session.scalar(select(Attestation))
    assert "будет удалена" in client.get(f"{url}/attestations/{attestation.id}/delete").get_data(as_text=True)
    assert post_form(client, f"{url}/attestations/{attestation.id}/delete", {}, page_url=url).status_code == 302
    with read():
        assert db.session.scalar(select(Attestation)) is None


def test_only_the_providers_managers_edit_attestations(make, app):
    w = mixed_group(make)
    attestation = make.attestation(w.programme)
    url = f"/n/net/programmes/{w.programme.id}"
    for user, status in ((w.teacher, 403), (w.coordinator_a, 403), (w.provider_coordinator, 200)):
        client = _as(app, user)
        assert client.get(f"{url}/attestations/{attestation.id}/delete").status_code == status
    client = _as(app, w.coordinator_a)
    page = client.get(url).get_data(as_text=True)
    assert "итоговая: зачёт" in page and "Новая аттестация" not in page


def test_teacher_enters_results_by_keystroke_and_form(make, app, read):
    w = mixed_group(make)
    attestation = make.attestation(w.programme)
    pupil = w.enrollments_a[0]
    client = _as(app, w.teacher)
    page = client.get(_grid(w)).get_data(as_text=True)
    assert "ИА 20.09" in page and f'href="{_result_url(w, attestation, pupil)}"' in page
    assert "з:pass" in page and "0:fail" in page
    response = _htmx_save(client, w, _result_url(w, attestation, pupil), "pass")
    assert response.status_code == 200 and ">зч</a>" in response.get_data(as_text=True)
    assert _results(read) == {(attestation.id, pupil.id): "pass"}
    response = _htmx_save(client, w, _result_url(w, attestation, pupil), "4")
    assert ">4</a>" in response.get_data(as_text=True)
    response = _htmx_save(client, w, _result_url(w, attestation, pupil), "absent")
    assert response.status_code == 422 and response.headers["HX-Reswap"] == "none"
    assert _results(read) == {(attestation.id, pupil.id): "4"}
    form = client.get(_result_url(w, attestation, pupil)).get_data(as_text=True)
    assert "не зачтено" in form and "сейчас: 4" in form
    response = post_form(client, _result_url(w, attestation, pupil), {"set": "fail"})
    assert response.status_code == 302
    response = post_form(client, _result_url(w, attestation, pupil), {"set": "nonsense"})
    assert response.status_code == 422 and "Выберите результат аттестации из списка." in response.get_data(as_text=True)
    assert _results(read) == {(attestation.id, pupil.id): "fail"}
    post_form(client, _result_url(w, attestation, pupil), {"set": "clear"})
    assert _results(read) == {}


def test_provider_manager_writes_results_others_cannot(make, app, read):
    w = mixed_group(make)
    attestation = make.attestation(w.programme)
    pupil = w.enrollments_b[0]
    client = _as(app, w.provider_coordinator)
    page = client.get(_grid(w)).get_data(as_text=True)
    assert "data-journal-grid" in page
    assert _htmx_save(client, w, _result_url(w, attestation, pupil), "pass").status_code == 200
    for user, status in ((w.other_teacher, 403), (w.coordinator_a, 404), (w.museum_coordinator, 404),
                         (w.council_member, 404)):
        client = _as(app, user)
        assert client.get(_result_url(w, attestation, pupil)).status_code == status
    assert _results(read) == {(attestation.id, pupil.id): "pass"}


def test_home_school_sees_its_results_council_only_counts(make, app):
    w = mixed_group(make)
    attestation = make.attestation(w.programme)
    make.attestation_result(attestation, w.enrollments_a[0], "pass")
    make.attestation_result(attestation, w.enrollments_b[0], "fail")
    client = _as(app, w.coordinator_a)
    page = client.get(_grid(w)).get_data(as_text=True)
    assert f'id="a{w.enrollments_a[0].id}-{attestation.id}"' in page and "зч" in page
    assert f'id="a{w.enrollments_b[0].id}-{attestation.id}"' not in page and "нз" not in page
    assert "data-cell" not in page
    client = _as(app, w.council_member)
    page = client.get(_grid(w)).get_data(as_text=True)
    assert "Аттестация (только сводные данные)" in page and "Алексеев" not in page
    assert re.search(r"<td>1</td><td>1</td>", page)


def test_tampered_ids_are_404(make, app):
    w = mixed_group(make)
    attestation = make.attestation(w.programme)
    foreign_programme = make.programme(w.network, w.provider, "Другая программа")
    foreign = make.attestation(foreign_programme)
    client = _as(app, w.teacher)
    assert client.get(_result_url(w, foreign, w.enrollments_a[0])).status_code == 404
    assert client.get(f"{_grid(w)}/attestations/{attestation.id}/999999").status_code == 404
    client = _as(app, w.provider_coordinator)
    url = f"/n/net/programmes/{foreign_programme.id}/attestations/{attestation.id}/delete"
    assert client.get(url).status_code == 404


def test_issue_warns_and_needs_confirmation_and_gives_a_statement(make, app, read):
    w = mixed_group(make, pupils_b=0)
    final = make.attestation(w.programme)
    passed, failed = w.enrollments_a
    make.attestation_result(final, passed, "pass")
    make.attestation_result(final, failed, "fail")
    client = _as(app, w.provider_coordinator)
    url = f"{_grid(w)}/certificates"
    page = client.get(url).get_data(as_text=True)
    assert "не пройдена — справка" in page and "пройдена" in page
    response = post_form(client, url, {"enrollment_id": [passed.id, failed.id]})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Не у всех отмеченных обучающихся пройдена итоговая аттестация" in html
    assert f"Итоговая аттестация не пройдена: {failed.pupil_name}" in html and 'name="confirm"' in html
    with read():
        assert db.session.scalar(select(Certificate)) is None
    response = post_form(client, url, {"enrollment_id": [passed.id, failed.id], "confirm": "yes"})
    assert response.status_code == 302
    with read():
        issued = {c.enrollment_id: c for c in db.session.scalars(select(Certificate))}
    year = local_today().year
    assert issued[passed.id].kind is CertificateKind.CERTIFICATE and issued[passed.id].number == 1
    assert issued[failed.id].kind is CertificateKind.STATEMENT and issued[failed.id].number == 1
    assert issued[failed.id].label == f"С-{year}-0001" and issued[failed.id].result == "не зачтено"
    page = client.get(f"/n/net/journal/certificates/{issued[failed.id].id}").get_data(as_text=True)
    assert "СПРАВКА" in page and "в объёме" in page
    document = client.get(f"/n/net/journal/certificates/{issued[failed.id].id}.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(document.data)).paragraphs)
    assert "СПРАВКА" in text and f"об обучении № С-{year}-0001" in text
    hours = w.programme.hours
    assert f"обучение по программе «Робототехника» в объёме {hours} час" in text


def test_passed_pupils_get_certificates_without_a_warning(make, app, read):
    w = mixed_group(make, pupils_b=0)
    final = make.attestation(w.programme)
    for enrollment in w.enrollments_a:
        make.attestation_result(final, enrollment, "5")
    client = _as(app, w.provider_coordinator)
    url = f"{_grid(w)}/certificates"
    response = post_form(client, url, {"enrollment_id": [e.id for e in w.enrollments_a]})
    assert response.status_code == 302
    with read():
        kinds = [c.kind for c in db.session.scalars(select(Certificate))]
    assert kinds == [CertificateKind.CERTIFICATE] * 2


def test_no_final_attestation_is_warned_too(make, app):
    w = mixed_group(make, pupils_b=0)
    client = _as(app, w.provider_coordinator)
    url = f"{_grid(w)}/certificates"
    response = post_form(client, url, {"enrollment_id": [w.enrollments_a[0].id]})
    assert response.status_code == 422
    assert "Нет результата итоговой аттестации" in response.get_data(as_text=True)


def test_register_lists_the_schools_pupils_documents_only(make, app):
    w = mixed_group(make)
    make.certificate(w.enrollments_a[0], w.group, w.programme, number=1)
    make.certificate(w.enrollments_b[0], w.group, w.programme, number=2)
    client = _as(app, w.coordinator_a)
    page = client.get("/i/school-a/journal/certificates").get_data(as_text=True)
    assert w.enrollments_a[0].pupil_name in page and w.enrollments_b[0].pupil_name not in page
    assert "сертификат об обучении" in page
    client = _as(app, w.provider_coordinator)
    page = client.get("/i/cdo/journal/certificates").get_data(as_text=True)
    assert w.enrollments_a[0].pupil_name in page and w.enrollments_b[0].pupil_name in page
    client = _as(app, w.teacher_a)
    assert client.get("/i/school-a/journal/certificates").status_code == 403


def test_half_year_report_shows_the_schools_attestation_results(make, app):
    from tests.journal.test_exports import sheet_text
    w = mixed_group(make)
    intermediate = make.attestation(w.programme, kind="intermediate", form="exhibition", held_on=date(2026, 12, 20))
    make.attestation_result(intermediate, w.enrollments_a[0], "fail")
    make.attestation_result(intermediate, w.enrollments_b[0], "pass")
    client = _as(app, w.coordinator_a)
    page = client.get("/i/school-a/journal/report?half=2026-1").get_data(as_text=True)
    assert "промежуточная, выставка 20.12.2026: не зачтено" in page
    assert "зачтено" not in page.replace("не зачтено", "")  # school B's pupil's result is not here
    sheet = sheet_text(client.get("/i/school-a/journal/report.xlsx?half=2026-1").data)
    assert "промежуточная, выставка 20.12.2026: не зачтено" in sheet
    other_half = client.get("/i/school-a/journal/report?half=2026-2").get_data(as_text=True)
    assert "20.12.2026: не зачтено" not in other_half


def test_statement_wording_agrees_with_the_pupil_and_the_hours(app):
    from workspace.journal.certificates import statement_text
    with app.test_request_context():
        for name, hours, expected in (
                ("Петрова Анна Сергеевна", 72, "Выдана Петровой Анне Сергеевне (6А) в том, что она прошла обучение "
                                               "по программе «Робототехника» в объёме 72 часов."),
                ("Иванов Пётр Алексеевич", 21, "Выдана Иванову Петру Алексеевичу (6А) в том, что он прошёл обучение "
                                               "по программе «Робототехника» в объёме 21 часа."),
                ("Иванов Пётр Алексеевич", 1, "в объёме 1 часа.")):
            certificate = Certificate(kind=CertificateKind.STATEMENT, year=2027, number=1, pupil_name=name,
                                      class_label="6А", programme_title="Робототехника", hours=hours)
            assert expected in statement_text(certificate)


def test_the_journal_leads_a_schools_managers_to_its_register(make, app):
    w = mixed_group(make)
    page = _as(app, w.coordinator_a).get("/n/net/journal/").get_data(as_text=True)
    assert 'href="/i/school-a/journal/certificates"' in page and 'href="/i/school-a/journal/report"' in page
    page = _as(app, w.teacher).get("/n/net/journal/").get_data(as_text=True)
    assert "/journal/certificates" not in page
