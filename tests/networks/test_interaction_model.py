"""The interaction model's rows with any partner: added, edited in place, moved and deleted by the base institution's
managers (a member's own managers edit its own row), form errors change nothing, a row linked to plan items is not
deleted, a form chosen by an item is not dropped; the row's page shows its events of the year and the indicators."""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from tests.conftest import post_form
from tests.networks.test_network_page import _network
from workspace.extensions import db
from workspace.networks.models import InteractionRow, PartnerKind
from workspace.plans.models import PlanItem


def _rows(read):
    with read():
        return [(row.kind.value, row.partner_name, row.forms, row.social_effect) for row in db.session.scalars(
            select(InteractionRow).order_by(InteractionRow.position, InteractionRow.id))]


def _row_of(read, institution):
    with read():
        return db.session.scalar(select(InteractionRow).where(InteractionRow.institution_id == institution.id))


def test_every_role_sees_the_model_and_only_the_base_managers_change_it(client, make, login_as):
    school, theatre, _museum, network, _tm, _mm = _network(make)
    parents = make.model_row(network, "Родители (законные представители)", kind="parents",
                             forms="Собрания\nПраздники", social_effect="Вовлечённость семей")
    for institution, role, adds, edits in ((school, "admin", True, 3), (school, "coordinator", True, 3),
                                           (school, "teacher", False, 0), (theatre, "coordinator", False, 1),
                                           (theatre, "staff", False, 0)):
        with client.session_transaction() as session:
            session.clear()
        login_as(make.user(institution, role))
        page = client.get("/n/kultura/model/")
        html = page.get_data(as_text=True)
        assert page.status_code == 200
        for text in ("Модель сетевого взаимодействия", "Драмтеатр", "Спектакли", "Родители (законные представители)",
                     "Собрания", "Праздники", "Вовлечённость семей"):
            assert text in html, (role, text)
        assert ("Добавить партнёра" in html) is adds, role
        assert html.count(">Изменить<") == edits, role
        new = client.get("/n/kultura/model/new")
        assert new.status_code == (200 if adds else 403), role
        assert client.get(f"/n/kultura/model/{parents.id}/edit").status_code == (200 if adds else 403), role
        assert client.get(f"/n/kultura/model/{parents.id}/delete").status_code == (200 if adds else 403), role


def test_the_base_coordinator_adds_a_parents_and_an_agency_row(client, make, login_as, read):
    school, theatre, _m, _n, _tm, _mm = _network(make)
    login_as(make.user(school, "coordinator"))
    form = client.get("/n/kultura/model/new").get_data(as_text=True)
    assert 'value="parents"' in form and 'value="agency"' in form and f'value="member-{theatre.id}"' in form
    response = post_form(client, "/n/kultura/model/new", {"partner": "parents", "partner_name": "", "contact": "",
                                                          "forms": " Собрания \n\nСобрания\nПраздники",
                                                          "social_effect": "Вовлечённость"})
    assert response.status_code == 302
    response = post_form(client, "/n/kultura/model/new", {"partner": "agency", "partner_name": "ОГИБДД",
                                                          "contact": "инспектор Петров", "forms": "Уроки ПДД",
                                                          "social_effect": "Безопасность"})
    assert response.status_code == 302
    rows = _rows(read)
    assert rows[-2:] == [("parents", "Родители (законные представители)", "Собрания\nПраздники", "Вовлечённость"),
                         ("agency", "ОГИБДД", "Уроки ПДД", "Безопасность")]
    page = client.get("/n/kultura/").get_data(as_text=True)
    assert "ОГИБДД" in page and "инспектор Петров" in page and "Ведомство, служба" in page


def test_form_errors_change_nothing(client, make, login_as, read):
    school, theatre, _m, _n, _tm, _mm = _network(make)
    login_as(make.user(school, "admin"))
    before = _rows(read)
    nameless = post_form(client, "/n/kultura/model/new", {"partner": "agency", "partner_name": "", "forms": "",
                                                          "social_effect": ""})
    assert nameless.status_code == 422 and "Назовите партнёра: он не участник сети." in nameless.get_data(as_text=True)
    foreign = post_form(client, "/n/kultura/model/new", {"partner": "member-999999", "forms": "", "social_effect": ""})
    assert foreign.status_code == 422
    long_form = post_form(client, "/n/kultura/model/new", {"partner": "parents", "forms": "я" * 301,
                                                           "social_effect": ""})
    assert long_form.status_code == 422 and "не длиннее 300 символов" in long_form.get_data(as_text=True)
    row = _row_of(read, theatre)
    too_long = post_form(client, f"/n/kultura/model/{row.id}/edit", {
        "partner": f"member-{theatre.id}", "forms": "Спектакли", "social_effect": "я" * 4001, "version": "1"})
    assert too_long.status_code == 422 and "Не длиннее 4000 символов." in too_long.get_data(as_text=True)
    assert _rows(read) == before


def test_member_coordinator_edits_own_row_only(client, make, login_as, read):
    _s, theatre, museum, _n, _tm, _mm = _network(make)
    login_as(make.user(theatre, "coordinator"))
    theatre_row, museum_row = _row_of(read, theatre), _row_of(read, museum)
    page = client.get(f"/n/kultura/model/{theatre_row.id}/edit").get_data(as_text=True)
    assert 'name="partner"' not in page  # the partner itself is the base's to change
    response = post_form(client, f"/n/kultura/model/{theatre_row.id}/edit", {
        "partner": "agency", "partner_name": "Чужое имя", "forms": "Театральные уроки",
        "social_effect": "Интерес к театру", "contact": "", "version": "1"})
    assert response.status_code == 302
    saved = _row_of(read, theatre)
    assert (saved.kind, saved.forms, saved.version) == (PartnerKind.MEMBER, "Театральные уроки", 2)
    assert client.get(f"/n/kultura/model/{museum_row.id}/edit").status_code == 403
    assert post_form(client, f"/n/kultura/model/{museum_row.id}/edit",
                     {"forms": "x", "social_effect": "", "version": "1"}).status_code == 403


def test_base_coordinator_edits_in_place_with_htmx_and_cancels(client, make, login_as):
    school, _t, museum, _n, _tm, _mm = _network(make)
    login_as(make.user(school, "coordinator"))
    page = client.get("/n/kultura/model/").get_data(as_text=True)
    marker = 'id="model-row-'
    ids = [int(chunk.split('"')[0]) for chunk in page.split(marker)[1:]]
    museum_id = ids[-1]
    url = f"/n/kultura/model/{museum_id}/edit"
    target = {"HX-Request": "true", "HX-Target": f"model-row-{museum_id}"}
    form = client.get(url, headers=target).get_data(as_text=True)
    assert form.startswith(f'<tr id="model-row-{museum_id}"') and "<html" not in form
    response = post_form(client, url, {"partner": f"member-{museum.id}", "forms": "Экскурсии\nМузейные уроки",
                                       "social_effect": "", "contact": "", "version": "1"}, headers=target)
    assert response.status_code == 200
    row = response.get_data(as_text=True)
    assert "<li>Экскурсии</li><li>Музейные уроки</li>" in row and "<html" not in row and "Изменить" in row
    cancel = client.get(f"/n/kultura/model/{museum_id}", headers=target).get_data(as_text=True)
    assert cancel.startswith(f'<tr id="model-row-{museum_id}"') and "Экскурсии" in cancel
    table = client.get("/n/kultura/model/").get_data(as_text=True)
    blanked = lambda html: re.sub(r'name="csrf_token" value="[^"]+"', "", html)  # noqa: E731
    assert blanked(cancel.strip()) in blanked(table)  # the row swapped in is the table's row, to the byte
    plain = client.get(url).get_data(as_text=True)
    assert f'hx-target="#model-row-{museum_id}"' not in plain and f'action="{url}"' in plain


def test_second_writer_gets_conflict_not_overwrite(client, make, login_as, read):
    school, theatre, _m, _n, _tm, _mm = _network(make)
    login_as(make.user(school, "coordinator"))
    row = _row_of(read, theatre)
    url = f"/n/kultura/model/{row.id}/edit"
    data = {"partner": f"member-{theatre.id}", "social_effect": "", "contact": "", "version": "1"}
    assert post_form(client, url, {**data, "forms": "Первый вариант"}).status_code == 302
    second = post_form(client, url, {**data, "forms": "Второй вариант"})
    assert second.status_code == 409
    html = second.get_data(as_text=True)
    assert "только что изменил другой пользователь" in html and "Первый вариант" in html
    assert _row_of(read, theatre).forms == "Первый вариант"


def _linked_item(make, network, row, form):
    section = make.section(make.plan(network, 2026), "Общие мероприятия")
    return make.item(section, "Театральный урок", "октябрь", interaction_row=row, interaction_form=form)


def test_a_linked_row_is_not_deleted_and_its_chosen_form_is_not_dropped(client, make, login_as, read):
    school, theatre, _m, network, _tm, _mm = _network(make)
    row = _row_of(read, theatre)
    item = _linked_item(make, network, row, "Спектакли")
    login_as(make.user(school, "coordinator"))
    confirm = client.get(f"/n/kultura/model/{row.id}/delete")
    assert confirm.status_code == 409 and "связано 1 мероприятие" in confirm.get_data(as_text=True)
    refused = post_form(client, f"/n/kultura/model/{row.id}/delete", {})
    assert refused.status_code == 409
    dropped = post_form(client, f"/n/kultura/model/{row.id}/edit", {
        "partner": f"member-{theatre.id}", "forms": "Экскурсии", "social_effect": "", "contact": "", "version": "1"})
    assert dropped.status_code == 422 and "«Спектакли»" in dropped.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(InteractionRow.forms).where(InteractionRow.id == row.id)) == "Спектакли"
        assert db.session.scalar(select(PlanItem.interaction_row_id).where(PlanItem.id == item.id)) == row.id


def test_an_unlinked_row_is_deleted_after_confirmation_and_rows_move(client, make, login_as, read):
    school, theatre, museum, network, _tm, _mm = _network(make)
    login_as(make.user(school, "admin"))
    theatre_row, museum_row = _row_of(read, theatre), _row_of(read, museum)
    confirm = client.get(f"/n/kultura/model/{theatre_row.id}/delete").get_data(as_text=True)
    assert "Удалить строку модели?" in confirm and "Драмтеатр" in confirm
    assert post_form(client, f"/n/kultura/model/{museum_row.id}/move", {"direction": "up"}).status_code == 302
    with read():
        order = list(db.session.scalars(select(InteractionRow.id).order_by(InteractionRow.position)))
    assert order == [museum_row.id, theatre_row.id]
    assert post_form(client, f"/n/kultura/model/{theatre_row.id}/delete", {}).status_code == 302
    with read():
        assert db.session.scalar(select(InteractionRow).where(InteractionRow.id == theatre_row.id)) is None


def test_the_row_page_shows_its_events_and_indicators(client, make, login_as, read):
    school, theatre, _m, network, _tm, _mm = _network(make)
    row = _row_of(read, theatre)
    plan = make.plan(network, 2026)
    section = make.section(plan, "С театром", theatre)
    held = make.item(section, "Спектакль «Гроза»", "октябрь", position=1, interaction_row=row,
                     interaction_form="Спектакли", status="held")
    make.item(section, "Театральный урок", "март", position=2, interaction_row=row, interaction_form="Спектакли")
    make.item(section, "Отменённый урок", "апрель", position=3, interaction_row=row, status="cancelled")
    make.item(section, "Без связи", "май", position=4)
    report = make.report(held, date(2026, 10, 15))
    make.participation(report, school, 7, 25)
    make.participation(report, theatre, None, 3)
    login_as(make.user(theatre, "staff"))
    page = client.get(f"/n/kultura/model/{row.id}?year=2026").get_data(as_text=True)
    for text in ("Драмтеатр", "Спектакль «Гроза»", "Театральный урок", "Отменённый урок", "2026/2027",
                 "<dt>Мероприятий запланировано</dt><dd>2</dd>", "<dt>Мероприятий проведено</dt><dd>1</dd>",
                 "<dt>Участников (по отчётам)</dt><dd>28</dd>"):
        assert text in page, text
    assert "Без связи" not in page
    empty = client.get(f"/n/kultura/model/{row.id}?year=2020").get_data(as_text=True)
    assert "нет мероприятий, связанных с этим партнёром" in empty


def test_the_print_page_is_the_three_column_table(client, make, login_as):
    _s, theatre, _m, network, _tm, _mm = _network(make)
    make.model_row(network, "ОГИБДД", kind="agency", forms="Уроки ПДД", social_effect="Безопасность")
    login_as(make.user(theatre, "staff"))
    page = client.get("/n/kultura/model/print").get_data(as_text=True)
    for text in ("Социальный партнёр", "Формы взаимодействия", "Социальный эффект", "ОГИБДД", "Уроки ПДД",
                 "Полное наименование: Драмтеатр (социальный партнёр)"):
        assert text in page, text


def test_a_plan_item_names_its_partner_row_and_form(client, make, login_as, read):
    school, theatre, _m, network, _tm, _mm = _network(make)
    row = _row_of(read, theatre)
    other = make.network(make.institution("Чужая школа", slug="other"), name="Чужая", slug="other-net")
    foreign = make.model_row(other, "Чужой партнёр", kind="agency", forms="Спектакли")
    plan = make.plan(network, 2026)
    section = make.section(plan, "С театром", theatre)
    item = make.item(section, "Спектакль", "октябрь")
    login_as(make.user(school, "coordinator"))
    url = f"/n/kultura/plans/{plan.id}/items/{item.id}/cells/interaction"
    target = {"HX-Request": "true", "HX-Target": f"item-{item.id}-interaction"}
    form = client.get(url, headers=target).get_data(as_text=True)
    assert f'value="{row.id}:Спектакли"' in form and "Драмтеатр — Спектакли" in form
    assert f'value="{foreign.id}:Спектакли"' not in form
    refused = post_form(client, url, {"value": f"{foreign.id}:Спектакли", "version": "1"}, headers=target)
    assert refused.status_code == 422 and "Выберите партнёра и форму из списка" in refused.get_data(as_text=True)
    unknown_form = post_form(client, url, {"value": f"{row.id}:Выдуманная", "version": "1"}, headers=target)
    assert unknown_form.status_code == 422
    with read():
        assert db.session.scalar(select(PlanItem.interaction_row_id).where(PlanItem.id == item.id)) is None
    saved = post_form(client, url, {"value": f"{row.id}:Спектакли", "version": "1"}, headers=target)
    assert saved.status_code == 200
    cell = saved.get_data(as_text=True)
    assert "Драмтеатр" in cell and "Спектакли" in cell
    with read():
        assert db.session.execute(select(PlanItem.interaction_row_id, PlanItem.interaction_form)
                                  .where(PlanItem.id == item.id)).one() == (row.id, "Спектакли")
    page = client.get(f"/n/kultura/plans/{plan.id}").get_data(as_text=True)
    assert "Партнёр и форма взаимодействия" in page and 'class="muted">Спектакли</span>' in page
    row_page = client.get(f"/n/kultura/model/{row.id}?year=2026").get_data(as_text=True)
    assert "Спектакль" in row_page
    cleared = post_form(client, url, {"value": "", "version": "2"}, headers=target)
    assert cleared.status_code == 200
    with read():
        assert db.session.execute(select(PlanItem.interaction_row_id, PlanItem.interaction_form)
                                  .where(PlanItem.id == item.id)).one() == (None, "")


def test_tampered_partner_ids_are_refused_and_change_nothing(client, make, login_as, read):
    """The partner select carries an institution id: a non-member's, another network's member's or a missing one is
    refused (422) and nothing is written; another network's row id in a URL is 404."""
    school, theatre, _m, _network_row, _tm, _mm = _network(make)
    stranger = make.institution("Чужой театр", kind="theatre", slug="stranger")
    other = make.network(stranger, name="Чужая", slug="other-net")
    foreign_row = make.model_row(other, "Чужой партнёр", kind="agency")
    login_as(make.user(school, "coordinator"))
    before = _rows(read)
    for value in (f"member-{stranger.id}", "member-999999", "member-x", "no-such-kind"):
        response = post_form(client, "/n/kultura/model/new", {"partner": value, "partner_name": "Имя",
                                                              "forms": "", "social_effect": ""})
        assert response.status_code == 422, value
    row = _row_of(read, theatre)
    moved = post_form(client, f"/n/kultura/model/{row.id}/edit", {
        "partner": f"member-{stranger.id}", "forms": "Спектакли", "social_effect": "", "contact": "", "version": "1"})
    assert moved.status_code == 422
    assert _rows(read) == before
    for path in ("", "/edit", "/delete"):
        assert client.get(f"/n/kultura/model/{foreign_row.id}{path}").status_code == 404
    assert post_form(client, f"/n/kultura/model/{foreign_row.id}/delete", {}).status_code == 404


def test_next_years_copy_keeps_the_events_partner_rows_and_forms(client, make, login_as, read):
    from tests.conftest import csrf_token_from
    school, theatre, _m, network, _tm, _mm = _network(make)
    row = _row_of(read, theatre)
    section = make.section(make.plan(network, 2025), "С театром", theatre)
    make.item(section, "Спектакль", "октябрь", interaction_row=row, interaction_form="Спектакли", status="held")
    login_as(make.user(school, "coordinator"))
    page = client.get("/n/kultura/plans/copy").get_data(as_text=True)
    with read():
        source = db.session.scalar(select(PlanItem.plan_id))
    created = client.post("/n/kultura/plans/copy", data={"csrf_token": csrf_token_from(page),
                                                          "source_plan_id": source, "start_year": 2026})
    assert created.status_code == 302
    with read():
        copies = db.session.execute(select(PlanItem.plan_id, PlanItem.interaction_row_id, PlanItem.interaction_form,
                                           PlanItem.status).order_by(PlanItem.id)).all()
    assert [tuple(copy)[1:3] for copy in copies] == [(row.id, "Спектакли"), (row.id, "Спектакли")]
    assert copies[1].plan_id != source and copies[1].status.value == "planned"


def test_an_imported_partners_plan_realises_the_partners_row(client, make, login_as, read):
    """A plan imported into a partner's section links each event to the partner's (only) row of the model, with the
    form its title names."""
    from pathlib import Path

    from tenants.models import Network
    from tests.plans.test_plan_import import _import
    from tests.plans.test_plan_import import _network as _import_network
    _school, library, plan, coordinator = _import_network(make, 2019)
    with read():
        network = db.session.scalar(select(Network).where(Network.slug == "kultura"))
    row = make.model_row(network, institution=library, forms="Библиотечные уроки\nКнижные выставки")
    login_as(coordinator)
    _import(client, plan, (Path(__file__).parents[1] / "plans" / "fixtures" / "plan_library_2019-2020.xlsx")
            .read_bytes())
    with read():
        linked = db.session.execute(select(PlanItem.interaction_row_id, PlanItem.interaction_form)).all()
    assert len(linked) == 12 and {row_id for row_id, _form in linked} == {row.id}
    assert all(form in ("", "Библиотечные уроки", "Книжные выставки") for _row_id, form in linked)


def test_a_member_without_a_row_is_offered_to_the_base_with_the_partner_chosen(client, make, login_as):
    school, theatre, _museum, network, _tm, _mm = _network(make)
    library = make.institution("Библиотека", kind="library", slug="lib")
    make.member(network, library, "social_partner")  # joined by an invitation: no row of the model yet
    login_as(make.user(school, "coordinator"))
    html = client.get("/n/kultura/model/").get_data(as_text=True)
    offer = html.split('id="members-without-row"')[1].split("</section>")[0]
    assert "Библиотека" in offer and "Драмтеатр" not in offer and "Школа №31" not in offer  # the others have rows
    link = f"/n/kultura/model/new?partner=member-{library.id}"
    assert link in offer
    form = client.get(link).get_data(as_text=True)
    assert f'<option selected value="member-{library.id}">' in form
    assert 'selected value="member-' not in client.get("/n/kultura/model/new?partner=member-999").get_data(as_text=True)
    with client.session_transaction() as session:
        session.clear()
    login_as(make.user(theatre, "coordinator"))  # a partner's managers do not add rows: no offer
    assert 'id="members-without-row"' not in client.get("/n/kultura/model/").get_data(as_text=True)
