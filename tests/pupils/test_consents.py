"""Consents of a pupil's parent: recorded and withdrawn on the pupil's page; without an active consent to
processing the pupil is not sent to a provider and an application for them is not accepted."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.conftest import post_form
from tests.programmes.helpers import build
from workspace.extensions import db
from workspace.programmes.models import Application, ApplicationStatus, EnrollmentRequest
from workspace.pupils.models import ConsentPurpose, PupilConsent


def _consents(read, pupil_id):
    with read():
        return db.session.execute(select(PupilConsent.purpose, PupilConsent.given_by, PupilConsent.withdrawn_on,
                                         PupilConsent.withdrawn_by, PupilConsent.application_id)
                                  .where(PupilConsent.pupil_id == pupil_id).order_by(PupilConsent.id)).all()


def test_a_consent_is_recorded_and_withdrawn_after_a_confirmation(make, client, login_as, read):
    s = build(make)
    pupil = make.pupil(s.school, "Сидоров", parent_name="Сидорова Анна Ивановна")
    login_as(s.coordinator)
    base = f"/i/sosh31/pupils/{pupil.id}"
    page = client.get(base).get_data(as_text=True)
    assert "Согласия не записаны" in page
    response = post_form(client, f"{base}/consents/new", {
        "purpose": "photo_video", "given_by": "Сидорова Анна Ивановна", "given_on": "2026-09-02",
        "document": "Заявление-согласие от 02.09.2026"})
    assert response.status_code == 302
    response = post_form(client, f"{base}/consents/new", {"purpose": "other", "given_by": "Сидорова А. И.",
                                                           "given_on": "2026-09-02"})
    assert response.status_code == 422 and "Опишите, на что дано согласие." in response.get_data(as_text=True)
    post_form(client, f"{base}/consents/new", {"purpose": "processing", "given_by": "Сидорова Анна Ивановна",
                                               "given_on": "2026-09-01", "document": "Личное дело"})
    page = client.get(base).get_data(as_text=True)
    assert "публикация фото и видео" in page and "02.09.2026" in page
    assert "обработка персональных данных для обучения по сетевой программе" in page
    assert [row.purpose for row in _consents(read, pupil.id)] == [ConsentPurpose.PHOTO_VIDEO, ConsentPurpose.PROCESSING]

    with read():
        consent_id = db.session.scalar(select(PupilConsent.id).where(PupilConsent.pupil_id == pupil.id,
                                                                     PupilConsent.purpose == ConsentPurpose.PROCESSING))
    url = f"{base}/consents/{consent_id}/withdraw"
    confirmation = client.get(url).get_data(as_text=True)
    assert "Отозвать согласие?" in confirmation and "обработка данных обучающегося прекращается" in confirmation
    assert _consents(read, pupil.id)[1].withdrawn_on is None  # asking changes nothing
    response = post_form(client, url, {"withdrawn_on": "2026-10-05", "withdrawn_by": "Сидорова Анна Ивановна",
                                       "withdrawal_note": "Заявление об отзыве", "version": "1"})
    assert response.status_code == 302
    row = _consents(read, pupil.id)[1]
    assert (row.withdrawn_on, row.withdrawn_by) == (date(2026, 10, 5), "Сидорова Анна Ивановна")
    page = client.get(base).get_data(as_text=True)
    assert "отозвано 05.10.2026" in page
    assert client.get(url).status_code == 302  # a withdrawn consent is not withdrawn twice


def test_teachers_read_consents_but_do_not_manage_them(make, client, login_as):
    s = build(make)
    pupil = make.pupil(s.school, "Сидоров")
    consent = make.consent(pupil, "photo_video")
    login_as(s.teacher)
    page = client.get(f"/i/sosh31/pupils/{pupil.id}").get_data(as_text=True)
    assert "публикация фото и видео" in page and "Записать согласие" not in page
    assert client.get(f"/i/sosh31/pupils/{pupil.id}/consents/new").status_code == 403
    assert client.get(f"/i/sosh31/pupils/{pupil.id}/consents/{consent.id}/withdraw").status_code == 403


def test_a_pupil_whose_consent_was_withdrawn_is_not_put_into_a_request(make, client, login_as, read):
    s = build(make, capacity=10)
    kept, withdrawn = make.pupil(s.school, "Согласнов"), make.pupil(s.school, "Отозванов")
    applications = [make.application(pupil, s.programme) for pupil in (kept, withdrawn)]
    with read():
        consent = db.session.scalar(select(PupilConsent).where(PupilConsent.pupil_id == withdrawn.id))
        consent.withdrawn_on = date(2026, 10, 1)
        db.session.commit()
    login_as(s.coordinator)
    url = f"/i/sosh31/enrollment/requests/new?programme={s.programme.id}"
    response = post_form(client, url, {"programme": s.programme.id,
                                       "application_ids": [a.id for a in applications]})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Нет действующего согласия на обработку персональных данных: Отозванов Иван." in text
    with read():
        assert db.session.scalar(select(EnrollmentRequest.id)) is None
        assert {a.status for a in db.session.scalars(select(Application))} == {ApplicationStatus.ACCEPTED}
    response = post_form(client, url, {"programme": s.programme.id, "application_ids": [applications[0].id]})
    assert response.status_code == 302


def test_an_application_without_consent_is_not_accepted(make, client, login_as, read):
    s = build(make)
    pupil = make.pupil(s.school, "Отозванов")
    make.consent(pupil, withdrawn_on=date(2026, 10, 1))
    application = make.application(None, s.programme, school=s.school, status="new", source="public",
                                   has_consent=False, pupil_full_name="Отозванов Иван Петрович")
    login_as(s.coordinator)
    url = f"/i/sosh31/enrollment/applications/{application.id}"
    response = post_form(client, url, {"pupil_id": pupil.id})
    assert response.status_code == 302
    assert "Заявление нельзя принять: нет действующего согласия" in client.get(url).get_data(as_text=True)
    with read():
        row = db.session.scalar(select(Application).where(Application.id == application.id))
        assert (row.status, row.pupil_id) == (ApplicationStatus.NEW, None)
    assert len(_consents(read, pupil.id)) == 1


def test_a_public_application_records_its_consent_when_matched(make, client, login_as, read):
    s = build(make)
    pupil = make.pupil(s.school, "Новиков", "Пётр")
    application = make.application(None, s.programme, school=s.school, status="new", source="public",
                                   parent_name="Новикова Ольга", pupil_full_name="Новиков Пётр")
    assert _consents(read, pupil.id) == []
    login_as(s.coordinator)
    response = post_form(client, f"/i/sosh31/enrollment/applications/{application.id}", {"pupil_id": pupil.id})
    assert response.status_code == 302
    [consent] = _consents(read, pupil.id)
    assert (consent.purpose, consent.given_by, consent.withdrawn_on, consent.application_id) == (
        ConsentPurpose.PROCESSING, "Новикова Ольга", None, application.id)


def test_the_pupil_list_marks_pupils_without_consent(make, client, login_as):
    s = build(make)
    make.application(make.pupil(s.school, "Согласнов"), s.programme)
    make.pupil(s.school, "Безсогласия")
    login_as(s.teacher)
    html = client.get("/i/sosh31/pupils/").get_data(as_text=True)
    rows = {line.split("</a>")[0].rsplit(">", 1)[-1]: line for line in html.splitlines() if "/pupils/" in line
            and "<tr>" in line}
    marked = [name for name, line in rows.items() if "нет согласия на обработку ПД" in line]
    assert marked == ["Безсогласия Иван Петрович"], rows


def test_the_pupil_list_marks_pupils_who_left(make, client, login_as):
    s = build(make)
    make.application(make.pupil(s.school, "Учится"), s.programme)
    make.application(make.pupil(s.school, "Выбывший", is_active=False), s.programme)
    login_as(s.teacher)
    html = client.get("/i/sosh31/pupils/").get_data(as_text=True)
    rows = {line.split("</a>")[0].rsplit(">", 1)[-1]: line for line in html.splitlines() if "/pupils/" in line
            and "<tr>" in line}
    assert [name for name, line in rows.items() if '<span class="badge muted">выбыл</span>' in line] == [
        "Выбывший Иван Петрович"], rows


def test_the_history_names_a_consent_by_its_purpose(make, client, login_as):
    """The history keeps «processing № N»; the page names the purpose in words."""
    s = build(make)
    pupil = make.pupil(s.school, "Новиков", "Пётр")
    application = make.application(None, s.programme, school=s.school, status="new", source="public",
                                   parent_name="Новикова Ольга", pupil_full_name="Новиков Пётр")
    login_as(s.coordinator)
    assert post_form(client, f"/i/sosh31/enrollment/applications/{application.id}",
                     {"pupil_id": pupil.id}).status_code == 302
    page = client.get("/i/sosh31/history").get_data(as_text=True)
    assert "обработка персональных данных для обучения по сетевой программе №" in page
    assert "processing" not in page
