from sqlalchemy import select

from tenants.models import Membership
from tests.conftest import post_form
from workspace.extensions import db


def _network(make):
    school = make.institution("Школа №31", slug="s31")
    theatre = make.institution("Драмтеатр", kind="theatre", slug="drama")
    museum = make.institution("Музей", kind="museum", slug="museum")
    network = make.network(school, name="Культура рядом", slug="kultura", goal="Единое пространство",
                           tasks="1. Театр\n2. Музей")
    theatre_member = make.member(network, theatre, "social_partner", interaction_forms="Спектакли",
                                 social_effect="Культура")
    museum_member = make.member(network, museum, "social_partner")
    return school, theatre, museum, network, theatre_member, museum_member


def test_page_shows_goal_period_base_and_interaction_model(client, make, login_as):
    school, theatre, _m, network, _tm, _mm = _network(make)
    login_as(make.user(theatre, "staff"))
    page = client.get("/n/kultura/").get_data(as_text=True)
    for text in ("Культура рядом", "Единое пространство", "01.09.2025", "31.08.2027", "Базовая организация",
                 "Школа №31", "Модель взаимодействия", "Спектакли", "Социальный партнёр"):
        assert text in page, text
    assert "Изменить" not in page  # staff edits nothing


def test_the_network_areas_are_their_own_menu_not_part_of_the_model(client, make, login_as):
    """The links to the plan, projects, council… stood under the heading «Модель взаимодействия»."""
    theatre = _network(make)[1]
    login_as(make.user(theatre, "staff"))
    page = client.get("/n/kultura/").get_data(as_text=True)
    areas, model = page.index('id="areas-heading"'), page.index('id="model-heading"')
    assert "Разделы сети" in page and areas < page.index("Сетевой план мероприятий") < model
    assert "Летопись сети" not in page[model:]


def test_member_coordinator_edits_own_row_only(client, make, login_as, read):
    _s, theatre, _museum, _n, theatre_member, museum_member = _network(make)
    login_as(make.user(theatre, "coordinator"))
    url = f"/n/kultura/members/{theatre_member.id}/edit"
    response = post_form(client, url, {"interaction_forms": "Театральные уроки", "social_effect": "Интерес к театру",
                                       "version": "1"})
    assert response.status_code == 302
    with read():
        saved = db.session.scalar(select(Membership).where(Membership.id == theatre_member.id))
        assert saved.interaction_forms == "Театральные уроки" and saved.version == 2
    assert client.get(f"/n/kultura/members/{museum_member.id}/edit").status_code == 403


def test_base_coordinator_edits_any_row_with_htmx(client, make, login_as, read):
    school, _t, _m, _n, _tm, museum_member = _network(make)
    login_as(make.user(school, "coordinator"))
    url = f"/n/kultura/members/{museum_member.id}/edit"
    target = {"HX-Request": "true", "HX-Target": f"member-{museum_member.id}"}
    form = client.get(url, headers=target).get_data(as_text=True)
    assert form.startswith('<tr id="member-') and "<html" not in form
    response = post_form(client, url, {"interaction_forms": "Экскурсии", "social_effect": "", "version": "1"},
                         headers=target)
    assert response.status_code == 200
    row = response.get_data(as_text=True)
    assert "Экскурсии" in row and "<html" not in row and "Изменить" in row


def test_second_writer_gets_conflict_not_overwrite(client, make, login_as, read):
    school, _t, _m, _n, theatre_member, _mm = _network(make)
    login_as(make.user(school, "coordinator"))
    url = f"/n/kultura/members/{theatre_member.id}/edit"
    first = post_form(client, url, {"interaction_forms": "Первый вариант", "social_effect": "", "version": "1"})
    assert first.status_code == 302
    second = post_form(client, url, {"interaction_forms": "Второй вариант", "social_effect": "", "version": "1"})
    assert second.status_code == 409
    html = second.get_data(as_text=True)
    assert "только что изменил другой пользователь" in html and "Первый вариант" in html
    with read():
        saved = db.session.scalar(select(Membership).where(Membership.id == theatre_member.id))
        assert saved.interaction_forms == "Первый вариант"


def test_too_long_text_is_rejected_and_nothing_changes(client, make, login_as, read):
    school, _t, _m, _n, theatre_member, _mm = _network(make)
    login_as(make.user(school, "admin"))
    url = f"/n/kultura/members/{theatre_member.id}/edit"
    response = post_form(client, url, {"interaction_forms": "я" * 4001, "social_effect": "", "version": "1"})
    assert response.status_code == 422 and "Не длиннее 4000 символов." in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(Membership.interaction_forms).where(Membership.id == theatre_member.id)) == "Спектакли"


def test_cancel_returns_the_row(client, make, login_as):
    school, _t, _m, _n, theatre_member, _mm = _network(make)
    login_as(make.user(school, "coordinator"))
    row = client.get(f"/n/kultura/members/{theatre_member.id}",
                     headers={"HX-Request": "true", "HX-Target": f"member-{theatre_member.id}"})
    assert row.status_code == 200 and "Спектакли" in row.get_data(as_text=True)
    plain = client.get(f"/n/kultura/members/{theatre_member.id}")
    assert plain.status_code == 302


def test_the_edit_page_opened_by_its_own_url_is_a_plain_form(client, make, login_as, read):
    """Opened by its URL, the page has no row #member-N: a form aimed at it saved nothing (htmx:targetError)."""
    school, _t, _m, _n, _tm, museum_member = _network(make)
    login_as(make.user(school, "coordinator"))
    url = f"/n/kultura/members/{museum_member.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert f'id="member-{museum_member.id}"' not in page
    assert f'hx-target="#member-{museum_member.id}"' not in page and 'hx-post=' not in page.split("<main")[-1]
    assert f'action="{url}"' in page
    row = client.get(url, headers={"HX-Request": "true", "HX-Target": f"member-{museum_member.id}"})
    assert f'hx-target="#member-{museum_member.id}"' in row.get_data(as_text=True)
