"""The request table through the test client: rows, rights, statuses, suggestions."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import login, post_form
from workspace.extensions import db
from workspace.requests_table.models import RequestStatus, ResourceRequest

TABLE = "/n/net/requests/"


def test_a_coordinator_states_a_need_and_the_network_sees_its_status(app, client, world, login_as, read):
    login_as(world["curator"])
    response = post_form(client, TABLE + "new?kind=need", {
        "category": "audience", "title": "Зрители для выставки «Старый город»", "description": "5-7 классы",
        "starts_on": "2026-11-01", "ends_on": "2026-11-30", "status": "open"})
    assert response.status_code == 302
    with read():
        row = db.session.scalar(select(ResourceRequest).where(ResourceRequest.title.like("Зрители%")))
        assert row.institution_id == world["museum"].id and row.kind.value == "need"
    teacher = app.test_client()
    login(teacher, world["teacher"].email)
    page = teacher.get(TABLE).get_data(as_text=True)
    assert "Зрители для выставки «Старый город»" in page and "Открыт" in page
    assert "Добавить запрос" not in page
    assert teacher.get(TABLE + "new").status_code == 403


def test_an_offer_gets_offer_categories_and_a_bad_period_is_refused(client, world, login_as, read):
    login_as(world["librarian"])
    response = post_form(client, TABLE + "new?kind=offer", {
        "category": "venue", "title": "Зал", "status": "open"})  # venue is a need's category
    assert response.status_code == 422
    response = post_form(client, TABLE + "new?kind=offer", {
        "category": "room", "title": "Зал", "status": "open", "starts_on": "2026-10-10", "ends_on": "2026-10-01"})
    assert response.status_code == 422 and "Дата окончания раньше даты начала" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(ResourceRequest.id).where(ResourceRequest.title == "Зал")) is None


def test_only_the_owning_institution_edits_its_rows(app, client, world, login_as, read):
    need = world["need"]
    other = app.test_client()
    login(other, world["librarian"].email)
    assert other.get(f"{TABLE}{need.id}/edit").status_code == 403
    assert other.get(f"{TABLE}{need.id}/delete").status_code == 403
    login_as(world["coordinator"])
    response = post_form(client, f"{TABLE}{need.id}/edit", {"category": "venue", "title": "Нужен зал для квеста",
                                                             "status": "closed", "version": need.version})
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(ResourceRequest.status).where(ResourceRequest.id == need.id)) \
            is RequestStatus.CLOSED
    stale = post_form(client, f"{TABLE}{need.id}/edit", {"category": "venue", "title": "Старое", "status": "open",
                                                          "version": need.version})
    assert stale.status_code == 409 and "только что изменил другой пользователь" in stale.get_data(as_text=True)
    assert "Удалить строку таблицы запросов?" in client.get(f"{TABLE}{need.id}/delete").get_data(as_text=True)
    assert post_form(client, f"{TABLE}{need.id}/delete", {}).status_code == 302
    with read():
        assert db.session.scalar(select(ResourceRequest.id).where(ResourceRequest.id == need.id)) is None


def test_a_sides_coordinator_is_offered_to_start_a_conversation(client, world, login_as):
    login_as(world["librarian"])
    assert "Начать обсуждение" in client.get(TABLE).get_data(as_text=True)


def test_the_table_suggests_the_match_with_its_reasons(client, world, login_as, make):
    make.request(world["network"], world["museum"], "Выставка экспонатов", kind="offer", category="exhibit")
    login_as(world["teacher"])
    page = client.get(TABLE).get_data(as_text=True)
    assert "Возможные совпадения" in page
    assert "общие слова: зал, квеста" in page and "Площадка — Помещение" in page
    assert "Выставка экспонатов" not in page.split("Возможные совпадения")[1].split("Запросы и ресурсы")[0]
    assert "Начать обсуждение" not in page  # the teacher's school is a side, but a teacher does not write
    row_page = client.get(f"{TABLE}{world['offer'].id}").get_data(as_text=True)
    assert "Нужен зал для квеста" in row_page


def test_filters_by_kind_and_status_answer_htmx_with_the_rows_only(client, world, login_as):
    login_as(world["teacher"])
    response = client.get(TABLE, query_string={"kind": "offer"}, headers={"HX-Request": "true",
                                                                         "HX-Target": "requests"})
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="requests"') and "Читальный зал" in body
    assert "Нужен зал для квеста</a>" not in body
    assert "В таблице пока ничего нет" in client.get(TABLE, query_string={"status": "agreed"}).get_data(as_text=True)
