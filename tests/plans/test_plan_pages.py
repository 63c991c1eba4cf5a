"""The plan pages: create a plan, sections, items added and edited in place, reordered, deleted."""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select

from tests.conftest import post_form
from workspace.extensions import db
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanSection


def _network(make):
    school = make.institution("Школа №31", slug="s31")
    library = make.institution("МБУ «МИБС»", kind="library", slug="mibs")
    museum = make.institution("Музей", kind="museum", slug="museum")
    network = make.network(school, name="Культура рядом", slug="kultura")
    make.member(network, library, "social_partner")
    make.member(network, museum, "social_partner")
    plan = make.plan(network, 2019, title="План 2019/2020")
    library_section = make.section(plan, "План мероприятий с МБУ «МИБС»", library)
    museum_section = make.section(plan, "План мероприятий с музеем", museum, position=2)
    item = make.item(library_section, "Праздник Дня знаний", "сентябрь", audience="3-4 классы")
    return school, library, museum, network, plan, library_section, museum_section, item


def test_base_coordinator_creates_a_plan_for_the_year(client, make, login_as, read):
    school = make.institution("Школа", slug="base")
    make.network(school, slug="net")
    login_as(make.user(school, "coordinator"))
    page = client.get("/n/net/plans/").get_data(as_text=True)
    assert "Планов пока нет" in page
    response = post_form(client, "/n/net/plans/", {"start_year": 2026, "title": ""})
    assert response.status_code == 302
    with read():
        plan = db.session.scalar(select(Plan))
        assert plan.title == "Сетевой план мероприятий на 2026/2027 учебный год"
    again = post_form(client, "/n/net/plans/", {"start_year": 2026, "title": "Второй"})
    assert again.status_code == 422 and "План на этот учебный год уже есть." in again.get_data(as_text=True)


def test_partner_cannot_create_plans_or_sections(client, make, login_as):
    _s, library, _m, _n, plan, *_ = _network(make)
    login_as(make.user(library, "coordinator"))
    assert post_form(client, "/n/kultura/plans/", {"start_year": 2026}, page_url="/n/kultura/plans/").status_code == 403
    response = post_form(client, f"/n/kultura/plans/{plan.id}/sections", {"title": "Свой раздел",
                         "partner_institution_id": 0}, page_url=f"/n/kultura/plans/{plan.id}")
    assert response.status_code == 403


def test_plan_page_shows_sections_items_and_read_dates(client, make, login_as):
    _s, library, _m, _n, plan, *_ = _network(make)
    login_as(make.user(library, "staff"))
    page = client.get(f"/n/kultura/plans/{plan.id}").get_data(as_text=True)
    for text in ("План 2019/2020", "2019/2020 учебный год", "План мероприятий с МБУ «МИБС»", "Праздник Дня знаний",
                 "01.09.2019", "30.09.2019", "3–4 кл.", "Запланировано"):
        assert text in page, text
    assert "изменить" not in page and "Добавить мероприятие" not in page  # staff reads only


def test_item_added_with_htmx_returns_the_row_and_a_fresh_form(client, make, login_as, read):
    _s, library, _m, _n, plan, library_section, *_ = _network(make)
    login_as(make.user(library, "coordinator"))
    url = f"/n/kultura/plans/{plan.id}/sections/{library_section.id}/items"
    prefix = f"s{library_section.id}-"
    response = post_form(client, url, {prefix + "title": "Библиосумерки", prefix + "audience": "5-9 классы",
                                       prefix + "timing": "апрель", prefix + "responsible": "МБУ «МИБС»",
                                       prefix + "report_form": "Фотоотчёт"},
                         page_url=f"/n/kultura/plans/{plan.id}",
                         headers={"HX-Request": "true", "HX-Target": f"new-item-{library_section.id}"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and "Библиосумерки" in html and 'hx-swap-oob="beforeend:#items-' in html
    assert "01.04.2020" in html and "30.04.2020" in html
    with read():
        item = db.session.scalar(select(PlanItem).where(PlanItem.title == "Библиосумерки"))
        assert (item.starts_on, item.ends_on) == (date(2020, 4, 1), date(2020, 4, 30))
        assert (item.grade_from, item.grade_to) == (5, 9) and item.number == "2" and item.position == 2


def test_partner_edits_only_its_own_section(client, make, login_as):
    _s, library, _m, _n, plan, _ls, museum_section, item = _network(make)
    museum_item = make.item(museum_section, "Экскурсия", "октябрь")
    login_as(make.user(library, "coordinator"))
    assert client.get(f"/n/kultura/plans/{plan.id}/items/{item.id}/cells/title").status_code == 200
    assert client.get(f"/n/kultura/plans/{plan.id}/items/{museum_item.id}/cells/title").status_code == 403


def test_cell_edit_in_place_rereads_the_timing(client, make, login_as, read):
    school, _l, _m, _n, plan, _ls, _ms, item = _network(make)
    login_as(make.user(school, "coordinator"))
    url = f"/n/kultura/plans/{plan.id}/items/{item.id}/cells/timing"
    target = {"HX-Request": "true", "HX-Target": f"item-{item.id}-timing"}
    form = client.get(url, headers=target).get_data(as_text=True)
    assert form.startswith('<td id="item-') and 'value="сентябрь"' in form
    response = post_form(client, url, {"value": "22-24.11.", "version": "1"}, headers=target)
    assert response.status_code == 200
    cell = response.get_data(as_text=True)
    assert "22.11.2019" in cell and "24.11.2019" in cell and "<html" not in cell
    with read():
        saved = db.session.scalar(select(PlanItem).where(PlanItem.id == item.id))
        assert saved.timing == "22-24.11." and saved.version == 2


def test_unreadable_timing_is_kept_and_flagged(client, make, login_as, read):
    school, _l, _m, _n, plan, _ls, _ms, item = _network(make)
    login_as(make.user(school, "coordinator"))
    url = f"/n/kultura/plans/{plan.id}/items/{item.id}/cells/timing"
    response = post_form(client, url, {"value": "когда получится", "version": "1"},
                         headers={"HX-Request": "true", "HX-Target": f"item-{item.id}-timing"})
    assert "Не удалось прочитать сроки" in response.get_data(as_text=True)
    with read():
        saved = db.session.scalar(select(PlanItem).where(PlanItem.id == item.id))
        assert saved.timing == "когда получится" and saved.starts_on is None and not saved.timing_is_read


def test_second_writer_of_a_cell_gets_a_conflict(client, make, login_as, read):
    school, _l, _m, _n, plan, _ls, _ms, item = _network(make)
    login_as(make.user(school, "coordinator"))
    url = f"/n/kultura/plans/{plan.id}/items/{item.id}/cells/title"
    assert post_form(client, url, {"value": "Первый", "version": "1"}).status_code == 302
    second = post_form(client, url, {"value": "Второй", "version": "1"})
    assert second.status_code == 409 and "сейчас сохранено «Первый»" in second.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(PlanItem.title).where(PlanItem.id == item.id)) == "Первый"


def test_status_cell_and_bad_values(client, make, login_as, read):
    school, _l, _m, _n, plan, _ls, _ms, item = _network(make)
    login_as(make.user(school, "coordinator"))
    base = f"/n/kultura/plans/{plan.id}/items/{item.id}/cells/"
    assert post_form(client, base + "status", {"value": "held", "version": "1"}).status_code == 302
    assert post_form(client, base + "status", {"value": "exploded", "version": "2"}).status_code == 422
    assert post_form(client, base + "title", {"value": "  ", "version": "2"}).status_code == 422
    assert client.get(base + "nonsense").status_code == 404
    with read():
        saved = db.session.scalar(select(PlanItem).where(PlanItem.id == item.id))
        assert saved.status == ItemStatus.HELD and saved.title == "Праздник Дня знаний"


def test_reorder_and_delete_with_confirmation(client, make, login_as, read):
    school, _l, _m, _n, plan, library_section, _ms, first = _network(make)
    second = make.item(library_section, "Второе", "октябрь", position=2)
    login_as(make.user(school, "coordinator"))
    post_form(client, f"/n/kultura/plans/{plan.id}/items/{second.id}/move", {"direction": "up"},
              page_url=f"/n/kultura/plans/{plan.id}")
    with read():
        order = list(db.session.scalars(select(PlanItem.title).where(PlanItem.section_id == library_section.id)
                                        .order_by(PlanItem.position)))
    assert order == ["Второе", "Праздник Дня знаний"]
    confirm = client.get(f"/n/kultura/plans/{plan.id}/items/{first.id}/delete")
    assert "Удалить мероприятие?" in confirm.get_data(as_text=True)
    deleted = post_form(client, f"/n/kultura/plans/{plan.id}/items/{first.id}/delete", {},
                        page_url=f"/n/kultura/plans/{plan.id}/items/{first.id}/delete",
                        headers={"HX-Request": "true", "HX-Target": f"item-{first.id}"})
    assert deleted.status_code == 200 and deleted.get_data(as_text=True) == ""
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == 1


def test_section_added_by_the_base(client, make, login_as, read):
    school, library, _m, _n, plan, *_ = _network(make)
    login_as(make.user(school, "admin"))
    response = post_form(client, f"/n/kultura/plans/{plan.id}/sections",
                         {"title": "План мероприятий с театром", "partner_institution_id": library.id},
                         page_url=f"/n/kultura/plans/{plan.id}")
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanSection)) == 3


def test_responsible_text_links_institutions_and_colleagues(client, make, login_as, read):
    from workspace.plans.models import PlanItemInstitution, PlanItemPerson
    school, library, _m, _n, plan, _ls, _ms, item = _network(make)
    make.user(school, "coordinator", full_name="Иванова Ольга Николаевна", email="ivanova@s31.test")
    login_as(make.user(school, "admin"))
    url = f"/n/kultura/plans/{plan.id}/items/{item.id}/cells/responsible"
    response = post_form(client, url, {"value": "Заместитель директора по ВР Иванова О.Н., МБУ «МИБС»", "version": "1"},
                         headers={"HX-Request": "true", "HX-Target": f"item-{item.id}-responsible"})
    cell = response.get_data(as_text=True)
    assert "Связаны: МБУ «МИБС», Иванова Ольга Николаевна" in cell
    with read():
        assert db.session.scalar(select(PlanItemInstitution.institution_id)) == library.id
        assert db.session.scalar(select(func.count()).select_from(PlanItemPerson)) == 1
    post_form(client, url, {"value": "Классные руководители", "version": "2"})
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItemInstitution)) == 0
        assert db.session.scalar(select(func.count()).select_from(PlanItemPerson)) == 0
    page = client.get(f"/n/kultura/plans/{plan.id}").get_data(as_text=True)
    assert "проведено 0 из 1" in page


def test_numbers_follow_the_position_after_a_move(client, make, login_as, read):
    school, _l, _m, _n, plan, library_section, _ms, first = _network(make)
    make.item(library_section, "Второе", "октябрь", position=2)
    third = make.item(library_section, "Третье", "ноябрь", position=3)
    login_as(make.user(school, "coordinator"))
    post_form(client, f"/n/kultura/plans/{plan.id}/items/{third.id}/move", {"direction": "up"},
              page_url=f"/n/kultura/plans/{plan.id}")
    with read():
        rows = list(db.session.execute(select(PlanItem.number, PlanItem.title)
                                       .where(PlanItem.section_id == library_section.id).order_by(PlanItem.position)))
    assert rows == [("1", "Праздник Дня знаний"), ("2", "Третье"), ("3", "Второе")]
    page = client.get(f"/n/kultura/plans/{plan.id}").get_data(as_text=True)
    assert re.search(rf'<tr id="item-{third.id}"><td[^>]*>2</td>', page)


def test_cells_speak_russian_to_a_screen_reader_and_one_grade_is_one_grade(client, make, login_as):
    school, _l, _m, _n, plan, library_section, _ms, _first = _network(make)
    make.item(library_section, "Театральная гостиная", "октябрь", position=2, audience="6 «Б» класс")
    login_as(make.user(school, "coordinator"))
    page = client.get(f"/n/kultura/plans/{plan.id}").get_data(as_text=True)
    assert "(report_form)" not in page and "(title)" not in page
    assert '<span class="visually-hidden">: сроки — Театральная гостиная</span>' in page
    assert '<span class="visually-hidden">: форма отчётности — Театральная гостиная</span>' in page
    assert "6–6 кл." not in page and "6 кл." in page
