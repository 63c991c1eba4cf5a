"""Which partner and which form of the interaction model a plan event realises: chosen when the event is added, in
the plan's .xlsx and .docx, and read back by the importer (export → import keeps every link)."""
from __future__ import annotations

import io
from types import SimpleNamespace

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.conftest import csrf_token_from
from tests.fixtures.hostile import valid_xlsx
from tests.plans.test_plan_import import _form_of, _upload
from workspace.extensions import db
from workspace.plans.exports import INTERACTION_HEADER
from workspace.plans.models import PlanItem


def _world(make):
    school = make.institution("МБОУ «СОШ №31»", slug="s31")
    library = make.institution("МБУ «МИБС»", kind="library", slug="mibs")
    network = make.network(school, name="Культура", slug="kultura")
    make.member(network, library, "social_partner")
    rows = SimpleNamespace(
        library=make.model_row(network, institution=library, forms="Экскурсии\nБиблиотечные уроки"),
        police=make.model_row(network, "ГИБДД", kind="agency", forms="Беседы\nАкции"),
        parents=make.model_row(network, "Родители", kind="parents", forms="Собрания"))
    plan = make.plan(network, 2025)
    section = make.section(plan, "План мероприятий с МБУ «МИБС»", partner=library)
    make.item(section, "Экскурсия в библиотеку", "октябрь", position=1, interaction_row=rows.library,
              interaction_form="Экскурсии")
    make.item(section, "Акция «Внимание, дети!»", "сентябрь", position=2, interaction_row=rows.police,
              interaction_form="Акции")
    make.item(section, "Встреча с родителями", "ноябрь", position=3, interaction_row=rows.parents)
    make.item(section, "Неделя детской книги", "март", position=4)
    coordinator = make.user(school, "coordinator")
    return SimpleNamespace(network=network, plan=plan, section=section, rows=rows, coordinator=coordinator)


def _links(read, plan) -> dict[str, tuple[int | None, str]]:
    with read():
        return {title: (row_id, form) for title, row_id, form in db.session.execute(
            select(PlanItem.title, PlanItem.interaction_row_id, PlanItem.interaction_form)
            .where(PlanItem.plan_id == plan.id))}


def test_an_added_event_names_its_partner_and_form(client, make, login_as, read):
    w = _world(make)
    login_as(w.coordinator)
    url = f"/n/kultura/plans/{w.plan.id}"
    page = client.get(url).get_data(as_text=True)
    prefix = f"s{w.section.id}"
    assert "Социальный партнёр и форма взаимодействия" in page
    assert f'value="{w.rows.police.id}:Беседы"' in page and "ГИБДД — Беседы" in page
    assert f'value="{w.rows.parents.id}"' in page and "Родители: форма не выбрана" in page
    token = csrf_token_from(page)
    added = client.post(f"{url}/sections/{w.section.id}/items", data={
        "csrf_token": token, f"{prefix}-title": "Беседа о правилах дорожного движения", f"{prefix}-timing": "май",
        f"{prefix}-interaction": f"{w.rows.police.id}:Беседы"})
    assert added.status_code == 302
    assert _links(read, w.plan)["Беседа о правилах дорожного движения"] == (w.rows.police.id, "Беседы")
    plain = client.post(f"{url}/sections/{w.section.id}/items", data={
        "csrf_token": token, f"{prefix}-title": "Классный час", f"{prefix}-timing": "май"})
    assert plain.status_code == 302 and _links(read, w.plan)["Классный час"] == (None, "")


def test_a_form_of_another_partner_or_a_foreign_row_is_refused_and_nothing_is_saved(client, make, login_as, read):
    w = _world(make)
    other = make.network(make.institution("МБОУ «СОШ №2»", slug="s2"), name="Другая", slug="other")
    foreign = make.model_row(other, "МЧС", kind="agency", forms="Учения")
    login_as(w.coordinator)
    url = f"/n/kultura/plans/{w.plan.id}"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    prefix = f"s{w.section.id}"
    with read():
        before = db.session.scalar(select(func.count()).select_from(PlanItem))
    for value in (f"{w.rows.police.id}:Экскурсии", f"{foreign.id}:Учения", f"{foreign.id}", "abc"):
        refused = client.post(f"{url}/sections/{w.section.id}/items", data={
            "csrf_token": token, f"{prefix}-title": "Учебная эвакуация", f"{prefix}-timing": "май",
            f"{prefix}-interaction": value})
        html = refused.get_data(as_text=True)
        assert refused.status_code == 422, value
        assert "Выберите партнёра и форму из списка модели взаимодействия." in html, value
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == before


def test_the_exports_carry_the_partner_and_form(client, make, login_as):
    w = _world(make)
    login_as(w.coordinator)
    base = f"/n/kultura/plans/{w.plan.id}"
    sheet = load_workbook(io.BytesIO(client.get(f"{base}/export.xlsx").data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in rows if row[0] == "№ п/п")
    column = header.index(INTERACTION_HEADER)
    by_title = {row[1]: row[column] for row in rows if row[1]}
    assert by_title["Экскурсия в библиотеку"] == "МБУ «МИБС» — Экскурсии"
    assert by_title["Акция «Внимание, дети!»"] == "ГИБДД — Акции"
    assert by_title["Встреча с родителями"] == "Родители"
    assert by_title["Неделя детской книги"] is None

    for url in (f"{base}/export.docx", f"{base}/sections/{w.section.id}/export.docx"):
        document = Document(io.BytesIO(client.get(url).data))
        table = document.tables[0]
        assert [cell.text for cell in table.rows[0].cells][6] == INTERACTION_HEADER
        cells = {row.cells[1].text: row.cells[6].text for row in table.rows[2:]}
        assert cells["Экскурсия в библиотеку"] == "МБУ «МИБС» — Экскурсии"
        assert cells["Акция «Внимание, дети!»"] == "ГИБДД — Акции"
        assert cells["Встреча с родителями"] == "Родители" and cells["Неделя детской книги"] == ""


def _import(client, plan, data: bytes) -> str:
    response = _upload(client, plan, data)
    assert response.status_code == 302, response.get_data(as_text=True)
    html = client.get(response.location).get_data(as_text=True)
    form = _form_of(html)
    form["action"] = "save"
    assert client.post(response.location, data=form).status_code == 302
    return html


def test_export_then_import_keeps_the_links(client, make, login_as, read):
    w = _world(make)
    login_as(w.coordinator)
    exported = client.get(f"/n/kultura/plans/{w.plan.id}/export.xlsx").data
    second = make.plan(w.network, 2026)
    html = _import(client, second, exported)
    assert "Модель взаимодействия: ГИБДД — Акции" in html and "не найдены в модели взаимодействия" not in html
    assert _links(read, second) == _links(read, w.plan)
    assert _links(read, second)["Встреча с родителями"] == (w.rows.parents.id, "")
    assert _links(read, second)["Неделя детской книги"] == (None, "")


def test_an_unknown_partner_or_form_is_a_doubt_not_an_error(client, make, login_as, read):
    w = _world(make)
    login_as(w.coordinator)
    second = make.plan(w.network, 2026)
    data = valid_xlsx([["№", "Мероприятие", "Сроки", "Партнёр и форма взаимодействия"],
                       ["1", "Цирковое представление", "май", "Цирк — Клоуны"],
                       ["2", "Лекция инспектора", "май", "гибдд — Лекции"],
                       ["3", "Акция у школы", "май", "ГИБДД - акции"]])
    html = _import(client, second, data)
    assert "С ошибками: 0" in html
    assert "партнёр и форма «Цирк — Клоуны» не найдены в модели взаимодействия" in html
    assert "форма «Лекции» не найдена у партнёра «ГИБДД»" in html
    links = _links(read, second)
    assert links == {"Цирковое представление": (None, ""), "Лекция инспектора": (w.rows.police.id, ""),
                     "Акция у школы": (w.rows.police.id, "Акции")}
