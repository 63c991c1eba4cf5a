"""Tampered ids and values of the cell save: a lesson or an enrollment of another group (same network),
a missing one, a value off the scale — refused, nothing written."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.journal.helpers import mixed_group
from workspace.extensions import db
from workspace.journal.models import Mark


def _marks(read):
    with read():
        return db.session.scalar(select(func.count(Mark.id)))


def test_cells_of_other_groups_and_bad_values_are_refused(make, client, login_as, read):
    w = mixed_group(make)
    second = make.group(w.programme, "Роботы-2", teacher=w.teacher)
    other_lesson = make.lesson(second)
    request = make.enrollment_request(w.programme, w.school_a)
    other_enrollment = make.enrollment(request, make.pupil(w.school_a, "Чужой"), status="enrolled", group=second)
    waiting = make.enrollment(request, make.pupil(w.school_a, "Ожидающий"), status="waiting", group=w.group)
    login_as(w.teacher)
    page = client.get(f"/n/net/journal/groups/{w.group.id}").get_data(as_text=True)
    headers = {"HX-Request": "true", "X-CSRFToken": re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)}
    lesson, enrollment = w.lesson_rows[0], w.enrollments_a[0]
    base = f"/n/net/journal/groups/{w.group.id}/marks"
    for lesson_id, enrollment_id in ((other_lesson.id, enrollment.id), (lesson.id, other_enrollment.id),
                                     (999999, enrollment.id), (lesson.id, 999999), (lesson.id, waiting.id)):
        response = client.post(f"{base}/{lesson_id}/{enrollment_id}", data={"set": "present"}, headers=headers)
        assert response.status_code == 404, (lesson_id, enrollment_id)
    for value in ("6", "", "pass", "high", "'; drop table marks; --", "x" * 5000):
        response = client.post(f"{base}/{lesson.id}/{enrollment.id}", data={"set": value}, headers=headers)
        assert response.status_code == 422, value
    # the group of the other lesson is the teacher's too: the right URL works
    response = client.post(f"/n/net/journal/groups/{second.id}/marks/{other_lesson.id}/{other_enrollment.id}",
                           data={"set": "absent"}, headers=headers)
    assert response.status_code == 200
    assert _marks(read) == 1
