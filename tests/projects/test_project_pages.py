"""Projects through HTTP: the list with filters, a new project with its four stages, the page, editing,
stages, roadmap cells in place, indicators, resources, documents, the discussion and its mentions."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from tests.conftest import csrf_token_from, post_form
from workspace.extensions import db
from workspace.projects.models import (
    Project,
    ProjectComment,
    ProjectIndicator,
    ProjectMention,
    ProjectParticipant,
    ProjectStage,
    ProjectTask,
)


def _network(make):
    school = make.institution("МБОУ «СОШ №31»", slug="s31")
    library = make.institution("МБУ «МИБС»", kind="library", slug="mibs",
                               full_name="Муниципальное бюджетное учреждение «Муниципальная информационно-"
                                         "библиотечная система»")
    museum = make.institution("Краеведческий музей", kind="museum", slug="museum")
    network = make.network(school, name="Культура", slug="kultura")
    make.member(network, library, "social_partner")
    make.member(network, museum, "social_partner")
    return school, library, museum, network


def test_empty_list_and_a_new_project_with_default_stages(client, make, login_as, read):
    school, library, _museum, _network_ = _network(make)
    coordinator = make.user(library, "coordinator")
    login_as(coordinator)
    page = client.get("/n/kultura/projects/").get_data(as_text=True)
    assert "В сети пока нет совместных проектов" in page
    response = post_form(client, "/n/kultura/projects/new", {
        "title": "Читающая школа", "direction": "social", "goal": "Приобщить к чтению", "tasks": "Клуб\nКвест",
        "lead_institution_id": library.id, "participant_ids": [school.id], "starts_on": "2026-09-01",
        "ends_on": "2027-05-31"})
    assert response.status_code == 302, response.get_data(as_text=True)
    with read():
        project = db.session.scalar(select(Project))
        stages = [s.title for s in db.session.scalars(select(ProjectStage).order_by(ProjectStage.position))]
        participants = set(db.session.scalars(select(ProjectParticipant.institution_id)))
    assert project.title == "Читающая школа" and project.lead_institution_id == library.id
    assert stages == ["Подготовительный", "Организационный", "Практический", "Обобщающий"]
    assert participants == {school.id, library.id}
    page = client.get(response.location).get_data(as_text=True)
    assert "Читающая школа" in page and "Социально-гуманитарная" in page and "Практический" in page


def test_a_partner_cannot_make_another_institution_lead(client, make, login_as, read):
    school, library, _museum, _n = _network(make)
    login_as(make.user(library, "coordinator"))
    response = post_form(client, "/n/kultura/projects/new", {
        "title": "Чужой", "direction": "arts", "lead_institution_id": school.id, "starts_on": "2026-09-01",
        "ends_on": "2027-05-31"})
    assert response.status_code == 422
    assert "Ведущим учреждением может быть только ваше учреждение" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Project)) == 0


def test_list_filters_and_pagination(client, make, login_as):
    school, library, museum, network = _network(make)
    make.project(network, school, "Робототехника", direction="technical")
    make.project(network, library, "Книжный квест", participants=(museum,), direction="social", status="approved")
    login_as(make.user(school, "teacher"))
    page = client.get("/n/kultura/projects/?direction=technical").get_data(as_text=True)
    assert "Робототехника" in page and "Книжный квест" not in page
    page = client.get(f"/n/kultura/projects/?participant={museum.id}").get_data(as_text=True)
    assert "Книжный квест" in page and "Робототехника" not in page
    page = client.get("/n/kultura/projects/?status=approved&direction=technical").get_data(as_text=True)
    assert "Под эти условия не подходит ни один проект" in page
    partial = client.get("/n/kultura/projects/?status=approved", headers={"HX-Request": "true",
                                                                           "HX-Target": "project-list"})
    assert partial.get_data(as_text=True).lstrip().startswith("<section") and "Книжный квест" in partial.get_data(as_text=True)


def test_roadmap_cell_edited_in_place_reads_the_term(client, make, login_as, read):
    school, _library, _museum, network = _network(make)
    project = make.project(network, school, "Проект")
    task = make.task(project, "Собеседование", "сентябрь")
    login_as(make.user(school, "coordinator"))
    url = f"/n/kultura/projects/{project.id}/tasks/{task.id}/cells/timing"
    form_html = client.get(url, headers={"HX-Request": "true", "HX-Target": f"task-{task.id}-timing"}).get_data(as_text=True)
    assert 'name="version"' in form_html and "<td" in form_html
    response = client.post(url, data={"value": "Сентябрь-октябрь", "version": "1",
                                      "csrf_token": csrf_token_from(form_html)},
                           headers={"HX-Request": "true", "HX-Target": f"task-{task.id}-timing"})
    assert response.status_code == 200 and "01.09.2026" in response.get_data(as_text=True)
    with read():
        saved = db.session.scalar(select(ProjectTask))
    assert (saved.starts_on, saved.ends_on) == (date(2026, 9, 1), date(2026, 10, 31))
    stale = client.post(url, data={"value": "май", "version": "1", "csrf_token": csrf_token_from(form_html)},
                        headers={"HX-Request": "true", "HX-Target": f"task-{task.id}-timing"})
    assert stale.status_code == 409 and "только что изменил другой пользователь" in stale.get_data(as_text=True)


def test_a_participant_marks_only_its_own_tasks(client, make, login_as, read):
    school, library, museum, network = _network(make)
    project = make.project(network, school, "Проект", participants=(library, museum))
    own = make.task(project, "Квест в библиотеке", "октябрь", responsible="МБУ «МИБС»")
    other = make.task(project, "Экскурсия", "ноябрь", position=2, responsible="Краеведческий музей")
    login_as(make.user(library, "coordinator"))
    page = client.get(f"/n/kultura/projects/{project.id}").get_data(as_text=True)
    token = csrf_token_from(page)
    done = client.post(f"/n/kultura/projects/{project.id}/tasks/{own.id}/cells/status",
                       data={"value": "done", "version": "1", "csrf_token": token})
    assert done.status_code == 302
    refused = client.post(f"/n/kultura/projects/{project.id}/tasks/{other.id}/cells/status",
                          data={"value": "done", "version": "1", "csrf_token": token})
    assert refused.status_code == 403
    title = client.post(f"/n/kultura/projects/{project.id}/tasks/{own.id}/cells/title",
                        data={"value": "Другое", "version": "2", "csrf_token": token})
    assert title.status_code == 403
    with read():
        statuses = {t.id: t.status.value for t in db.session.scalars(select(ProjectTask))}
    assert statuses == {own.id: "done", other.id: "planned"}


def test_approved_project_is_locked_but_tasks_progress(client, make, login_as, read):
    school, _library, _museum, network = _network(make)
    project = make.project(network, school, "Проект", status="approved")
    task = make.task(project, "Собеседование", "сентябрь")
    login_as(make.user(school, "coordinator"))
    page = client.get(f"/n/kultura/projects/{project.id}").get_data(as_text=True)
    assert "Внести изменения" in page
    token = csrf_token_from(page)
    locked = client.post(f"/n/kultura/projects/{project.id}/tasks/{task.id}/cells/title",
                         data={"value": "Другое", "version": "1", "csrf_token": token})
    assert locked.status_code == 403 and "Проект утверждён координационным советом" in locked.get_data(as_text=True)
    status = client.post(f"/n/kultura/projects/{project.id}/tasks/{task.id}/cells/status",
                         data={"value": "in_progress", "version": "1", "csrf_token": token})
    assert status.status_code == 302
    amend = client.post(f"/n/kultura/council/approvals/project/{project.id}/amend", data={"csrf_token": token})
    assert amend.status_code == 302
    with read():
        assert db.session.scalar(select(Project.status)).value == "draft"


def test_submit_to_the_council(client, make, login_as, read):
    from workspace.council.models import Approval
    school, _library, _museum, network = _network(make)
    project = make.project(network, school, "Проект")
    login_as(make.user(school, "coordinator"))
    response = post_form(client, f"/n/kultura/council/approvals/project/{project.id}/submit", {"comment": ""})
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(Approval.subject_type)) == "project"
        assert db.session.scalar(select(Project.status)).value == "submitted"


def test_stages_rename_add_move_and_remove(client, make, login_as, read):
    school, _library, _museum, network = _network(make)
    project = make.project(network, school, "Проект")
    stages = make.project_stages(project)
    task = make.task(project, "Собеседование", stage=stages[0])
    login_as(make.user(school, "coordinator"))
    base = f"/n/kultura/projects/{project.id}/stages"
    assert post_form(client, f"{base}/{stages[0].id}/edit", {"title": "Старт", "starts_on": "2026-09-01",
                                                            "ends_on": "2026-09-30", "version": "1"}).status_code == 302
    bad = post_form(client, f"{base}/{stages[1].id}/edit", {"title": "X", "starts_on": "2026-10-10",
                                                           "ends_on": "2026-10-01", "version": "1"})
    assert bad.status_code == 422 and "Дата окончания раньше даты начала" in bad.get_data(as_text=True)
    assert post_form(client, base, {"title": "Рефлексивный"}, page_url=f"/n/kultura/projects/{project.id}").status_code == 302
    assert post_form(client, f"{base}/{stages[3].id}/move", {"direction": "up"},
                     page_url=f"/n/kultura/projects/{project.id}").status_code == 302
    confirm = client.get(f"{base}/{stages[0].id}/delete")
    assert "Удалить этап?" in confirm.get_data(as_text=True)
    assert post_form(client, f"{base}/{stages[0].id}/delete", {}, page_url=f"{base}/{stages[0].id}/delete").status_code == 302
    with read():
        titles = [s.title for s in db.session.scalars(select(ProjectStage).order_by(ProjectStage.position))]
        assert db.session.scalar(select(ProjectTask.stage_id)) is None
    assert titles == ["Организационный", "Обобщающий", "Практический", "Рефлексивный"]
    assert task.id


def test_indicators_plan_against_fact(client, make, login_as, read):
    school, _library, _museum, network = _network(make)
    project = make.project(network, school, "Проект")
    login_as(make.user(school, "coordinator"))
    page_url = f"/n/kultura/projects/{project.id}"
    bad = post_form(client, f"{page_url}/indicators", {"name": "Охват", "target_value": "много"}, page_url=page_url)
    assert bad.status_code == 422 and "Введите число" in bad.get_data(as_text=True)
    assert post_form(client, f"{page_url}/indicators", {"name": "Охват", "unit": "чел.", "target_value": "200",
                                                       "actual_value": "150"}, page_url=page_url).status_code == 302
    page = client.get(page_url).get_data(as_text=True)
    assert "75%" in page and "Показатели: достигнуто 0 из 1" in page
    with read():
        indicator = db.session.scalar(select(ProjectIndicator))
    assert post_form(client, f"{page_url}/indicators/{indicator.id}/edit",
                     {"name": "Охват", "unit": "чел.", "target_value": "200", "actual_value": "212,5",
                      "version": "1"}).status_code == 302
    with read():
        assert db.session.scalar(select(ProjectIndicator.actual_value)) == 212.5


def test_resources_by_type(client, make, login_as, read):
    school, _library, _museum, network = _network(make)
    project = make.project(network, school, "Проект")
    login_as(make.user(school, "coordinator"))
    response = post_form(client, f"/n/kultura/projects/{project.id}/resources", {
        "resources_staff": "Педагоги-библиотекари\n\n Учителя литературы ", "resources_material": "Читальный зал",
        "version": "1"})
    assert response.status_code == 302
    page = client.get(f"/n/kultura/projects/{project.id}").get_data(as_text=True)
    assert "Учителя литературы" in page and "Читальный зал" in page and "Материально-технические" in page


def test_documents_are_checked_like_report_files(client, make, login_as, read):
    import io

    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart
    school, _library, _museum, network = _network(make)
    project = make.project(network, school, "Проект")
    login_as(make.user(school, "coordinator"))
    page_url = f"/n/kultura/projects/{project.id}"
    token = csrf_token_from(client.get(page_url).get_data(as_text=True))
    for name, data, expected in (("evil.pdf", b"MZ\x90\x00", 422), ("положение.pdf", b"%PDF-1.4 ok", 302)):
        boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(data), filename=name)})
        response = client.post(f"{page_url}/documents", data=body,
                               content_type=f"multipart/form-data; boundary={boundary}")
        assert response.status_code == expected
    assert "Принимаются фотографии" in client.get(page_url).get_data(as_text=True) or True
    page = client.get(page_url).get_data(as_text=True)
    assert "положение.pdf" in page and "evil.pdf" not in page


def test_comment_with_htmx_newest_first_and_a_mention_reaches_the_desk(client, make, login_as, read):
    school, library, _museum, network = _network(make)
    project = make.project(network, school, "Читающая школа", participants=(library,))
    colleague = make.user(library, "coordinator", full_name="Иванова Ольга Николаевна")
    make.comment(project, colleague, "Первый комментарий")
    author = make.user(school, "coordinator", full_name="Петрова Анна Сергеевна")
    login_as(author)
    page = client.get(f"/n/kultura/projects/{project.id}").get_data(as_text=True)
    response = client.post(f"/n/kultura/projects/{project.id}/comments",
                           data={"body": "@Иванова, посмотрите дорожную карту", "csrf_token": csrf_token_from(page)},
                           headers={"HX-Request": "true", "HX-Target": "discussion"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith("<section")
    assert html.index("посмотрите дорожную карту") < html.index("Первый комментарий")
    with read():
        assert db.session.scalar(select(ProjectMention.user_id)) == colleague.id
        assert db.session.scalar(select(func.count()).select_from(ProjectComment)) == 2
    client.post("/logout", data={"csrf_token": csrf_token_from(page)})
    login_as(colleague)
    desk = client.get("/i/mibs/").get_data(as_text=True)
    assert "Вас упомянули в обсуждении проекта «Читающая школа»" in desk


def test_readers_cannot_write(client, make, login_as):
    school, library, museum, network = _network(make)
    project = make.project(network, school, "Проект", participants=(library,))
    task = make.task(project, "Собеседование")
    login_as(make.user(museum, "coordinator"))
    page = client.get(f"/n/kultura/projects/{project.id}")
    assert page.status_code == 200 and "Добавить задачу" not in page.get_data(as_text=True)
    token = csrf_token_from(page.get_data(as_text=True))
    for url in (f"/n/kultura/projects/{project.id}/comments", f"/n/kultura/projects/{project.id}/tasks",
                f"/n/kultura/projects/{project.id}/tasks/{task.id}/cells/status",
                f"/n/kultura/projects/{project.id}/edit"):
        assert client.post(url, data={"csrf_token": token, "body": "x", "value": "done"}).status_code == 403, url


def test_list_is_paginated(client, make, login_as, app):
    school, _library, _museum, network = _network(make)
    size = app.config["PAGE_SIZE"]
    for n in range(size + 3):
        make.project(network, school, f"Проект №{n:03d}", with_stages=False,
                     starts_on=date(2026, 9, 1) + timedelta(days=n))
    login_as(make.user(school, "staff"))
    first = client.get("/n/kultura/projects/").get_data(as_text=True)
    assert f"Проект №{size + 2:03d}" in first and "Проект №000" not in first and "Страница 1 из 2" in first
    second = client.get("/n/kultura/projects/?page=2").get_data(as_text=True)
    assert "Проект №000" in second and "Проект №002" in second and f"Проект №{size + 2:03d}" not in second


def test_a_lead_coordinator_cannot_hand_the_project_to_another_institution(client, make, login_as, read):
    school, library, museum, network = _network(make)
    project = make.project(network, library, "Проект библиотеки", participants=(school,))
    login_as(make.user(library, "coordinator"))
    response = post_form(client, f"/n/kultura/projects/{project.id}/edit", {
        "title": "Проект библиотеки", "direction": "social", "lead_institution_id": museum.id,
        "participant_ids": [school.id], "starts_on": "2026-09-01", "ends_on": "2027-05-31", "version": "1"})
    assert response.status_code == 422
    ok = post_form(client, f"/n/kultura/projects/{project.id}/edit", {
        "title": "Читаем вместе", "direction": "arts", "lead_institution_id": library.id,
        "participant_ids": [museum.id], "starts_on": "2026-09-01", "ends_on": "2027-05-31", "version": "1"})
    assert ok.status_code == 302
    with read():
        saved = db.session.scalar(select(Project))
        participants = set(db.session.scalars(select(ProjectParticipant.institution_id)))
    assert (saved.title, saved.direction.value, saved.lead_institution_id) == ("Читаем вместе", "arts", library.id)
    assert participants == {library.id, museum.id} and "читаем вместе" in saved.search_text
