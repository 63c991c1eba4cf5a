"""The bank of best practices through the test client: who writes, search and filters, files, links."""
from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from tests.conftest import login, post_form
from workspace.audit.models import NetworkAuditEntry
from workspace.bank.models import Material, MaterialFile, MaterialTag
from workspace.extensions import db

BANK = "/n/net/bank/"


@pytest.fixture
def world(make):
    school = make.institution("СОШ №31", slug="school")
    museum = make.institution("Краеведческий музей", kind="museum", slug="museum")
    network = make.network(school, name="Сеть", slug="net")
    make.member(network, museum, "social_partner")
    other_school = make.institution("Чужая школа", slug="other")
    other = make.network(other_school, slug="other-net")
    plan = make.plan(network, 2026)
    section = make.section(plan, "Раздел музея", museum)
    item = make.item(section, "Квест «Тайны старого города»", "октябрь")
    other_item = make.item(make.section(make.plan(other, 2026), "Чужой раздел"), "Чужое мероприятие", "май")
    return {
        "school": school, "museum": museum, "network": network, "item": item, "other_item": other_item,
        "coordinator": make.user(school, "coordinator"), "teacher": make.user(school, "teacher"),
        "museum_coordinator": make.user(museum, "coordinator"),
        "parent": (parent := make.user(None, None)), "seat": make.seat(network, parent, "member"),
    }


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _create(client, **fields):
    data = {"title": "Сценарий квеста в музее", "description": "Квест по залам краеведческого музея",
            "direction": "tourism", "audience": "5-7 классы", "tags": "Квест, музей, КРАЕВЕДЕНИЕ", "source_item_id": 0,
            **fields}
    return post_form(client, BANK + "new", data)


def test_coordinator_adds_a_material_with_tags_grades_and_an_audit_entry(client, world, login_as, read):
    login_as(world["museum_coordinator"])
    response = _create(client, source_item_id=world["item"].id)
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Сценарий квеста в музее" in page and "Туристско-краеведческая" in page
    assert "Краеведческий музей" in page and "Квест «Тайны старого города»" in page
    with read():
        material = db.session.scalar(select(Material))
        assert (material.grade_from, material.grade_to) == (5, 7)
        assert material.author_institution_id == world["museum"].id
        assert sorted(db.session.scalars(select(MaterialTag.tag))) == ["квест", "краеведение", "музей"]
        assert db.session.scalar(select(NetworkAuditEntry.action).where(NetworkAuditEntry.object_type == "Material")) \
            == "created"


def test_council_seats_read_but_do_not_write(app, world, make):
    make.material(world["network"], world["school"], "Урок в библиотеке")
    client = app.test_client()
    login(client, world["parent"].email)
    assert "Урок в библиотеке" in client.get(BANK).get_data(as_text=True)
    assert "Добавить материал" not in client.get(BANK).get_data(as_text=True)
    assert client.get(BANK + "new").status_code == 403


def test_a_teacher_adds_a_material_and_edits_only_his_own(app, client, world, login_as, make, read):
    colleagues = make.material(world["network"], world["school"], "Урок в библиотеке")
    login_as(world["teacher"])
    assert "Добавить материал" in client.get(BANK).get_data(as_text=True)
    response = _create(client)
    assert response.status_code == 302
    with read():
        mine = db.session.scalar(select(Material).where(Material.title == "Сценарий квеста в музее"))
        assert mine.author_id == world["teacher"].id and mine.author_institution_id == world["school"].id
    assert client.get(f"{BANK}{mine.id}/edit").status_code == 200
    assert client.get(f"{BANK}{colleagues.id}/edit").status_code == 403


def test_only_the_author_institution_edits_and_deletes(app, client, world, login_as, make, read):
    material = make.material(world["network"], world["school"], "Урок в библиотеке")
    museum = app.test_client()
    login(museum, world["museum_coordinator"].email)
    assert museum.get(f"{BANK}{material.id}/edit").status_code == 403
    assert museum.get(f"{BANK}{material.id}/delete").status_code == 403
    assert "Изменить" not in museum.get(f"{BANK}{material.id}").get_data(as_text=True)
    login_as(world["coordinator"])
    confirm = client.get(f"{BANK}{material.id}/delete")
    assert "Удалить материал из банка?" in confirm.get_data(as_text=True)
    response = post_form(client, f"{BANK}{material.id}/delete", {}, page_url=f"{BANK}{material.id}/delete")
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(func.count()).select_from(Material)) == 0


def test_search_is_case_insensitive_in_cyrillic_and_filters_combine(client, world, login_as, make):
    network = world["network"]
    make.material(network, world["museum"], "Сценарий КВЕСТА в музее", direction="tourism", tags="квест")
    make.material(network, world["school"], "Методическая разработка урока в библиотеке", direction="social",
                  description="Ёлочные игрушки своими руками", tags="библиотека")
    login_as(world["teacher"])
    for query, found, missing in (("квест", "КВЕСТА", "библиотеке"), ("БИБЛИОТЕКЕ", "библиотеке", "КВЕСТА"),
                                  ("елочные", "библиотеке", "КВЕСТА"), ("100%_", None, "КВЕСТА")):
        page = client.get(BANK, query_string={"q": query}).get_data(as_text=True)
        if found:
            assert found in page, query
        assert missing not in page, query
    page = client.get(BANK, query_string={"direction": "tourism"}).get_data(as_text=True)
    assert "КВЕСТА" in page and "библиотеке" not in page
    page = client.get(BANK, query_string={"institution": world["school"].id}).get_data(as_text=True)
    assert "библиотеке" in page and "КВЕСТА" not in page
    page = client.get(BANK, query_string={"tag": "Квест"}).get_data(as_text=True)
    assert "КВЕСТА" in page and "библиотеке" not in page
    assert "Ничего не найдено" in client.get(BANK, query_string={"q": "квест", "direction": "social"}).get_data(
        as_text=True)


def test_active_search_answers_with_the_list_only(client, world, login_as, make):
    make.material(world["network"], world["museum"], "Сценарий квеста")
    login_as(world["teacher"])
    response = client.get(BANK, query_string={"q": "квест"},
                          headers={"HX-Request": "true", "HX-Target": "materials"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Сценарий квеста" in body
    assert "<html" not in body and body.lstrip().startswith('<div id="materials"')
    assert "HX-Request" in response.headers["Vary"]


def test_pagination(client, world, login_as, make, app):
    for n in range(app.config["PAGE_SIZE"] + 3):
        make.material(world["network"], world["school"], f"Материал номер {n:03d}")
    login_as(world["teacher"])
    first = client.get(BANK).get_data(as_text=True)
    assert "Страница 1 из 2" in first and "Материал номер 000" not in first
    assert "Материал номер 000" in client.get(BANK, query_string={"page": 2}).get_data(as_text=True)


def test_concurrent_edit_is_refused_with_a_message(client, world, login_as, make, read):
    material = make.material(world["network"], world["school"], "Урок в библиотеке")
    login_as(world["coordinator"])
    data = {"title": "Новое название", "direction": "arts", "source_item_id": 0, "version": material.version - 1 or 99}
    response = post_form(client, f"{BANK}{material.id}/edit", data)
    assert response.status_code == 409
    assert "только что изменил другой пользователь" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(Material.title)) == "Урок в библиотеке"
    data["version"] = material.version
    assert post_form(client, f"{BANK}{material.id}/edit", data).status_code == 302
    with read():
        assert db.session.scalar(select(Material.title)) == "Новое название"


def test_a_foreign_or_missing_event_cannot_be_linked(client, world, login_as, read):
    login_as(world["coordinator"])
    for bad in (world["other_item"].id, 999999, "x"):
        response = _create(client, source_item_id=bad)
        assert response.status_code == 422, bad
    with read():
        assert db.session.scalar(select(func.count()).select_from(Material)) == 0


@pytest.mark.parametrize("name, content, accepted", [
    ("план.pdf", b"%PDF-1.4 test", True),
    ("урок.docx", None, True),
    ("фото.png", b"\x89PNG\r\n\x1a\n0000", True),
    ("вирус.exe", b"MZ\x90\x00", False),
    ("пустой.pdf", b"", False),
    ("архив.docx", b"PK\x03\x04garbage", False),
])
def test_files_are_checked_by_content(client, world, login_as, make, read, name, content, accepted):
    material = make.material(world["network"], world["school"], "Урок в библиотеке")
    login_as(world["coordinator"])
    page = f"{BANK}{material.id}"
    content = _docx() if content is None else content
    response = post_form(client, page + "/files", {"file": (io.BytesIO(content), name)}, page_url=page,
                         content_type="multipart/form-data")
    with read():
        stored = db.session.scalar(select(func.count()).select_from(MaterialFile))
    if accepted:
        assert response.status_code == 302 and stored == 1
        listing = client.get(page).get_data(as_text=True)
        assert name in listing
    else:
        assert response.status_code == 422 and stored == 0
        body = response.get_data(as_text=True)
        assert "Принимаются" in body or "пустой" in body or "повреждён" in body or "архив" in body


def test_file_download_is_sandboxed(client, world, login_as, make):
    material = make.material(world["network"], world["school"], "Урок", files=(("урок.pdf", b"%PDF-1.4 x",
                                                                                    "application/pdf"),))
    login_as(world["parent"])
    response = client.get(f"{BANK}{material.id}/files/{material.file_ids[0]}")
    assert response.status_code == 200 and response.data == b"%PDF-1.4 x"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_a_material_links_to_the_project_it_came_from_and_the_project_lists_it(client, world, login_as, make, read):
    project = make.project(world["network"], world["museum"], "Музейная неделя в школе")
    foreign = make.project(make.network(make.institution("Ещё школа", slug="more"), slug="more-net"),
                           make.institution("Её партнёр", slug="partner"), "Чужой проект")
    login_as(world["museum_coordinator"])
    response = _create(client, source_project_id=project.id)
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Проект сети" in page and "Музейная неделя в школе" in page
    assert f"/n/net/projects/{project.id}" in page
    with read():
        material = db.session.scalars(select(Material)).one()
        assert (material.source_kind, material.source_id) == ("project", project.id)
    project_page = client.get(f"/n/net/projects/{project.id}").get_data(as_text=True)
    assert "Материалы банка практик из проекта" in project_page and "Сценарий квеста в музее" in project_page
    assert f"/n/net/bank/{material.id}" in project_page
    edit = client.get(f"{BANK}{material.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{project.id}">' in edit or f'value="{project.id}" selected' in edit
    for bad in (foreign.id, 999999, "x"):
        response = _create(client, source_project_id=bad)
        assert response.status_code == 422, bad
    response = _create(client, source_item_id=world["item"].id, source_project_id=project.id)
    assert response.status_code == 422
    assert "Выберите что-то одно: мероприятие плана или проект." in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Material)) == 1
