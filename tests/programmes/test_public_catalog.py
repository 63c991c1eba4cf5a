"""The public catalog (no login) and the parent's application that lands in the school's inbox."""
from __future__ import annotations

from sqlalchemy import func, select

from tests.conftest import post_form
from tests.programmes.helpers import build
from workspace.extensions import db
from workspace.programmes.models import Application, ApplicationSource, ApplicationStatus
from workspace.pupils.models import Pupil

FORM = {"pupil_full_name": "Новиков Пётр Андреевич", "class_label": "6б", "parent_name": "Новикова Анна",
        "parent_contact": "novikova@mail.example", "has_consent": "y"}


def _count(read):
    with read():
        return db.session.scalar(select(func.count()).select_from(Application))


def test_catalog_shows_published_programmes_with_schedule_and_free_places(client, make):
    s = build(make, capacity=10)
    make.programme(s.network, s.provider, "Черновик кружка", published=False)
    group = make.group(s.programme, "Группа 1", place="ЦДО, каб. 3")
    make.slot(group, weekday=0)
    page = client.get(f"/public/n/{s.network.slug}/programmes")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Робототехника" in body and "Черновик кружка" not in body
    assert "понедельник 15:00–16:30" in body and "Свободных мест: 10 из 10" in body
    assert client.get(f"/public/n/{s.network.slug}/programmes?direction=art").get_data(as_text=True).count(
        "Робототехника") == 0
    assert client.get("/public/n/no-such/programmes").status_code == 404


def test_parent_application_needs_consent_and_lands_in_the_school_inbox(client, make, read, login_as):
    s = build(make)
    url = f"/public/n/{s.network.slug}/programmes/{s.programme.id}"
    page = client.get(url).get_data(as_text=True)
    assert "СОШ №31" in page and "СОШ №8" in page and ">ЦДО<" not in page  # schools only
    refused = post_form(client, url, {**{k: v for k, v in FORM.items() if k != "has_consent"}, "school_id": s.school.id})
    assert refused.status_code == 422 and "Без согласия" in refused.get_data(as_text=True)
    assert _count(read) == 0
    sent = post_form(client, url, {**FORM, "school_id": s.school.id}, follow_redirects=True)
    assert "Заявление отправлено в школу" in sent.get_data(as_text=True)
    with read():
        application = db.session.scalar(select(Application))
    assert application.institution_id == s.school.id and application.status is ApplicationStatus.NEW
    assert application.source is ApplicationSource.PUBLIC and application.has_consent and application.pupil_id is None
    assert application.class_label == "6Б"
    login_as(s.coordinator)
    inbox = client.get(f"/i/{s.school.slug}/enrollment/applications?status=new").get_data(as_text=True)
    assert "Новиков Пётр Андреевич" in inbox
    detail = f"/i/{s.school.slug}/enrollment/applications/{application.id}"
    assert post_form(client, detail, {"pupil_id": ""}).status_code == 302  # creates the pupil from the application
    with read():
        pupil = db.session.scalar(select(Pupil))
        assert (pupil.surname, pupil.name, pupil.patronymic, pupil.class_label) == ("Новиков", "Пётр", "Андреевич", "6Б")
        assert pupil.parent_email == "novikova@mail.example"
        assert db.session.scalar(select(Application.status)) is ApplicationStatus.ACCEPTED


def test_honeypot_and_hourly_limit(app, client, make, read):
    s = build(make)
    url = f"/public/n/{s.network.slug}/programmes/{s.programme.id}"
    bot = post_form(client, url, {**FORM, "school_id": s.school.id, "website": "http://spam.example"})
    assert bot.status_code == 302 and _count(read) == 0
    app.config["PUBLIC_APPLICATIONS_PER_HOUR"] = 2
    for child in ("Новиков Пётр Андреевич", "Новикова Анна Андреевна"):  # two children: no duplicate
        assert post_form(client, url, {**FORM, "school_id": s.school2.id, "pupil_full_name": child}).status_code == 302
    limited = post_form(client, url, {**FORM, "school_id": s.school.id})
    assert limited.status_code == 422 and "слишком много заявлений" in limited.get_data(as_text=True)
    assert _count(read) == 2


def test_unpublished_or_foreign_programme_is_404_and_no_csrf_is_refused(client, make):
    s = build(make)
    draft = make.programme(s.network, s.provider, "Черновик", published=False)
    other = make.network(make.institution("Чужая школа"), slug="other")
    assert client.get(f"/public/n/{s.network.slug}/programmes/{draft.id}").status_code == 404
    assert client.get(f"/public/n/{other.slug}/programmes/{s.programme.id}").status_code == 404
    response = client.post(f"/public/n/{s.network.slug}/programmes/{s.programme.id}", data={**FORM, "school_id": s.school.id})
    assert response.status_code == 400 and "Форма устарела" in response.get_data(as_text=True)


def test_a_parent_cannot_send_the_same_application_twice(client, make, read):
    s = build(make)
    url = f"/public/n/{s.network.slug}/programmes/{s.programme.id}"
    assert post_form(client, url, {**FORM, "school_id": s.school.id}).status_code == 302
    again = post_form(client, url, {**FORM, "school_id": s.school.id}, follow_redirects=True)
    assert "уже отправлено в школу" in again.get_data(as_text=True)
    assert _count(read) == 1


def test_a_pupil_of_another_grade_cannot_apply(client, make, read, login_as):
    s = build(make)  # the programme is for grades 5–9
    url = f"/public/n/{s.network.slug}/programmes/{s.programme.id}"
    refused = post_form(client, url, {**FORM, "school_id": s.school.id, "class_label": "10А"})
    assert refused.status_code == 422
    assert "для 5–9 классов, а обучающийся в 10 классе" in refused.get_data(as_text=True)
    assert _count(read) == 0
    pupil = make.pupil(s.school, "Орлов", "Игорь", class_label="10А")
    login_as(s.coordinator)
    manual = post_form(client, f"/i/{s.school.slug}/enrollment/applications",
                       {"pupil_id": pupil.id, "programme_id": s.programme.id, "submitted_on": "2026-09-03",
                        "has_consent": "y"})
    assert manual.status_code == 422 and "а обучающийся в 10 классе" in manual.get_data(as_text=True)
    assert _count(read) == 0


def test_matching_with_the_registry_suggests_the_pupil(client, make, read, login_as):
    s = build(make)
    make.pupil(s.school, "Алексеев", "Олег", class_label="6Б")
    pupil = make.pupil(s.school, "Новиков", "Пётр", patronymic="Андреевич", class_label="6Б")
    url = f"/public/n/{s.network.slug}/programmes/{s.programme.id}"
    assert post_form(client, url, {**FORM, "school_id": s.school.id}).status_code == 302
    with read():
        application = db.session.scalar(select(Application))
    login_as(s.coordinator)
    page = client.get(f"/i/{s.school.slug}/enrollment/applications/{application.id}").get_data(as_text=True)
    assert f'<option selected value="{pupil.id}">Похоже: Новиков Пётр Андреевич, 6Б</option>' in page \
        or f'<option value="{pupil.id}" selected>Похоже: Новиков Пётр Андреевич, 6Б</option>' in page
