"""Lessons: generated from the schedule (holidays skipped), added, edited with a version, deleted after asking."""
from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from tests.conftest import post_form
from tests.journal.helpers import mixed_group
from workspace.extensions import db
from workspace.journal.lessons import lesson_dates
from workspace.journal.models import Lesson, Mark


def _lessons(read):
    with read():
        return db.session.execute(select(Lesson.held_on, Lesson.topic, Lesson.hours, Lesson.id)
                                  .order_by(Lesson.held_on)).all()


def test_dates_follow_the_schedule_and_skip_holidays():
    slots = [(2, time(15, 0), time(16, 30))]  # Wednesdays, two academic hours
    found = lesson_dates(slots, date(2026, 11, 1), date(2026, 11, 30))
    assert [day for day, _hours in found] == [date(2026, 11, 11), date(2026, 11, 18), date(2026, 11, 25)] or \
        date(2026, 11, 4) not in [day for day, _hours in found]
    assert all(hours == 2 for _day, hours in found)
    assert date(2026, 11, 4) in [day for day, _ in lesson_dates(slots, date(2026, 11, 1), date(2026, 11, 30),
                                                                 skip_holidays=False)]


def test_teacher_generates_lessons_once(make, client, login_as, read):
    w = mixed_group(make, lessons=0)
    make.slot(w.group, weekday=0, starts_at=time(15, 0), ends_at=time(15, 45))
    make.slot(w.group, weekday=3, starts_at=time(15, 0), ends_at=time(16, 30))
    login_as(w.teacher)
    url = f"/n/net/journal/groups/{w.group.id}/lessons"
    response = post_form(client, url + "/generate", {"skip_holidays": "y"}, page_url=url)
    assert response.status_code == 302
    lessons = _lessons(read)
    assert len(lessons) > 50
    assert lessons[0][0] == date(2026, 9, 3) and lessons[0][2] == 2  # the first Thursday, 90 minutes
    assert all(day.weekday() in (0, 3) for day, *_ in lessons)
    assert date(2027, 1, 4) not in [day for day, *_ in lessons]
    assert "Добавлено занятий по расписанию" in client.get(url).get_data(as_text=True)
    post_form(client, url + "/generate", {"skip_holidays": "y"}, page_url=url)
    assert len(_lessons(read)) == len(lessons)


def test_add_edit_and_delete_a_lesson(make, client, login_as, read):
    w = mixed_group(make, lessons=1)
    make.mark(w.lesson_rows[0], w.enrollments_a[0], "absent")
    login_as(w.teacher)
    url = f"/n/net/journal/groups/{w.group.id}/lessons"
    response = post_form(client, url, {"held_on": "2026-10-01", "topic": "Датчики", "hours": "2"})
    assert response.status_code == 302
    assert ("Датчики", 2) in [(topic, hours) for _day, topic, hours, _id in _lessons(read)]
    bad = post_form(client, url, {"held_on": "", "topic": "Без даты", "hours": "20"})
    assert bad.status_code == 422 and "Укажите дату занятия." in bad.get_data(as_text=True)
    lesson = w.lesson_rows[0]
    edit = f"{url}/{lesson.id}"
    response = post_form(client, edit, {"held_on": "2026-09-02", "topic": "Сборка", "hours": "1", "version": "1"})
    assert response.status_code == 302
    stale = post_form(client, edit, {"held_on": "2026-09-02", "topic": "Старое", "hours": "1", "version": "1"})
    assert stale.status_code == 409 and "только что изменил" in stale.get_data(as_text=True)
    ask = client.get(f"{edit}/delete")
    assert ask.status_code == 200 and "все отметки на нём будут удалены" in ask.get_data(as_text=True)
    assert post_form(client, f"{edit}/delete", {}, page_url=f"{edit}/delete").status_code == 302
    with read():
        assert db.session.scalar(select(Lesson).where(Lesson.id == lesson.id)) is None
        assert db.session.scalars(select(Mark)).all() == []


def test_only_the_teacher_and_provider_managers_manage_lessons(make, client, login_as):
    w = mixed_group(make)
    login_as(w.coordinator_a)
    assert client.get(f"/n/net/journal/groups/{w.group.id}/lessons").status_code == 404


def test_lessons_beyond_the_programme_hours_are_flagged_when_generated(make, client, login_as, read):
    w = mixed_group(make, lessons=0)  # the programme states 68 hours
    make.slot(w.group, weekday=0, starts_at=time(15, 0), ends_at=time(15, 45))
    make.slot(w.group, weekday=3, starts_at=time(15, 0), ends_at=time(16, 30))
    login_as(w.teacher)
    url = f"/n/net/journal/groups/{w.group.id}/lessons"
    post_form(client, url + "/generate", {"skip_holidays": "y"}, page_url=url)
    lessons, planned, first = _lessons(read), 0, None
    for day, _topic, hours, _id in lessons:
        planned += hours
        if planned > 68 and first is None:
            first = day
    assert planned > 68
    html = client.get(url).get_data(as_text=True)
    assert "Занятий больше, чем часов в программе" in html
    assert f"запланировано {planned} час" in html and "а в программе — 68 часов" in html
    assert f"Лишние занятия — с {first.strftime('%d.%m.%Y')}" in html


def test_lessons_within_the_programme_hours_are_not_flagged(make, client, login_as, read):
    w = mixed_group(make, lessons=0)
    make.slot(w.group, weekday=0, starts_at=time(15, 0), ends_at=time(15, 45))  # about 35 hours a year
    login_as(w.teacher)
    url = f"/n/net/journal/groups/{w.group.id}/lessons"
    post_form(client, url + "/generate", {"skip_holidays": "y"}, page_url=url)
    assert sum(hours for _day, _topic, hours, _id in _lessons(read)) <= 68
    html = client.get(url).get_data(as_text=True)
    assert "Добавлено занятий по расписанию" in html and "Занятий больше, чем часов" not in html
