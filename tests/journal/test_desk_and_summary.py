"""The teacher's lessons of today on the desk; a pupil's journal summary for the home school's pupil page."""
from __future__ import annotations

from datetime import date

from flask import g, render_template

from tests.journal.helpers import mixed_group
from workspace.core.dates import local_today
from workspace.journal.queries import pupil_summary


def test_teacher_sees_todays_lessons_with_a_link_to_the_grid(make, client, login_as):
    w = mixed_group(make)
    make.lesson(w.group, local_today(), "Сегодняшняя тема")
    login_as(w.teacher)
    html = client.get("/i/cdo/").get_data(as_text=True)
    assert "Мои занятия сегодня" in html and "Сегодняшняя тема" in html
    assert f'href="/n/net/journal/groups/{w.group.id}"' in html


def test_teacher_without_lessons_today_sees_an_empty_state(make, client, login_as):
    w = mixed_group(make)
    login_as(w.other_teacher)
    assert "Сегодня занятий в сетевых группах нет." in client.get("/i/cdo/").get_data(as_text=True)


def test_pupil_summary_counts_and_last_grades(app, make, read):
    w = mixed_group(make, lessons=4)
    enrollment = w.enrollments_a[0]
    grades = ["5", "4", None, "3"]
    for lesson, grade in zip(w.lesson_rows, grades):
        make.mark(lesson, enrollment, "present" if grade else "absent", grade)
    make.mark(w.lesson_rows[0], w.enrollments_b[0], "present", "2")
    with app.test_request_context("/"):
        from tenants.scoping import set_scope
        g.institution = w.school_a
        set_scope(institution_id=w.school_a.id, network_ids=[w.network.id])
        from sqlalchemy import select

        from workspace.extensions import db
        from workspace.pupils.models import Pupil
        pupil_id = db.session.scalar(select(Pupil.id).where(Pupil.surname == "Алексеев0"))
        rows = pupil_summary(pupil_id, today=date(2027, 1, 1))
        assert len(rows) == 1
        row = rows[0]
        assert (row.programme, row.group, row.lessons_held, row.attended, row.percent) == (
            "Робототехника", "Роботы-1", 4, 3, 75)
        assert row.last_grades == ["3", "4", "5"]
        html = render_template("journal/_pupil_summary.html", journal_rows=rows)
        assert "Робототехника" in html and "75%" in html
        assert pupil_summary(999999) == []
