"""The hooks the lead registers later: global search and the chronicle, both showing only what the
current user may see."""
from __future__ import annotations

from contextlib import contextmanager

import pytest
from flask import g
from flask_login import login_user

from tenants.resolution import member_network_ids
from tenants.scoping import set_scope
from tests.agreements.helpers import build_scene


@contextmanager
def _as(app, user):
    with app.test_request_context("/"):
        login_user(user)
        g.network_ids = member_network_ids(user.institution_id) if user.institution_id else []
        set_scope(institution_id=user.institution_id, network_ids=g.network_ids)
        yield


@pytest.fixture
def scene(make):
    scene = build_scene(make)
    make.agreement(scene.network, [scene.school, scene.library], "Договор о Сетевой форме", number="СФ-1",
                   status="active", published=True, subject="Робототехника и ёлочные игрушки")
    make.agreement(scene.network, [scene.school, scene.library], "Секретный ДОГОВОР с библиотекой", number="С-2",
                   status="active")
    make.agreement(scene.other_network, [scene.other_school, make.institution("Чужая библиотека")],
                   "Чужой договор", status="active", published=True)
    return scene


def test_search_finds_only_what_the_user_may_see(app, scene):
    from workspace.agreements.search import search
    with _as(app, scene.coordinator):
        titles = [title for title, _subtitle, _url in search("ДОГОВОР", 10)]
        assert set(titles) == {"Договор о Сетевой форме", "Секретный ДОГОВОР с библиотекой"}
        assert [title for title, *_ in search("робототехника", 10)] == ["Договор о Сетевой форме"]
        assert [title for title, *_ in search("ЕЛОЧНЫЕ", 10)] == ["Договор о Сетевой форме"]  # «ё» is «е»
        assert search("сф-1", 10)[0][2].endswith(f"/n/net/agreements/{_first_id(search('сф-1', 10))}")
    with _as(app, scene.museum_coordinator):
        assert [title for title, *_ in search("договор", 10)] == ["Договор о Сетевой форме"]
        assert search("робототехника", 10) == []  # the subject is not the non-party's to search
    with _as(app, scene.other_admin):
        assert [title for title, *_ in search("договор", 10)] == ["Чужой договор"]


def _first_id(results):
    return results[0][2].rsplit("/", 1)[1]


def test_chronicle_lists_agreements_that_came_into_force(app, scene):
    from workspace.agreements.chronicle import entries
    with _as(app, scene.coordinator):
        found = entries([scene.network.id], None, 10, None)
        assert {title for _when, _kind, title, _url, _inst in found} == {"Договор о Сетевой форме",
                                                                         "Секретный ДОГОВОР с библиотекой"}
        assert all(kind == "Договор подписан" and inst == scene.library.id for _w, kind, _t, _u, inst in found)
        assert entries([scene.network.id], None, 10, scene.museum.id) == []
        newest = found[0][0]
        assert len(entries([scene.network.id], newest, 10, None)) == len(found) - 1
    with _as(app, scene.museum_coordinator):
        assert [title for _w, _k, title, _u, _i in entries([scene.network.id], None, 10, None)] == \
            ["Договор о Сетевой форме"]
