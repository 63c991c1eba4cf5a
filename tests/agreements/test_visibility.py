"""Who sees what of an agreement, exactly as DESIGN.md: parties and the council see it all; other members
only its title and parties, and only if it is published; other networks nothing."""
from __future__ import annotations

import pytest

from tests.agreements.helpers import build_scene
from tests.conftest import login


@pytest.fixture
def scene(make):
    scene = build_scene(make)
    scene.published = make.agreement(scene.network, [scene.school, scene.library], "Договор о сотрудничестве с МИБС",
                                     number="7/2026", status="active", published=True, subject="Предмет-секрет",
                                     obligations={scene.school: ["Обязательство школы"]})
    scene.private = make.agreement(scene.network, [scene.school, scene.library], "Неопубликованный договор",
                                   number="8/2026")
    return scene


def _page(scene, which):
    return f"/n/net/agreements/{getattr(scene, which).id}"


@pytest.mark.parametrize("who", ["admin", "teacher", "library_coordinator", "external"])
def test_parties_and_council_see_everything(client, login_as, scene, who):
    login_as(getattr(scene, who))
    text = client.get(_page(scene, "published")).get_data(as_text=True)
    assert "Предмет-секрет" in text and "Обязательство школы" in text and "7/2026" in text
    assert client.get(_page(scene, "private")).status_code == 200
    assert client.get(_page(scene, "published") + "/print").status_code == 200
    listing = client.get("/n/net/agreements/").get_data(as_text=True)
    assert "Неопубликованный договор" in listing and "7/2026" in listing


def test_other_member_sees_only_title_and_parties_of_published(client, login_as, scene):
    login_as(scene.museum_coordinator)
    response = client.get(_page(scene, "published"))
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Договор о сотрудничестве с МИБС" in text and "МБУ «МИБС»" in text
    for hidden in ("Предмет-секрет", "Обязательство школы", "7/2026", "Действует"):
        assert hidden not in text
    assert client.get(_page(scene, "private")).status_code == 404
    for tail in ("/print", "/agreement.docx", "/edit", "/terminate"):
        assert client.get(_page(scene, "published") + tail).status_code == 404, tail
    listing = client.get("/n/net/agreements/").get_data(as_text=True)
    assert "Договор о сотрудничестве с МИБС" in listing
    assert "Неопубликованный договор" not in listing and "7/2026" not in listing
    # a status filter reaches only what one sees in full: it cannot reveal another's status
    assert "Договор о сотрудничестве с МИБС" not in client.get("/n/net/agreements/?status=active").get_data(as_text=True)


def test_other_network_sees_nothing(client, login_as, scene):
    login_as(scene.other_admin)
    assert client.get(_page(scene, "published")).status_code == 404
    assert client.get("/n/net/agreements/").status_code == 404
    # under its own network's URL the agreement of another network does not exist either
    assert client.get(f"/n/other-net/agreements/{scene.published.id}").status_code == 404


def test_public_page_lists_published_only_without_login(client, make, scene):
    make.agreement(scene.network, [scene.school, scene.museum], "Опубликованный черновик", published=True)
    response = client.get("/public/n/net/agreements")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Договор о сотрудничестве с МИБС" in text and "7/2026" in text and "Действует" in text
    assert "Полное наименование: МБУ «МИБС»" in text
    for hidden in ("Неопубликованный договор", "Опубликованный черновик", "Предмет-секрет", "Обязательство школы",
                   "csrf_token"):
        assert hidden not in text
    assert client.get("/public/n/other-net/agreements").get_data(as_text=True).count("МИБС") == 0
    assert client.get("/public/n/no-such/agreements").status_code == 404


def test_scan_is_served_to_parties_only(app, client, login_as, make, scene):
    stored = make.agreement_file(scene.published)
    url = _page(scene, "published") + f"/files/{stored.id}"
    login_as(scene.museum_coordinator)
    assert client.get(url).status_code == 404
    party = app.test_client()
    login(party, scene.library_coordinator.email)
    response = party.get(url)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
