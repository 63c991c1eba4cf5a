"""The journal of one lesson (the phone's mode): the nearest lesson by default, one form of buttons per
pupil that saves through the cell save (htmx or a real form), the grid's rights."""
from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from tests.conftest import csrf_token_from
from tests.journal.helpers import mixed_group
from workspace.extensions import db
from workspace.journal.models import Attendance, Mark
from workspace.journal.views import nearest_lesson


def _url(w, query=""):
    return f"/n/net/journal/groups/{w.group.id}/lesson{query}"


def _cell(w, lesson, enrollment):
    return f"/n/net/journal/groups/{w.group.id}/marks/{lesson.id}/{enrollment.id}"


def test_the_nearest_lesson_is_the_default_and_an_earlier_one_wins_a_tie():
    from types import SimpleNamespace
    today = date(2026, 10, 10)
    lessons = [SimpleNamespace(id=n, held_on=today + timedelta(days=shift)) for n, shift in
               enumerate((-20, -3, 3, 9))]
    assert nearest_lesson(lessons, None, today).id == 1
    assert nearest_lesson(lessons, 3, today).id == 3
    assert nearest_lesson(lessons, 99, today).id == 1
    assert nearest_lesson([], None, today) is None


def test_teacher_gets_a_form_of_buttons_per_pupil(make, client, login_as):
    w = mixed_group(make, scale="pass_fail")
    lesson = w.lesson_rows[1]
    login_as(w.teacher)
    html = client.get(_url(w, f"?lesson={lesson.id}")).get_data(as_text=True)
    assert html.count('name="view" value="lesson"') == 4
    assert f'action="{_cell(w, lesson, w.enrollments_b[0])}"' in html
    assert 'value="absent"' in html and "зачёт" in html and "незачёт" in html
    assert f'<option value="{lesson.id}" selected>' in html
    grid = client.get(f"/n/net/journal/groups/{w.group.id}").get_data(as_text=True)
    assert f'href="{_url(w)}"' in grid and "Отметить занятие" in grid


def test_a_tap_saves_and_comes_back_as_the_pupils_buttons(make, client, login_as, read):
    w = mixed_group(make)
    lesson, pupil = w.lesson_rows[0], w.enrollments_a[1]
    login_as(w.teacher)
    page = client.get(_url(w)).get_data(as_text=True)
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    response = client.post(_cell(w, lesson, pupil), data={"set": "4", "view": "lesson"},
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith(f'<div id="m{pupil.id}"')
    assert re.search(r'value="4" id="b\d+-4" aria-pressed="true"', html)
    assert re.search(r'value="present" id="b\d+-present" class="roll-present" aria-pressed="true"', html)
    with read():
        mark = db.session.execute(select(Mark.attendance, Mark.grade).where(Mark.enrollment_id == pupil.id,
                                                                            Mark.lesson_id == lesson.id)).one()
    assert tuple(mark) == (Attendance.PRESENT, "4")
    # the block swapped in is the page's own block, to the byte (both come from journal/roll.py)
    again = client.get(_url(w, f"?lesson={lesson.id}")).get_data(as_text=True)
    block = re.search(rf'<div id="m{pupil.id}" .*?</form></div>', again).group(0)
    assert html.strip() == block
    assert "roll-clear" in block and 'class="roll-marks present"' in block


def test_without_javascript_a_tap_is_a_form_that_comes_back_to_the_lesson(make, client, login_as, read):
    w = mixed_group(make)
    lesson, pupil = w.lesson_rows[2], w.enrollments_b[1]
    login_as(w.teacher)
    token = csrf_token_from(client.get(_url(w, f"?lesson={lesson.id}")).get_data(as_text=True))
    response = client.post(_cell(w, lesson, pupil), data={"set": "excused", "view": "lesson", "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/lesson?lesson={lesson.id}#p{pupil.id}")
    html = client.get(_url(w, f"?lesson={lesson.id}")).get_data(as_text=True)
    assert "Отметка сохранена." in html and 'class="roll-marks excused"' in html
    with read():
        assert db.session.scalar(select(Mark.attendance).where(Mark.enrollment_id == pupil.id)) is Attendance.EXCUSED


def test_others_read_as_the_grid_allows(make, client, login_as, app):
    from tests.conftest import login
    w = mixed_group(make)
    lesson = w.lesson_rows[0]
    make.mark(lesson, w.enrollments_a[0], "absent")
    make.mark(lesson, w.enrollments_b[0], "present")
    login_as(w.coordinator_a)
    html = client.get(_url(w, f"?lesson={lesson.id}")).get_data(as_text=True)
    assert "Алексеев0" in html and "отсутствовал" in html and "Борисов" not in html
    assert 'name="view"' not in html
    council = app.test_client()
    login(council, w.council_member.email)
    html = council.get(_url(w, f"?lesson={lesson.id}")).get_data(as_text=True)
    assert "Алексеев" not in html and "Борисов" not in html and "Отмечено: 2, присутствовали: 1." in html
    for user in (w.museum_coordinator, w.other_teacher, w.teacher_a):
        other = app.test_client()
        login(other, user.email)
        assert other.get(_url(w)).status_code == 404, user.full_name
