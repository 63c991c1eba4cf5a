"""Event reports: dates held, participants by institution and class, files checked by content."""
from __future__ import annotations

import io
from datetime import date

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import csrf_token_from, post_form
from workspace.extensions import db
from workspace.plans.models import ItemStatus, PlanItem
from workspace.plans.report_models import EventFile, EventParticipation, EventReport

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


def _setup(make):
    school = make.institution("Школа №31", slug="s31")
    library = make.institution("МБУ «МИБС»", kind="library", slug="mibs")
    outsider = make.institution("Чужая школа", slug="other")
    network = make.network(school, name="Культура", slug="kultura")
    make.member(network, library, "social_partner")
    plan = make.plan(network, 2019)
    section = make.section(plan, "План с МИБС", library)
    item = make.item(section, "Библиосумерки", "апрель", audience="5-9 классы")
    return school, library, outsider, plan, item


def _url(plan, item, tail=""):
    return f"/n/kultura/plans/{plan.id}/items/{item.id}/report{tail}"


def test_report_is_filed_and_the_item_is_held(client, make, login_as, read):
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    page = client.get(_url(plan, item)).get_data(as_text=True)
    assert 'value="2020-04-01"' in page  # the planned dates are offered
    response = post_form(client, _url(plan, item), {
        "held_from": "2020-04-17", "held_to": "2020-04-17", "summary": "Пришли 3 класса", "version": "0", "rows": "6",
        "p-0-institution": school.id, "p-0-grade": "5", "p-0-count": "25",
        "p-1-institution": school.id, "p-1-grade": "6", "p-1-count": "23",
        "p-2-institution": library.id, "p-2-grade": "", "p-2-count": "3"})
    assert response.status_code == 302
    with read():
        report = db.session.scalar(select(EventReport))
        assert report.held_from == date(2020, 4, 17) and report.summary == "Пришли 3 класса"
        counts = sorted((p.grade or 0, p.count) for p in db.session.scalars(select(EventParticipation)))
        assert counts == [(0, 3), (5, 25), (6, 23)]
        assert db.session.scalar(select(PlanItem.status).where(PlanItem.id == item.id)) == ItemStatus.HELD
    plan_page = client.get(f"/n/kultura/plans/{plan.id}").get_data(as_text=True)
    assert "Проведено" in plan_page


def test_bad_participants_and_dates_change_nothing(client, make, login_as, read):
    _school, library, outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    response = post_form(client, _url(plan, item), {
        "held_from": "2020-04-20", "held_to": "2020-04-17", "version": "0", "rows": "6",
        "p-0-institution": outsider.id, "p-0-grade": "14", "p-0-count": "-3"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    for text in ("Дата окончания раньше даты начала.", "выберите учреждение из списка", "класс — число от 1 до 11",
                 "укажите число участников"):
        assert text in html, text
    with read():
        assert db.session.scalar(select(func.count()).select_from(EventReport)) == 0
        assert db.session.scalar(select(PlanItem.status).where(PlanItem.id == item.id)) == ItemStatus.PLANNED


def _upload(client, url, page_url, data: bytes, name: str):
    token = csrf_token_from(client.get(page_url).get_data(as_text=True))
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(data), filename=name)})
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def test_files_are_checked_by_content_and_served_safely(client, make, login_as, read):
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    post_form(client, _url(plan, item), {"held_from": "2020-04-17", "held_to": "2020-04-17", "version": "0",
                                         "rows": "6"})
    ok = _upload(client, _url(plan, item, "/files"), _url(plan, item), PNG, "фото.png")
    assert ok.status_code == 302
    renamed = _upload(client, _url(plan, item, "/files"), _url(plan, item), b"MZ\x90\x00binary", "скан.pdf")
    assert renamed.status_code == 422 and "Принимаются фотографии" in renamed.get_data(as_text=True)
    big = _upload(client, _url(plan, item, "/files"), _url(plan, item), PDF + b"0" * (6 * 1024 * 1024), "big.pdf")
    assert big.status_code == 422 and "больше 5 МБ" in big.get_data(as_text=True)
    with read():
        stored = db.session.scalars(select(EventFile)).all()
    assert [(f.filename, f.content_type) for f in stored] == [("фото.png", "image/png")]
    served = client.get(_url(plan, item, f"/files/{stored[0].id}"))
    assert served.data == PNG and served.mimetype == "image/png"
    assert "sandbox" in served.headers["Content-Security-Policy"]


def test_readers_see_the_report_but_cannot_file_it(client, make, login_as):
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(school, "teacher"))
    assert "Отчёта о проведении пока нет." in client.get(_url(plan, item)).get_data(as_text=True)
    response = post_form(client, _url(plan, item), {"held_from": "2020-04-17", "held_to": "2020-04-17",
                                                    "version": "0", "rows": "6"})
    assert response.status_code == 403


def test_a_teacher_named_responsible_files_the_report(app, client, make, login_as, read):
    school, library, _outsider, plan, item = _setup(make)
    teacher = make.user(school, "teacher", full_name="Петров Андрей Сергеевич")
    other_teacher = make.user(school, "teacher")
    from tenants.scoping import unscoped
    from workspace.plans.models import PlanItemPerson
    with app.app_context(), unscoped():
        db.session.add(PlanItemPerson(network_id=item.network_id, item_id=item.id, user_id=teacher.id))
        db.session.commit()
    login_as(teacher)
    assert "Сохранить" in client.get(_url(plan, item)).get_data(as_text=True)
    response = post_form(client, _url(plan, item), {
        "held_from": "2020-04-17", "held_to": "2020-04-17", "summary": "Провели", "version": "0", "rows": "6",
        "p-0-institution": school.id, "p-0-grade": "5", "p-0-count": "25"})
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(EventReport.summary)) == "Провели"
    other = app.test_client()
    from tests.conftest import login
    login(other, other_teacher.email)
    assert post_form(other, _url(plan, item), {"held_from": "2020-04-18", "held_to": "2020-04-18", "version": "1",
                                               "rows": "0"}, page_url=_url(plan, item)).status_code == 403


def test_the_report_shows_the_participant_total_and_photos_as_pictures(app, client, make, login_as, read):
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    post_form(client, _url(plan, item), {
        "held_from": "2020-04-17", "held_to": "2020-04-17", "summary": "", "version": "0", "rows": "6",
        "p-0-institution": school.id, "p-0-grade": "5", "p-0-count": "25",
        "p-1-institution": library.id, "p-1-grade": "", "p-1-count": "3"})
    page = client.get(_url(plan, item))
    token = csrf_token_from(page.get_data(as_text=True))
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(PNG), filename="фото.png")})
    client.post(_url(plan, item, "/files"), data=body, content_type=f"multipart/form-data; boundary={boundary}")
    html = client.get(_url(plan, item)).get_data(as_text=True)
    assert "Всего участников: 28" in html
    assert '<img src="' in html and 'alt="фото.png"' in html
    reader = app.test_client()
    from tests.conftest import login
    login(reader, make.user(school, "staff").email)
    assert "Всего участников" in reader.get(_url(plan, item)).get_data(as_text=True)


def test_a_range_of_classes_is_one_row_shown_as_typed(client, make, login_as, read):
    """«1-4» was refused («класс — число от 1 до 11»): primary classes come to an event together."""
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    bad = {"held_from": "2020-04-17", "held_to": "2020-04-17", "version": "0", "rows": "6",
           "p-0-institution": school.id, "p-0-grade": "1 – 4", "p-0-count": "96",
           "p-1-institution": school.id, "p-1-grade": "4-1", "p-1-count": "5"}
    response = post_form(client, _url(plan, item), bad)
    assert response.status_code == 422
    assert "классы через дефис, например «1-4»" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(EventParticipation)) == 0
    response = post_form(client, _url(plan, item), {**bad, "p-1-grade": "7-7"})
    assert response.status_code == 302
    with read():
        rows = db.session.execute(select(EventParticipation.grade, EventParticipation.grade_to, EventParticipation.count)
                                  .order_by(EventParticipation.id)).all()
    assert rows == [(1, 4, 96), (7, None, 5)]
    form = client.get(_url(plan, item)).get_data(as_text=True)
    assert 'name="p-0-grade" value="1–4"' in form and 'name="p-1-grade" value="7"' in form
    assert "Всего участников: 101" in form
    client.post("/logout", data={"csrf_token": csrf_token_from(form)})
    login_as(make.user(school, "teacher"))
    html = client.get(_url(plan, item)).get_data(as_text=True)
    assert "<td>1–4</td><td>96</td>" in html and "<td>7</td><td>5</td>" in html
