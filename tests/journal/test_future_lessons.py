"""A lesson dated after today takes no marks: refused in the grid and on the per-lesson page."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from tests.conftest import csrf_token_from
from tests.journal.helpers import mixed_group
from workspace.core.dates import local_today
from workspace.extensions import db
from workspace.journal.models import Mark

REFUSAL = "Занятие ещё не проведено: отметки ставятся в день занятия или позже."


def _future(make):
    w = mixed_group(make, lessons=0)
    w.lesson = make.lessons(w.group, 1, first=local_today() + timedelta(days=1))[0]
    w.today = make.lessons(w.group, 1, first=local_today())[0]
    return w


def _url(w, lesson, enrollment):
    return f"/n/net/journal/groups/{w.group.id}/marks/{lesson.id}/{enrollment.id}"


def _htmx_token(client, w):
    page = client.get(f"/n/net/journal/groups/{w.group.id}").get_data(as_text=True)
    return re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)


def _marks(read):
    with read():
        return db.session.scalars(select(Mark)).all()


def test_the_grid_refuses_a_mark_on_a_future_lesson(make, client, login_as, read):
    w = _future(make)
    pupil = w.enrollments_a[0]
    login_as(w.teacher)
    headers = {"HX-Request": "true", "X-CSRFToken": _htmx_token(client, w)}
    for code in ("present", "absent", "5"):
        response = client.post(_url(w, w.lesson, pupil), data={"set": code}, headers=headers)
        assert response.status_code == 422 and response.headers["HX-Reswap"] == "none"
        assert REFUSAL in response.get_data(as_text=True)
    assert _marks(read) == []
    # today's lesson takes marks as before
    assert client.post(_url(w, w.today, pupil), data={"set": "present"}, headers=headers).status_code == 200
    assert len(_marks(read)) == 1


def test_the_cell_form_without_javascript_refuses_and_changes_nothing(make, client, login_as, read):
    w = _future(make)
    pupil = w.enrollments_b[0]
    login_as(w.teacher)
    form = client.get(_url(w, w.lesson, pupil))
    token = csrf_token_from(form.get_data(as_text=True))
    response = client.post(_url(w, w.lesson, pupil), data={"set": "absent", "csrf_token": token})
    assert response.status_code == 422 and REFUSAL in response.get_data(as_text=True)
    assert _marks(read) == []


def test_the_per_lesson_page_refuses_a_mark_on_a_future_lesson(make, client, login_as, read):
    w = _future(make)
    pupil = w.enrollments_a[1]
    login_as(w.teacher)
    page = client.get(f"/n/net/journal/groups/{w.group.id}/lesson?lesson={w.lesson.id}")
    assert page.status_code == 200
    token = csrf_token_from(page.get_data(as_text=True)) if "csrf_token" in page.get_data(as_text=True) \
        else _htmx_token(client, w)
    response = client.post(_url(w, w.lesson, pupil), data={"set": "present", "view": "lesson", "csrf_token": token})
    assert response.status_code == 422 and REFUSAL in response.get_data(as_text=True)
    headers = {"HX-Request": "true", "X-CSRFToken": _htmx_token(client, w)}
    response = client.post(_url(w, w.lesson, pupil), data={"set": "present", "view": "lesson"}, headers=headers)
    assert response.status_code == 422 and REFUSAL in response.get_data(as_text=True)
    assert _marks(read) == []


def test_others_still_cannot_mark_a_future_lesson(make, client, login_as, read):
    w = _future(make)
    login_as(w.provider_coordinator)
    headers = {"HX-Request": "true", "X-CSRFToken": _htmx_token(client, w)}
    response = client.post(_url(w, w.lesson, w.enrollments_a[0]), data={"set": "present"}, headers=headers)
    assert response.status_code == 403  # the provider's coordinator reads the grid, never marks it
    assert _marks(read) == []


def test_another_institution_gets_404(make, client, login_as):
    w = _future(make)
    login_as(w.museum_coordinator)
    assert client.get(_url(w, w.lesson, w.enrollments_a[0])).status_code == 404
