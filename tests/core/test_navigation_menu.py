"""The header's menu is kept per process once drawn: it must still follow the page's section, the network in
the URL and the user's language."""
from __future__ import annotations

from lxml import html

from tests.conftest import csrf_token_from


def _menu(client, path: str) -> list[tuple[str, str, str | None]]:
    tree = html.fromstring(client.get(path).get_data(as_text=True))
    return [(a.text_content(), a.get("href"), a.get("aria-current")) for a in tree.xpath("//nav[@class='main-nav']//a")]


def test_the_kept_menu_follows_the_section_the_network_and_the_language(client, make, login_as):
    school = make.institution("Школа №31", slug="s31")
    make.network(school, name="Культура рядом", slug="kultura")
    make.network(school, name="Спорт рядом", slug="sport")
    login_as(make.user(school, "coordinator"))

    desk = _menu(client, "/i/s31/")
    assert ("Рабочий стол", "/i/s31/", "page") in desk
    assert not any(href.startswith("/n/") for _text, href, _current in desk)

    plans = _menu(client, "/n/kultura/plans/")
    assert ("План", "/n/kultura/plans/", "page") in plans and ("Рабочий стол", "/i/s31/", None) in plans
    assert ("План", "/n/sport/plans/", None) in _menu(client, "/n/sport/calendar/")
    assert ("Календарь", "/n/sport/calendar/", "page") in _menu(client, "/n/sport/calendar/")

    token = csrf_token_from(client.get("/i/s31/").get_data(as_text=True))
    client.post("/language", data={"lang": "en", "csrf_token": token})
    english = _menu(client, "/n/kultura/plans/")
    assert "План" not in [text for text, _href, _current in english]
    assert [current for _text, href, current in english if href == "/n/kultura/plans/"] == ["page"]
