"""The grid: who sees which rows, the cell save with its totals, the no-JavaScript form."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import csrf_token_from
from tests.journal.helpers import mixed_group
from workspace.journal.models import Attendance, Mark


def _url(w, *parts):
    return f"/n/net/journal/groups/{w.group.id}" + "".join(parts)


def _cell(w, lesson, enrollment):
    return _url(w, f"/marks/{lesson.id}/{enrollment.id}")


def _save(client, w, lesson, enrollment, code, htmx=True):
    token = csrf_token_from(client.get(_url(w)).get_data(as_text=True)) if not htmx else None
    headers = {"HX-Request": "true", "HX-Target": f"c{enrollment.id}-{lesson.id}"} if htmx else {}
    if htmx:
        page = client.get(_url(w)).get_data(as_text=True)
        import re
        token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
        headers["X-CSRFToken"] = token
        return client.post(_cell(w, lesson, enrollment), data={"set": code}, headers=headers)
    return client.post(_cell(w, lesson, enrollment), data={"set": code, "csrf_token": token})


def test_teacher_sees_every_row_and_edits(make, client, login_as):
    w = mixed_group(make)
    login_as(w.teacher)
    html = client.get(_url(w)).get_data(as_text=True)
    assert "Алексеев0" in html and "Борисов1" in html
    assert "data-journal-grid" in html and "СОШ №2" in html


def test_keystroke_saves_and_updates_totals_out_of_band(make, client, login_as, read):
    w = mixed_group(make)
    lesson, pupil, other = w.lesson_rows[0], w.enrollments_a[0], w.enrollments_b[0]
    make.mark(lesson, other, "absent")
    login_as(w.teacher)
    response = _save(client, w, lesson, pupil, "present")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'id="c{pupil.id}-{lesson.id}"' in html
    assert f'<td id="rt{pupil.id}" class="total" hx-swap-oob="true">100%</td>' in html
    assert f'<td id="ct{lesson.id}" class="total" hx-swap-oob="true">50%</td>' in html
    response = _save(client, w, lesson, pupil, "4")
    assert ">4</a>" in response.get_data(as_text=True)
    response = _save(client, w, lesson, pupil, "absent")
    html = response.get_data(as_text=True)
    assert f'<td id="rt{pupil.id}" class="total" hx-swap-oob="true">0%</td>' in html
    assert f'<td id="ct{lesson.id}" class="total" hx-swap-oob="true">0%</td>' in html
    with read():
        marks = {(m.lesson_id, m.enrollment_id): m for m in make_session_marks()}
    mark = marks[(lesson.id, pupil.id)]
    assert mark.attendance is Attendance.ABSENT and mark.grade is None
    assert mark.home_institution_id == w.school_a.id and mark.updated_by_id == w.teacher.id


def make_session_marks():
    from workspace.extensions import db
    return db.session.scalars(select(Mark)).all()


def test_present_keeps_the_grade_and_clear_empties(make, client, login_as, read):
    w = mixed_group(make)
    lesson, pupil = w.lesson_rows[1], w.enrollments_a[1]
    login_as(w.teacher)
    _save(client, w, lesson, pupil, "5")
    _save(client, w, lesson, pupil, "present")
    with read():
        mark = make_session_marks()[0]
        assert (mark.attendance, mark.grade) == (Attendance.PRESENT, "5")
    response = _save(client, w, lesson, pupil, "clear")
    assert f'id="rt{pupil.id}" class="total" hx-swap-oob="true"></td>' in response.get_data(as_text=True)
    with read():
        mark = make_session_marks()[0]
        assert (mark.attendance, mark.grade) == (None, None)


def test_a_grade_off_the_scale_is_refused(make, client, login_as, read):
    w = mixed_group(make, scale="pass_fail")
    login_as(w.teacher)
    response = _save(client, w, w.lesson_rows[0], w.enrollments_a[0], "5", htmx=False)
    assert response.status_code == 422
    assert "Выберите отметку из списка." in response.get_data(as_text=True)
    assert _save(client, w, w.lesson_rows[0], w.enrollments_a[0], "pass").status_code == 200
    with read():
        assert [m.grade for m in make_session_marks()] == ["pass"]


def test_without_javascript_a_cell_is_a_form(make, client, login_as, read):
    w = mixed_group(make, scale="levels")
    lesson, pupil = w.lesson_rows[2], w.enrollments_b[0]
    login_as(w.teacher)
    page = client.get(_url(w)).get_data(as_text=True)
    assert f'href="{_cell(w, lesson, pupil)}"' in page
    form = client.get(_cell(w, lesson, pupil))
    assert form.status_code == 200 and "высокий" in form.get_data(as_text=True)
    # the form says whose mark of which lesson it sets
    from workspace.core.dates import ru_date
    assert f"Отметка: {pupil.pupil_name}, {ru_date(lesson.held_on)}" in form.get_data(as_text=True)
    response = _save(client, w, lesson, pupil, "high", htmx=False)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#c{pupil.id}-{lesson.id}")
    assert "Отметка сохранена." in client.get(_url(w)).get_data(as_text=True)


def test_provider_coordinator_sees_all_rows_read_only(make, client, login_as):
    w = mixed_group(make)
    login_as(w.provider_coordinator)
    html = client.get(_url(w)).get_data(as_text=True)
    assert "Алексеев0" in html and "Борисов0" in html and "data-journal-grid" not in html
    assert client.get(_cell(w, w.lesson_rows[0], w.enrollments_a[0])).status_code == 403


def test_each_home_school_sees_only_its_own_pupils(make, client, login_as):
    w = mixed_group(make)
    make.mark(w.lesson_rows[0], w.enrollments_b[0], "absent")
    login_as(w.coordinator_a)
    html = client.get(_url(w)).get_data(as_text=True)
    assert "Алексеев0" in html and "Алексеев1" in html
    assert "Борисов" not in html and "СОШ №2" not in html
    assert "data-journal-grid" not in html
    assert client.get(_cell(w, w.lesson_rows[0], w.enrollments_a[0])).status_code == 404
    excel = client.get(_url(w, "/export.xlsx"))
    assert excel.status_code == 200
    from tests.journal.test_exports import sheet_text
    text = sheet_text(excel.data)
    assert "Алексеев0" in text and "Борисов" not in text


def test_council_member_sees_aggregates_never_names(make, client, login_as):
    w = mixed_group(make)
    make.mark(w.lesson_rows[0], w.enrollments_b[0], "absent")
    make.mark(w.lesson_rows[0], w.enrollments_a[0], "present")
    login_as(w.council_member)
    response = client.get(_url(w))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Алексеев" not in html and "Борисов" not in html
    assert "50%" in html and "только сводные данные" in html
    assert client.get(_url(w, "/export.xlsx")).status_code == 404


def test_everyone_else_gets_404(make, app):
    from tests.conftest import login
    w = mixed_group(make)
    for user in (w.museum_coordinator, w.other_teacher, w.teacher_a):
        client = app.test_client()
        login(client, user.email)
        assert client.get(_url(w)).status_code == 404, user.full_name
        assert client.get(_url(w, "/export.xlsx")).status_code == 404


def test_a_school_with_no_pupils_in_the_group_gets_404(make, client, login_as):
    w = mixed_group(make, pupils_b=0)
    login_as(w.coordinator_b)
    assert client.get(_url(w)).status_code == 404


def test_journal_index_lists_the_groups_each_may_open(make, app):
    from tests.conftest import login
    w = mixed_group(make)
    for user, sees in ((w.teacher, True), (w.provider_coordinator, True), (w.coordinator_a, True),
                       (w.council_member, True), (w.other_teacher, False), (w.museum_coordinator, False),
                       (w.coordinator_b, True)):
        client = app.test_client()
        login(client, user.email)
        html = client.get("/n/net/journal/").get_data(as_text=True)
        assert ("Роботы-1" in html) is sees, user.full_name
        assert "Алексеев" not in html


def test_a_save_updates_the_overall_total_and_the_heading(make, client, login_as):
    w = mixed_group(make)
    lesson, other_lesson = w.lesson_rows[0], w.lesson_rows[1]
    make.mark(other_lesson, w.enrollments_b[0], "absent")
    login_as(w.teacher)
    html = _save(client, w, lesson, w.enrollments_a[0], "present").get_data(as_text=True)
    assert '<td id="journal-overall" class="total" hx-swap-oob="true">50%</td>' in html
    assert '<span id="journal-overall-head" hx-swap-oob="true"> · посещаемость: 50%</span>' in html
    page = client.get(_url(w)).get_data(as_text=True)
    assert '<span id="journal-overall-head"> · посещаемость: 50%</span>' in page
    assert '<td id="journal-overall" class="total">50%</td>' in page


def test_a_graded_cell_is_marked_so_a_click_does_not_cycle_it(make, client, login_as):
    w = mixed_group(make)
    lesson, pupil = w.lesson_rows[0], w.enrollments_a[0]
    login_as(w.teacher)
    html = _save(client, w, lesson, pupil, "5").get_data(as_text=True)
    assert f'<td id="c{pupil.id}-{lesson.id}" class="mark present graded">' in html
    assert f'<td id="c{pupil.id}-{lesson.id}" class="mark present graded">' in client.get(_url(w)).get_data(
        as_text=True)


def test_the_keys_hint_follows_the_grade_scale(make, client, login_as):
    w = mixed_group(make, scale="pass_fail")
    login_as(w.teacher)
    html = client.get(_url(w)).get_data(as_text=True)
    assert "цифры — оценка" not in html and "1 или з — зачёт, 0 — незачёт" in html
