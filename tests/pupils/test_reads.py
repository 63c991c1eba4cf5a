"""Who read our pupils: each read of a school's pupils by another institution is a row per pupil, and the
school lists them by pupil and period (its admin and coordinator), also on the pupil's page."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event, select

from tests.conftest import login
from tests.journal.helpers import mixed_group
from workspace.extensions import db
from workspace.pupils.models import PupilRead


def _as(app, user):
    """A fresh browser logged in as ``user``."""
    client = app.test_client()
    login(client, user.email)
    return client


def _reads(read):
    with read():
        return db.session.execute(select(PupilRead.institution_id, PupilRead.pupil_id, PupilRead.kind,
                                         PupilRead.object_id, PupilRead.reader_name,
                                         PupilRead.reader_institution_id).order_by(PupilRead.id)).all()


def test_provider_reads_are_recorded_per_pupil(app, make, client, login_as, read):
    w = mixed_group(make)
    login_as(w.teacher)
    assert client.get(f"/n/net/journal/groups/{w.group.id}").status_code == 200
    reads = _reads(read)
    pupils = {(e.home_institution_id, e.pupil_id) for e in w.enrollments_a + w.enrollments_b}
    assert {(r.institution_id, r.pupil_id) for r in reads} == pupils and len(reads) == 4
    assert {(r.kind, r.object_id, r.reader_name, r.reader_institution_id) for r in reads} == {
        ("journal", w.group.id, "Педагог Группы", w.provider.id)}
    assert client.get(f"/n/net/journal/groups/{w.group.id}/export.xlsx").status_code == 200
    assert [r.kind for r in _reads(read)[4:]] == ["journal_export"] * 4
    client = _as(app, w.provider_coordinator)
    assert client.get(f"/n/net/programmes/requests/{w.request.id}").status_code == 200  # school B's request
    assert {(r.kind, r.pupil_id) for r in _reads(read)[8:]} == {("request", e.pupil_id) for e in w.enrollments_b}
    certificate = make.certificate(w.enrollments_a[0], w.group, w.programme)
    assert client.get(f"/n/net/journal/certificates/{certificate.id}").status_code == 200
    assert client.get(f"/n/net/journal/certificates/{certificate.id}.docx").status_code == 200
    assert [(r.kind, r.pupil_id) for r in _reads(read)[10:]] == [("certificate", w.enrollments_a[0].pupil_id)] * 2
    assert client.get(f"/n/net/journal/groups/{w.group.id}/certificates").status_code == 200
    assert [r.kind for r in _reads(read)[12:]] == ["certificate_issue"] * 4
    assert client.get("/i/cdo/journal/certificates").status_code == 200
    assert client.get("/i/cdo/journal/certificates.xlsx").status_code == 200
    assert [(r.kind, r.pupil_id) for r in _reads(read)[16:]] == [
        ("certificate_register", w.enrollments_a[0].pupil_id)] * 2


def test_the_journal_records_its_reads_once_the_answer_is_made(app, make, client, login_as, read):
    """The grid, the lesson page and the Excel write their reads last: on SQLite the INSERT holds the write lock
    until the commit, which must not wait for the page to be drawn."""
    w = mixed_group(make)
    login_as(w.teacher)
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def remember(_connection, _cursor, statement, *_rest):
        # the request's own statements (not the tests' savepoints, nor PostgreSQL's row-level-security context)
        if statement.startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")) and "set_config(" not in statement:
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", remember)
    try:
        for path in (f"/n/net/journal/groups/{w.group.id}", f"/n/net/journal/groups/{w.group.id}/lesson",
                     f"/n/net/journal/groups/{w.group.id}/export.xlsx"):
            statements.clear()
            assert client.get(path).status_code == 200
            assert statements[-1].startswith("INSERT INTO pupil_reads"), (path, statements[-1])
            assert sum(statement.startswith("INSERT") for statement in statements) == 1
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert [r.kind for r in _reads(read)] == ["journal"] * 8 + ["journal_export"] * 4


def test_a_school_reading_its_own_pupils_leaves_no_read(make, client, login_as, read):
    w = mixed_group(make)
    login_as(w.coordinator_a)
    assert client.get(f"/n/net/journal/groups/{w.group.id}").status_code == 200
    assert client.get(f"/n/net/journal/groups/{w.group.id}/export.xlsx").status_code == 200
    assert _reads(read) == []


def test_the_school_lists_reads_by_pupil_and_period(app, make, client, login_as):
    w = mixed_group(make)
    login_as(w.teacher)
    client.get(f"/n/net/journal/groups/{w.group.id}")
    client = _as(app, w.coordinator_a)
    html = client.get("/i/school-a/pupils/reads").get_data(as_text=True)
    assert "Кто просматривал данные обучающихся" in html
    assert "Алексеев0 Пётр" in html and "Алексеев1 Пётр" in html and "Борисов" not in html
    assert "Педагог Группы" in html and "ЦДО" in html and "Сетевой журнал группы" in html
    # the page and its period filter speak the deployment's dates (Moscow): after 21:00 UTC that is tomorrow's UTC date
    today = datetime.now(ZoneInfo(app.config["BABEL_DEFAULT_TIMEZONE"])).date()
    assert today.strftime("%d.%m.%Y") in html and "Всего просмотров: 2" in html
    one = w.enrollments_a[0].pupil_id
    html = client.get(f"/i/school-a/pupils/reads?pupil={one}").get_data(as_text=True)
    assert "Алексеев0 Пётр" in html and "Алексеев1" not in html.split('id="read-rows"')[1]
    rows = client.get("/i/school-a/pupils/reads?q=алексеев1").get_data(as_text=True).split('id="read-rows"')[1]
    assert "Алексеев1 Пётр" in rows and "Алексеев0" not in rows
    html = client.get("/i/school-a/pupils/reads?q=Сидоров").get_data(as_text=True)
    assert "Алексеев" not in html.split('id="read-rows"')[1]
    assert 'value="Сидоров"' in html and "<option" not in html  # no list of every pupil of the school
    tomorrow = (today + timedelta(days=1)).isoformat()
    html = client.get(f"/i/school-a/pupils/reads?from={tomorrow}").get_data(as_text=True)
    assert "За выбранный период другие учреждения не просматривали" in html
    html = client.get(f"/i/school-a/pupils/reads?from={today.isoformat()}&to={today.isoformat()}", headers={
        "HX-Request": "true", "HX-Target": "read-rows"}).get_data(as_text=True)
    assert html.lstrip().startswith('<div id="read-rows">') and "Всего просмотров: 2" in html
    page = client.get(f"/i/school-a/pupils/{one}").get_data(as_text=True)
    assert "Кто просматривал данные" in page and "Педагог Группы (ЦДО): Сетевой журнал группы" in page
    assert f"/i/school-a/pupils/reads?pupil={one}" in page
    client = _as(app, w.teacher_a)
    assert client.get("/i/school-a/pupils/reads").status_code == 403
    assert "Кто просматривал данные" not in client.get(f"/i/school-a/pupils/{one}").get_data(as_text=True)
    assert client.get(f"/i/school-a/pupils/reads?pupil={w.enrollments_b[0].pupil_id}").status_code in (403, 404)
