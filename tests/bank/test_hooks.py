"""The hooks the lead registers later: global search and the chronicle, scoped like every request."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import g

from tenants.scoping import set_scope
from tests.tenancy.world import MARK_B, build_world


def _as_institution(app, institution, network_ids):
    context = app.test_request_context(f"/i/{institution.slug}/")
    context.push()
    g.institution, g.network_ids = institution, network_ids
    set_scope(institution_id=institution.id, network_ids=network_ids)
    return context


def test_search_finds_own_materials_documents_and_requests_in_any_case_and_nothing_foreign(app, make):
    from workspace.bank.search import search as bank_search
    from workspace.requests_table.search import search as requests_search
    world = build_world(make)
    context = _as_institution(app, world.a.school, [world.a.network.id])
    try:
        found = bank_search("СЦЕНАРИЙ квеста", 10)
        assert [title for title, _s, _u in found] == [world.a.material.title]
        assert found[0][2] == f"/n/network-a/bank/{world.a.material.id}"
        assert [t for t, _s, _u in bank_search("положение", 10)] == [world.a.document.title]
        assert {t for t, _s, _u in requests_search("ЗАЛ для КВЕСТА", 10)} == {world.a.need.title, world.a.offer.title}
        for results in (bank_search("ЧУЖОЕ", 10), requests_search("ЧУЖОЕ", 10), bank_search(MARK_B, 10)):
            assert results == []
        assert bank_search("   ", 10) == [] and requests_search("", 10) == []
    finally:
        context.pop()


def test_bridge_institution_finds_both_networks_but_no_one_else_does(app, make):
    from workspace.bank.search import search
    world = build_world(make)
    context = _as_institution(app, world.bridge, [world.a.network.id, world.b.network.id])
    try:
        assert {t for t, _s, _u in search("квест", 10)} == {world.a.material.title, world.b.material.title}
    finally:
        context.pop()


def test_chronicle_entries_newest_first_with_paging_and_partner_filter(app, make):
    from workspace.bank.chronicle import entries
    world = build_world(make)
    later = make.material(world.a.network, world.a.partner, "Музейный урок")
    context = _as_institution(app, world.a.school, [world.a.network.id])
    try:
        rows = entries([world.a.network.id], None, 10, None)
        assert [title for _w, _k, title, _u, _i in rows] == ["Музейный урок", world.a.material.title]
        assert rows[0][1] == "Новый материал в банке" and rows[0][4] == world.a.partner.id
        assert [r[2] for r in entries([world.a.network.id], None, 10, world.a.school.id)] == [world.a.material.title]
        assert [r[2] for r in entries([world.a.network.id], rows[0][0], 10, None)] == [world.a.material.title] \
            or rows[0][0] == rows[1][0]
        assert entries([], None, 10, None) == []
        future = datetime.now(UTC) + timedelta(days=1)
        assert len(entries([world.a.network.id], future.replace(tzinfo=None), 1, None)) == 1
    finally:
        context.pop()
    assert later.id


def test_the_chronicle_entry_of_a_material_speaks_the_reader_language(client, make, login_as):
    from tests.conftest import csrf_token_from
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    make.material(network, school, "Квест по городу")
    login_as(make.user(school, "coordinator"))
    page = client.get("/n/net/chronicle").get_data(as_text=True)
    assert "Новый материал в банке" in page
    client.post("/language", data={"lang": "en", "next": "/n/net/chronicle", "csrf_token": csrf_token_from(page)})
    english = client.get("/n/net/chronicle").get_data(as_text=True)
    assert "New material in the bank" in english and "Новый материал в банке" not in english
