"""Event reports: dates held, participants by institution and class, files checked by content."""
from __future__ import annotations

import io
from datetime import date

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import csrf_token_from, post_form
from workspace.core.dates import local_today
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
        counts = sorted((p.grade_from or 0, p.count) for p in db.session.scalars(select(EventParticipation)))
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
    """«1-4» was refused («класс — число от 1 до 11»): primary classes come to an event together. A range is kept
    in two columns, one class as a range of one; the form gives back «1–4», the report reads «1–4 кл.»."""
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
        rows = db.session.execute(select(EventParticipation.grade_from, EventParticipation.grade_to,
                                         EventParticipation.count).order_by(EventParticipation.id)).all()
    assert rows == [(1, 4, 96), (7, 7, 5)]
    form = client.get(_url(plan, item)).get_data(as_text=True)
    assert 'name="p-0-grade" value="1–4"' in form and 'name="p-1-grade" value="7"' in form
    assert "Всего участников: 101" in form
    client.post("/logout", data={"csrf_token": csrf_token_from(form)})
    login_as(make.user(school, "teacher"))
    html = client.get(_url(plan, item)).get_data(as_text=True)
    assert '<td class="nowrap">1–4 кл.</td><td>96</td>' in html and '<td class="nowrap">7 кл.</td><td>5</td>' in html


def test_classes_are_read_as_people_type_them(client, make, login_as, read):
    """«1–4», «1—4», «5-7 классы», «7 кл.», «7 класс»: the numbers are what counts, the word may be typed."""
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    typed = ["1-4", "1–4", "5-7 классы", "7", "8 кл.", "9 класс", "10—11 кл", " 2 - 3 "]
    data = {"held_from": "2020-04-17", "held_to": "2020-04-17", "version": "0", "rows": str(len(typed))}
    for index, text in enumerate(typed):
        data |= {f"p-{index}-institution": school.id, f"p-{index}-grade": text, f"p-{index}-count": str(index + 1)}
    assert post_form(client, _url(plan, item), data).status_code == 302
    with read():
        rows = db.session.execute(select(EventParticipation.grade_from, EventParticipation.grade_to)
                                  .order_by(EventParticipation.id)).all()
    assert rows == [(1, 4), (1, 4), (5, 7), (7, 7), (8, 8), (9, 9), (10, 11), (2, 3)]
    html = client.get(_url(plan, item)).get_data(as_text=True)
    assert 'name="p-2-grade" value="5–7"' in html and 'name="p-4-grade" value="8"' in html


def test_bad_classes_are_named_and_change_nothing(client, make, login_as, read):
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    good = {"held_from": "2020-04-17", "held_to": "2020-04-17", "version": "0", "rows": "6",
            "p-0-institution": school.id, "p-0-grade": "5-7", "p-0-count": "30"}
    assert post_form(client, _url(plan, item), good).status_code == 302
    for text in ("0", "12", "5-12", "7-5", "пятые", "5а-7б", "1-4-6", "5,7"):
        response = post_form(client, _url(plan, item), {**good, "version": "1", "p-0-grade": text,
                                                        "summary": "не сохранится"})
        assert response.status_code == 422, text
        assert ("Участники, строка 1: класс — число от 1 до 11 или классы через дефис, например «1-4»."
                in response.get_data(as_text=True)), text
    with read():
        assert db.session.execute(select(EventParticipation.grade_from, EventParticipation.grade_to,
                                         EventParticipation.count)).all() == [(5, 7, 30)]
        assert db.session.scalar(select(EventReport.summary)) == ""


def test_the_migration_keeps_one_class_as_a_range_of_one():
    """0031 renames ``grade`` to ``grade_from`` and stores a single class as from = to; down again gives it back."""
    import importlib.util
    from pathlib import Path

    import sqlalchemy as sa
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    path = Path(__file__).parents[2] / "migrations" / "versions" / "0031_event_report_grade_range.py"
    spec = importlib.util.spec_from_file_location("migration_0031", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    engine = sa.create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE event_participations (id INTEGER PRIMARY KEY, grade SMALLINT, "
                                   "grade_to SMALLINT, count INTEGER NOT NULL)"))
        connection.execute(sa.text("INSERT INTO event_participations VALUES (1, 7, NULL, 20), (2, 1, 4, 96), "
                                   "(3, NULL, NULL, 3)"))
        with Operations.context(MigrationContext.configure(connection)):
            migration.upgrade()
            assert connection.execute(sa.text("SELECT id, grade_from, grade_to, count FROM event_participations "
                                              "ORDER BY id")).all() == [(1, 7, 7, 20), (2, 1, 4, 96), (3, None, None, 3)]
            migration.downgrade()
            assert connection.execute(sa.text("SELECT id, grade, grade_to FROM event_participations "
                                              "ORDER BY id")).all() == [(1, 7, None), (2, 1, 4), (3, None, None)]
    engine.dispose()


def test_a_responsible_teacher_is_refused_with_403_where_he_may_not_write(app, client, make, login_as, read):
    """«his note post answers 400 instead of 403»: a teacher named responsible for one event posts a report on
    another event, a cell of his own event and a note on the desk, plain and through htmx. With the page's token
    every refusal is 403 and says why; without a token it is the CSRF refusal (400) — before any right is read —
    and nothing is written either way."""
    school, library, _outsider, plan, item = _setup(make)
    section = make.section(plan, "План школы", None)
    other = make.item(section, "Классный час «Мой край»", "май")
    teacher = make.user(school, "teacher", full_name="Петров Андрей Сергеевич")
    from tenants.scoping import unscoped
    from workspace.desk.models import Note
    from workspace.plans.models import PlanItemPerson
    with app.app_context(), unscoped():
        db.session.add(PlanItemPerson(network_id=item.network_id, item_id=item.id, user_id=teacher.id))
        db.session.commit()
    login_as(teacher)
    own_page = client.get(_url(plan, item)).get_data(as_text=True)
    assert "Сохранить отчёт" in own_page
    token = csrf_token_from(own_page)
    other_page = client.get(_url(plan, other)).get_data(as_text=True)
    assert "Сохранить отчёт" not in other_page and "Отчёта о проведении пока нет." in other_page
    report = {"held_from": "2020-05-12", "held_to": "2020-05-12", "summary": "Заметка о классном часе",
              "version": "0", "rows": "0"}
    posts = [(_url(plan, other), report),
             (f"/n/kultura/plans/{plan.id}/items/{item.id}/cells/title", {"value": "Чужое название", "version": "1"}),
             ("/i/s31/notes", {"body": "Заметка учителя"})]
    htmx = {"HX-Request": "true", "HX-Target": "notes", "HX-Current-URL": "http://localhost/i/s31/"}
    for url, data in posts:
        plain = client.post(url, data={**data, "csrf_token": token})
        assert plain.status_code == 403, url
        assert "У вашей роли нет прав на это действие." in plain.get_data(as_text=True), url
        fragment = client.post(url, data=data, headers={**htmx, "X-CSRFToken": token})
        assert fragment.status_code == 403 and "<html" not in fragment.get_data(as_text=True), url
        assert client.post(url, data=data).status_code == 400, url
        refused = client.post(url, data=data, headers=htmx)
        assert refused.status_code == 400 and "Форма устарела" in refused.get_data(as_text=True), url
    with read():
        assert db.session.scalar(select(func.count()).select_from(EventReport)) == 0
        assert db.session.scalar(select(func.count()).select_from(Note)) == 0
        assert db.session.scalar(select(PlanItem.title).where(PlanItem.id == item.id)) == "Библиосумерки"


def test_a_report_of_an_event_still_ahead_is_refused_and_the_item_stays_planned(client, make, login_as, read):
    """Saving the report marks the item «Проведено»: filed a day early, the plan said an event was held that
    had not happened."""
    from datetime import timedelta
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    ahead = (local_today() + timedelta(days=2)).isoformat()  # ahead in every time zone of the country
    response = post_form(client, _url(plan, item), {
        "held_from": ahead, "held_to": ahead, "summary": "Заранее", "version": "0", "rows": "6",
        "p-0-institution": school.id, "p-0-grade": "5", "p-0-count": "25"})
    assert response.status_code == 422
    assert "Мероприятие ещё не прошло: отчёт заполняют после него." in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(EventReport)) == 0
        assert db.session.scalar(select(PlanItem.status).where(PlanItem.id == item.id)) == ItemStatus.PLANNED
    # «today» where the day is latest (Kamchatka, UTC+12) is not ahead: the server's UTC date may be a day behind
    from datetime import datetime, timezone
    today = datetime.now(timezone(timedelta(hours=12))).date().isoformat()
    assert post_form(client, _url(plan, item), {"held_from": today, "held_to": today, "version": "0",
                                                "rows": "0"}).status_code == 302


def test_a_small_photo_is_not_shown_as_zero_kilobytes(client, make, login_as):
    """«фото.png 0 КБ» was shown for a photo under half a kilobyte: sizes are rounded up."""
    _school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    post_form(client, _url(plan, item), {"held_from": "2020-04-17", "held_to": "2020-04-17", "version": "0",
                                         "rows": "0"})
    assert _upload(client, _url(plan, item, "/files"), _url(plan, item), PNG, "фото.png").status_code == 302
    html = client.get(_url(plan, item)).get_data(as_text=True)
    assert "1 КБ" in html and "0 КБ" not in html


def test_more_participant_rows_keep_what_was_typed_and_save_nothing(client, make, login_as, read):
    """Six rows and no way to get a seventh but to save and come back: «Ещё строки участников» gives four more,
    keeps every field as typed, and writes nothing."""
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    typed = {"held_from": "2020-04-17", "held_to": "2020-04-17", "summary": "Пять классов", "version": "0",
             "rows": "6"}
    for index in range(6):
        typed |= {f"p-{index}-institution": school.id, f"p-{index}-grade": str(index + 1),
                  f"p-{index}-count": str(20 + index)}
    response = post_form(client, _url(plan, item), {**typed, "more": "1"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'name="rows" value="10"' in html and 'id="p-9-grade"' in html and 'id="p-10-grade"' not in html
    assert 'name="p-5-grade" value="6"' in html and 'name="p-5-count" value="25"' in html
    assert "Пять классов" in html and 'value="2020-04-17"' in html
    with read():
        assert db.session.scalar(select(func.count()).select_from(EventReport)) == 0
        assert db.session.scalar(select(PlanItem.status).where(PlanItem.id == item.id)) == ItemStatus.PLANNED
    more = {**typed, "rows": "10", "p-6-institution": school.id, "p-6-grade": "7-9 классы", "p-6-count": "70"}
    assert post_form(client, _url(plan, item), more).status_code == 302
    with read():
        assert db.session.scalar(select(func.count()).select_from(EventParticipation)) == 7
    # the primary action comes first: Enter in a field saves, it does not add rows
    page = client.get(_url(plan, item)).get_data(as_text=True)
    assert page.index('class="primary">Сохранить отчёт') < page.index('name="more"')


def test_an_event_of_two_periods_offers_one_period_not_the_span(client, make, login_as):
    """«октябрь, март» offered «held 01.10.2019 – 31.03.2020»: saved as offered, the report said the event
    lasted six months. It offers the last period begun (March), or the first while none has."""
    _school, library, _outsider, plan, _item = _setup(make)
    section = make.section(plan, "Ещё раздел", library)
    twice = make.item(section, "Библиотечный урок", "октябрь, март")
    login_as(make.user(library, "coordinator"))
    page = client.get(_url(plan, twice)).get_data(as_text=True)
    assert 'value="2020-03-01"' in page
    assert 'value="2020-03-31"' in page and 'value="2019-10-01"' not in page
    from datetime import timedelta

    from workspace.plans.models import PlanItem as Item
    from workspace.plans.reports import offered_dates
    october, march = date(2019, 10, 1), date(2020, 3, 1)
    item = Item(starts_on=october, ends_on=date(2020, 3, 31), periods="2019-10-01/2019-10-31;2020-03-01/2020-03-31")
    assert offered_dates(item, october - timedelta(days=1)) == (october, date(2019, 10, 31))
    assert offered_dates(item, date(2019, 12, 1)) == (october, date(2019, 10, 31))
    assert offered_dates(item, march) == (march, date(2020, 3, 31))
    assert offered_dates(Item(starts_on=None, ends_on=None, periods=""), march) == (None, None)
