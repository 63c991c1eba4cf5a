"""A suggested match becomes a conversation of the two institutions, then (both agreeing) a plan item."""
from __future__ import annotations

from sqlalchemy import func, select

from tests.conftest import csrf_token_from, login, post_form
from tests.fixtures.factories import PASSWORD
from workspace.extensions import db
from workspace.plans.models import PlanItem
from workspace.requests_table.models import Conversation, ConversationMessage, RequestStatus, ResourceRequest

TABLE = "/n/net/requests/"


def _start(client, world):
    return post_form(client, f"{TABLE}matches/{world['need'].id}/{world['offer'].id}", {}, page_url=TABLE)


def test_a_side_starts_a_conversation_and_both_rows_go_under_discussion(client, world, login_as, read):
    login_as(world["coordinator"])
    response = _start(client, world)
    assert response.status_code == 302
    with read():
        conversation = db.session.scalar(select(Conversation))
        statuses = set(db.session.scalars(select(ResourceRequest.status)))
    assert response.location.endswith(f"/conversations/{conversation.id}")
    assert statuses == {RequestStatus.DISCUSSION}
    assert _start(client, world).location == response.location  # the second press opens the same one


def test_a_third_institution_neither_starts_nor_reads_the_conversation(app, client, world, make, login_as, read):
    conversation = make.conversation(world["need"], world["offer"], messages=((world["library"], "Секретное"),))
    login_as(world["curator"])
    assert _start(client, world).status_code == 403
    assert client.get(f"{TABLE}conversations/{conversation.id}").status_code == 404
    teacher = app.test_client()
    login(teacher, world["teacher"].email)  # a side's teacher reads but does not write
    page = teacher.get(f"{TABLE}conversations/{conversation.id}").get_data(as_text=True)
    assert "Секретное" in page and "Отправить" not in page
    response = teacher.post(f"{TABLE}conversations/{conversation.id}/messages",
                            data={"body": "x", "csrf_token": csrf_token_from(teacher.get(TABLE).get_data(as_text=True))})
    assert response.status_code == 403


def test_a_pair_that_is_not_suggested_is_not_a_conversation(client, world, make, login_as, read):
    unrelated = make.request(world["network"], world["library"], "Проектор", kind="offer", category="equipment")
    login_as(world["coordinator"])
    response = post_form(client, f"{TABLE}matches/{world['need'].id}/{unrelated.id}", {}, page_url=TABLE)
    assert response.status_code == 404
    with read():
        assert db.session.scalar(select(func.count()).select_from(Conversation)) == 0


def test_a_message_is_added_with_htmx(client, world, make, login_as, read):
    conversation = make.conversation(world["need"], world["offer"])
    login_as(world["librarian"])
    url = f"{TABLE}conversations/{conversation.id}"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    response = client.post(url + "/messages", data={"body": "Зал свободен по средам", "csrf_token": token},
                           headers={"HX-Request": "true", "HX-Target": "conversation-messages"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and body.lstrip().startswith('<div id="conversation-messages"')
    assert "Зал свободен по средам" in body and "МИБС" in body
    empty = client.post(url + "/messages", data={"body": "  ", "csrf_token": token},
                        headers={"HX-Request": "true", "HX-Target": "conversation-messages"})
    assert empty.status_code == 422 and "Заполните это поле" in empty.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(ConversationMessage)) == 1


def test_both_sides_agree_and_a_plan_item_is_created(app, client, world, make, login_as, read):
    conversation = make.conversation(world["need"], world["offer"])
    url = f"{TABLE}conversations/{conversation.id}"
    login_as(world["coordinator"])
    response = post_form(client, url + "/agree", {"version": conversation.version}, page_url=url)
    assert response.status_code == 302
    assert "Добавить в план" not in client.get(url).get_data(as_text=True)
    librarian = app.test_client()
    login(librarian, world["librarian"].email)
    with read():
        version = db.session.scalar(select(Conversation.version))
    post_form(librarian, url + "/agree", {"version": version}, page_url=url)
    page = librarian.get(url).get_data(as_text=True)
    assert "Добавить в план" in page and "Раздел библиотеки" in page
    for bad in (world["other_section"].id, 999999, "x"):  # a foreign, missing or malformed section
        response = post_form(librarian, url + "/plan-item", {"section_id": bad, "title": "Квест в библиотеке"},
                             page_url=url)
        assert response.status_code == 422, bad
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == 0
    response = post_form(librarian, url + "/plan-item", {
        "section_id": world["section"].id, "title": "Квест в библиотеке", "timing": "октябрь",
        "responsible": "СОШ №31, МИБС"}, page_url=url)
    assert response.status_code == 302
    with read():
        item = db.session.scalar(select(PlanItem))
        assert item.section_id == world["section"].id and item.starts_on.month == 10
        assert db.session.scalar(select(Conversation.plan_item_id)) == item.id
        assert set(db.session.scalars(select(ResourceRequest.status))) == {RequestStatus.AGREED}
    assert "Квест в библиотеке" in librarian.get(url).get_data(as_text=True)
    assert post_form(librarian, url + "/plan-item", {"section_id": world["section"].id, "title": "Ещё"},
                     page_url=url).status_code == 409


def test_an_agreed_pair_becomes_a_task_of_a_project_the_user_may_edit(client, world, make, login_as, read):
    from workspace.projects.models import ProjectTask
    project = make.project(world["network"], world["library"], "Неделя чтения в школе")
    museum_project = make.project(world["network"], world["museum"], "Музейный проект")  # the librarian may not edit
    locked = make.project(world["network"], world["library"], "Утверждённый проект", status="approved")
    foreign = make.project(make.network(make.institution("Ещё школа", slug="more"), slug="more-net"),
                           world["library"], "Чужой проект")
    conversation = make.conversation(world["need"], world["offer"], agreed=True)
    url = f"{TABLE}conversations/{conversation.id}"
    login_as(world["librarian"])
    page = client.get(url).get_data(as_text=True)
    assert "добавить задачу в дорожную карту проекта" in page and "Неделя чтения в школе" in page
    assert "Музейный проект" not in page and "Чужой проект" not in page
    assert 'name="expected_result"' in page and "Читальный зал для квестов" in page  # prefilled from the pair
    for bad in (museum_project.id, foreign.id, 999999, "x"):
        response = post_form(client, url + "/project-task", {"project_id": bad, "title": "Квест"}, page_url=url)
        assert response.status_code == 422, bad
        body = response.get_data(as_text=True)
        assert "Неверный вариант." in body or "Заполните это поле." in body, bad
    response = post_form(client, url + "/project-task", {"project_id": locked.id, "title": "Квест"}, page_url=url)
    assert response.status_code == 422
    assert "Проект утверждён координационным советом и закрыт для изменений" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(ProjectTask)) == 0
        assert db.session.scalar(select(Conversation.project_task_id)) is None
        assert RequestStatus.AGREED not in set(db.session.scalars(select(ResourceRequest.status)))
    response = post_form(client, url + "/project-task", {
        "project_id": project.id, "title": "Квест в читальном зале", "timing": "октябрь",
        "responsible": "СОШ №31, МИБС", "expected_result": "Проведён квест"}, page_url=url)
    assert response.status_code == 302
    with read():
        task = db.session.scalar(select(ProjectTask))
        assert (task.project_id, task.title, task.expected_result) == (project.id, "Квест в читальном зале",
                                                                       "Проведён квест")
        assert db.session.scalar(select(Conversation.project_task_id)) == task.id
        assert set(db.session.scalars(select(ResourceRequest.status))) == {RequestStatus.AGREED}
    page = client.get(url).get_data(as_text=True)
    assert "Задача проекта" in page and f"/n/net/projects/{project.id}#task-{task.id}" in page
    assert "Квест в читальном зале" in page and "Добавить в проект" not in page and "Добавить в план" not in page
    assert "Квест в читальном зале" in client.get(f"/n/net/projects/{project.id}").get_data(as_text=True)
    assert post_form(client, url + "/project-task", {"project_id": project.id, "title": "Ещё"},
                     page_url=url).status_code == 409
    assert post_form(client, url + "/plan-item", {"section_id": world["section"].id, "title": "Ещё"},
                     page_url=url).status_code == 409


def test_a_new_conversation_and_a_message_reach_the_partner_desk(app, client, world, login_as, read):
    login_as(world["coordinator"])
    assert post_form(client, f"{TABLE}matches/{world['need'].id}/{world['offer'].id}", {},
                     page_url=TABLE).status_code == 302
    with read():
        conversation_id = db.session.scalar(select(Conversation.id))
    library = app.test_client()
    login(library, world["librarian"].email, PASSWORD)
    desk = library.get("/i/library/").get_data(as_text=True)
    assert "Нужен зал для квеста" in desk and "обсуждение начато, сообщений ещё нет" in desk
    assert "Новых заявок нет." not in desk
    url = f"{TABLE}conversations/{conversation_id}"
    assert post_form(client, url + "/messages", {"body": "Можно ли в среду?"}, page_url=url).status_code == 302
    desk = library.get("/i/library/").get_data(as_text=True)
    assert "новое сообщение" in desk and "СОШ №31" in desk
    # the school wrote last: its own desk has nothing waiting from this conversation
    assert "Новых заявок нет." in client.get("/i/school/").get_data(as_text=True)
    assert post_form(library, url + "/messages", {"body": "Да, в среду свободно"}, page_url=url).status_code == 302
    assert "Новых заявок нет." in library.get("/i/library/").get_data(as_text=True)
    assert "Нужен зал для квеста" in client.get("/i/school/").get_data(as_text=True)
