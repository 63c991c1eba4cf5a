"""The search and chronicle hooks: what the current user may see, case-insensitive (Cyrillic)."""
from __future__ import annotations

from datetime import UTC, datetime

from tenants.scoping import set_scope
from tests.programmes.helpers import build
from workspace.programmes import chronicle
from workspace.programmes.search import search


def _as_school(app, s, user, institution):
    from flask import g
    from flask_login import login_user
    login_user(user)
    g.institution = institution
    g.network_ids = [s.network.id]
    set_scope(institution_id=institution.id, network_ids=g.network_ids)


def test_search_finds_programmes_and_only_the_schools_own_pupils(app, make):
    s = build(make)
    make.programme(s.network, s.provider, "Секретный черновик", published=False)
    make.pupil(s.school, "Ёлкин", "Пётр", class_label="7Б")
    make.pupil(s.school2, "Ёлкина", "Анна")
    with app.test_request_context("/"):
        _as_school(app, s, s.coordinator, s.school)
        found = search("РОБОТО", 10)
        assert [title for title, _sub, _url in found] == ["Робототехника"]
        assert "/n/net/programmes/" in found[0][2]
        assert search("черновик", 10) == []
        pupils = search("елкин", 10)
        assert [title for title, _sub, _url in pupils] == ["Ёлкин Пётр Петрович"]
        assert "7Б" in pupils[0][1]


def test_chronicle_lists_published_programmes_newest_first(app, make):
    s = build(make)
    make.programme(s.network, s.school2, "Хоровое пение", published=False)
    with app.test_request_context("/"):
        set_scope(institution_id=None, network_ids=[s.network.id])
        rows = chronicle.entries([s.network.id], None, 10, None)
        assert [row[2] for row in rows] == ["Робототехника"]
        assert rows[0][4] == s.provider.id and rows[0][1] == "Опубликована сетевая программа"
        assert chronicle.entries([s.network.id], datetime(2020, 1, 1, tzinfo=UTC), 10, None) == []
        assert chronicle.entries([s.network.id], None, 10, s.school.id) == []


def test_search_lists_programmes_before_pupils_and_limits_both_together(app, make):
    s = build(make)
    make.pupil(s.school, "Роботов", "Иван", class_label="5А")
    make.pupil(s.school, "Роботова", "Анна", patronymic="Петровна", class_label="6А")
    with app.test_request_context("/"):
        _as_school(app, s, s.coordinator, s.school)
        assert [title for title, _sub, _url in search("робот", 10)] == [
            "Робототехника", "Роботов Иван Петрович", "Роботова Анна Петровна"]
        assert [title for title, _sub, _url in search("робот", 2)] == ["Робототехника", "Роботов Иван Петрович"]
