"""The chronicle through the test client: sources merged newest first, keyset pages, partner filter."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from tests.tenancy.world import MARK_B, ROLES, build_world
from workspace.chronicle.registry import Cursor
from workspace.core.dates import local_today

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20


def _network(make, events: int = 3, same_day: bool = False):
    school = make.institution("Школа", slug="school")
    museum = make.institution("Музей", kind="museum", slug="museum")
    theatre = make.institution("Театр", kind="theatre", slug="theatre")
    network = make.network(school, name="Сеть", slug="net")
    make.member(network, museum, "social_partner")
    make.member(network, theatre, "social_partner")
    coordinator = make.user(school, "coordinator")
    plan = make.plan(network, 2026, title="План")
    museum_section = make.section(plan, "С музеем", museum)
    theatre_section = make.section(plan, "С театром", theatre, position=2)
    for n in range(events):
        section = museum_section if n % 2 == 0 else theatre_section
        item = make.item(section, f"Событие {n:03d}", "октябрь", position=n)
        held = date(2026, 10, 1) if same_day else date(2026, 10, 1) + timedelta(days=n)
        make.report(item, held, summary=f"Итоги {n:03d}",
                    files=((f"фото-{n}.png", PNG, "image/png"), ("список.pdf", b"%PDF-1.4", "application/pdf")))
    return coordinator, network, plan, museum, theatre_section


def _titles(html: str) -> list[str]:
    return re.findall(r'class="chronicle-title"><a href="[^"]+">(Событие \d{3})', html)


def test_newest_first_with_reports_photos_decisions_and_meetings(client, make, login_as):
    coordinator, network, plan, museum, theatre_section = _network(make)
    make.approved_section(theatre_section, "Раздел с театром утверждён", held_on=date(2026, 9, 20))
    make.meeting(network, 7, held_on=date(2026, 11, 5), place="Актовый зал")
    make.meeting(network, 8, held_on=local_today() + timedelta(days=30), place="Будущее")
    login_as(coordinator)
    page = client.get("/n/net/chronicle").get_data(as_text=True)
    assert _titles(page) == ["Событие 002", "Событие 001", "Событие 000"]
    assert "Итоги 002" in page and "Мероприятие проведено" in page
    assert page.count('<img src="/n/net/plans/') == 3           # one photo per report; the PDF is no thumbnail
    assert "Раздел с театром утверждён" in page and "Утверждено советом" in page
    assert "Заседание совета № 7" in page and "Актовый зал" in page
    assert "Будущее" not in page                                 # a meeting not held yet
    assert page.index("Заседание совета № 7") < page.index("Событие 002") < page.index("Раздел с театром утверждён")
    thumbnail = re.search(r'<img src="([^"]+)"', page).group(1)
    assert client.get(thumbnail).mimetype == "image/png"


def test_empty_chronicle_says_so(client, make, login_as):
    school = make.institution("Школа", slug="school")
    make.network(school, slug="net")
    login_as(make.user(school, "teacher"))
    assert "В летописи пока нет записей" in client.get("/n/net/chronicle").get_data(as_text=True)


@pytest.mark.parametrize("same_day", [False, True])
def test_pages_by_keyset_cursor_show_every_entry_once(app, client, make, login_as, same_day):
    app.config["CHRONICLE_PAGE_SIZE"] = 4
    coordinator, *_rest = _network(make, events=11, same_day=same_day)
    login_as(coordinator)
    seen, url, pages = [], "/n/net/chronicle", 0
    while url:
        response = client.get(url, headers={"HX-Request": "true", "HX-Target": "chronicle-more"} if pages else {})
        html = response.get_data(as_text=True)
        seen += _titles(html)
        match = re.search(r'id="chronicle-more"[^>]*hx-get="([^"]+)"', html)
        url = match.group(1).replace("&amp;", "&") if match else None
        if pages:
            assert "<html" not in html and "OFFSET" not in html
        pages += 1
        assert pages < 10
    assert sorted(seen) == [f"Событие {n:03d}" for n in range(11)] and len(seen) == 11
    if not same_day:
        assert seen == [f"Событие {n:03d}" for n in reversed(range(11))]
    assert pages == 3


def test_without_javascript_the_more_link_opens_the_next_page(app, client, make, login_as):
    app.config["CHRONICLE_PAGE_SIZE"] = 2
    coordinator, *_rest = _network(make, events=3)
    login_as(coordinator)
    first = client.get("/n/net/chronicle").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)">Показать ещё</a>', first).group(1).replace("&amp;", "&")
    assert "before=" in link
    second = client.get(link).get_data(as_text=True)
    assert "<html" in second and _titles(second) == ["Событие 000"] and "К самым новым записям" in second
    assert "Показать ещё" not in second and "Это всё" in second


def test_partner_filter(client, make, login_as):
    coordinator, network, plan, museum, theatre_section = _network(make, events=4)
    make.approved_section(theatre_section, "Раздел с театром утверждён")
    login_as(coordinator)
    page = client.get(f"/n/net/chronicle?partner={museum.id}").get_data(as_text=True)
    assert _titles(page) == ["Событие 002", "Событие 000"]
    assert "Раздел с театром утверждён" not in page and "Заседание совета № 2" not in page
    assert f'value="{museum.id}" selected' in page
    # A partner that is not of this network is ignored: the whole chronicle.
    stranger = make.institution("Чужой", slug="stranger")
    assert len(_titles(client.get(f"/n/net/chronicle?partner={stranger.id}").get_data(as_text=True))) == 4


def test_bad_cursors_are_the_first_page(client, make, login_as):
    coordinator, *_rest = _network(make)
    login_as(coordinator)
    for bad in ("x", "2026-13-01,reports-1", ",", "2026-10-01T00:00:00,reports-x", "2026-10-02,"):
        response = client.get("/n/net/chronicle", query_string={"before": bad})
        assert response.status_code == 200
    assert Cursor.parse("2026-10-02T00:00:00,reports-5") == Cursor(datetime(2026, 10, 2), "reports", 5)


def test_institution_chronicle_spans_its_networks(client, make, login_as):
    world = build_world(make)
    login_as(world.bridge_coordinator)
    page = client.get("/i/bridge/chronicle").get_data(as_text=True)
    assert "Мероприятие Своё-А" in page and f"Мероприятие {MARK_B}" in page
    assert "Сеть Своё-А" in page and f"Сеть {MARK_B}" in page   # each entry names its network


@pytest.mark.parametrize("actor", [*ROLES, "partner", "external"])
def test_side_a_chronicles_show_nothing_of_side_b(client, make, login_as, actor):
    world = build_world(make)
    user = {"partner": world.a.partner_coordinator, "external": world.a.external}.get(actor) or world.a.users.get(actor)
    login_as(user)
    urls = ["/n/network-a/chronicle"]
    if actor != "external":
        urls.append(f"/i/{world.a.partner.slug if actor == 'partner' else world.a.school.slug}/chronicle")
    for url in urls:
        page = client.get(url).get_data(as_text=True)
        assert "Мероприятие Своё-А" in page and "Раздел утверждён Своё-А" in page
        assert MARK_B not in page
        own_partner = client.get(url, query_string={"partner": world.a.partner.id}).get_data(as_text=True)
        assert "Мероприятие Своё-А" in own_partner and MARK_B not in own_partner
        foreign_partner = client.get(url, query_string={"partner": world.b.partner.id}).get_data(as_text=True)
        assert MARK_B not in foreign_partner
    assert client.get("/n/network-b/chronicle").status_code == 404


def test_sources_interleave_across_pages_without_loss(app, client, make, login_as):
    """Reports and meetings on interleaved days, three entries a page: the merged order holds across pages."""
    app.config["CHRONICLE_PAGE_SIZE"] = 3
    coordinator, network, *_rest = _network(make, events=6)           # reports on 1–6 October
    for n in range(5):
        make.meeting(network, 10 + n, held_on=date(2026, 10, 1) + timedelta(days=n, hours=0), place=f"Зал {n}")
    login_as(coordinator)
    seen, url = [], "/n/net/chronicle"
    while url:
        html = client.get(url).get_data(as_text=True)
        seen += re.findall(r'class="chronicle-title"><a href="[^"]+">([^<]+)</a>', html)
        match = re.search(r'<a href="([^"]+)">Показать ещё</a>', html)
        url = match.group(1).replace("&amp;", "&") if match else None
    # the same day: by kind («meetings» before «reports»)
    expected = ["Событие 005", "Заседание совета № 14", "Событие 004", "Заседание совета № 13", "Событие 003",
                "Заседание совета № 12", "Событие 002", "Заседание совета № 11", "Событие 001",
                "Заседание совета № 10", "Событие 000"]
    assert seen == expected


def test_a_hook_of_another_area_joins_the_chronicle(app, client, make, login_as):
    """What the lead registers later: a plain function returning (when, kind label, title, url, institution)."""
    from workspace.chronicle.registry import _sources, register_chronicle_source
    coordinator, network, plan, museum, _section = _network(make, events=1)
    calls = []

    def agreements(network_ids, before, limit, partner_id):
        calls.append((tuple(network_ids), before, limit, partner_id))
        rows = [(datetime(2026, 10, 20, 12, 0), "Договор подписан", "Договор № 7 с музеем", "/agreements/7", museum.id),
                (date(2026, 9, 1), "Договор подписан", "Договор № 1", "/agreements/1", None)]
        return [row for row in rows if partner_id in (None, row[4])]

    register_chronicle_source("another_area", agreements)  # a kind of its own: the real areas' sources stay registered
    try:
        login_as(coordinator)
        page = client.get("/n/net/chronicle").get_data(as_text=True)
        assert page.index("Договор № 7 с музеем") < page.index("Событие 000") < page.index("Договор № 1")
        assert calls[-1] == ((network.id,), None, 21, None)
        filtered = client.get(f"/n/net/chronicle?partner={museum.id}").get_data(as_text=True)
        assert "Договор № 7 с музеем" in filtered and "Договор № 1" not in filtered
    finally:
        _sources.pop("another_area")
