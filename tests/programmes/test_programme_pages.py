"""Programme pages: create, edit (versioned), publish, groups and schedule, list filters, teacher load."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import post_form
from tests.programmes.helpers import build
from workspace.extensions import db
from workspace.programmes.models import Direction, Group, Programme, ScheduleSlot

NEW = {"title": "Юный эколог", "direction": "natural_science", "description": "Исследования природы края",
       "hours": "34", "grade_min": "5", "grade_max": "7", "capacity": "12", "grade_scale": "pass_fail",
       "starts_on": "2026-09-01", "ends_on": "2027-05-31"}


def test_provider_coordinator_creates_a_draft_and_publishes_it(client, make, login_as, read):
    s = build(make)
    login_as(s.provider_coordinator)
    bad = post_form(client, f"/n/{s.network.slug}/programmes/new", {**NEW, "grade_min": "8"})
    assert bad.status_code == 422 and "«По какой класс» не может быть меньше «С класса»." in bad.get_data(as_text=True)
    response = post_form(client, f"/n/{s.network.slug}/programmes/new", NEW)
    assert response.status_code == 302
    with read():
        programme = db.session.scalar(select(Programme).where(Programme.title == "Юный эколог"))
    assert programme.provider_institution_id == s.provider.id and not programme.is_published
    assert programme.direction is Direction.NATURAL_SCIENCE
    page_url = f"/n/{s.network.slug}/programmes/{programme.id}"
    assert post_form(client, f"{page_url}/publish", {"version": programme.version}, page_url=page_url).status_code == 302
    with read():
        assert db.session.scalar(select(Programme.is_published).where(Programme.id == programme.id))


def test_draft_is_hidden_from_other_members_and_edit_is_providers_only(app, client, make, login_as):
    s = build(make)
    draft = make.programme(s.network, s.provider, "Секретный черновик", published=False)
    login_as(s.coordinator)  # a school's coordinator
    assert "Секретный черновик" not in client.get(f"/n/{s.network.slug}/programmes/").get_data(as_text=True)
    assert client.get(f"/n/{s.network.slug}/programmes/{draft.id}").status_code == 404
    assert client.get(f"/n/{s.network.slug}/programmes/{s.programme.id}/edit").status_code == 403


def test_edit_with_a_stale_version_changes_nothing(client, make, login_as, read):
    s = build(make)
    login_as(s.provider_coordinator)
    url = f"/n/{s.network.slug}/programmes/{s.programme.id}/edit"
    stale = post_form(client, url, {**NEW, "version": "0"})
    assert stale.status_code == 422 and "изменил другой пользователь" in stale.get_data(as_text=True)
    assert post_form(client, url, {**NEW, "version": str(s.programme.version)}).status_code == 302
    with read():
        assert db.session.scalar(select(Programme.title).where(Programme.id == s.programme.id)) == "Юный эколог"


def test_groups_and_schedule_slots(client, make, login_as, read):
    s = build(make)
    login_as(s.provider_coordinator)
    page = f"/n/{s.network.slug}/programmes/{s.programme.id}"
    assert post_form(client, f"{page}/groups", {"name": "Группа 1", "teacher_id": s.provider_teacher.id,
                                                "place": "каб. 5", "capacity": "12"}).status_code == 302
    with read():
        group = db.session.scalar(select(Group))
    bad = post_form(client, f"{page}/groups/{group.id}/slots",
                    {f"g{group.id}-weekday": "2", f"g{group.id}-starts_at": "16:00", f"g{group.id}-ends_at": "15:00"},
                    page_url=page)
    assert bad.status_code == 422 and "заканчиваться позже" in bad.get_data(as_text=True)
    assert post_form(client, f"{page}/groups/{group.id}/slots",
                     {f"g{group.id}-weekday": "2", f"g{group.id}-starts_at": "15:00", f"g{group.id}-ends_at": "16:30"},
                     page_url=page).status_code == 302
    body = client.get(page).get_data(as_text=True)
    assert "среда, 15:00–16:30" in body and "Петров Пётр Петрович" in body
    with read():
        slot = db.session.scalar(select(ScheduleSlot))
    confirm = client.get(f"{page}/groups/{group.id}/slots/{slot.id}/delete")
    assert "Удалить занятие из расписания?" in confirm.get_data(as_text=True)
    assert post_form(client, f"{page}/groups/{group.id}/slots/{slot.id}/delete", {},
                     page_url=f"{page}/groups/{group.id}/slots/{slot.id}/delete").status_code == 302
    with read():
        assert db.session.scalar(select(ScheduleSlot)) is None


def test_list_filters_by_direction_provider_and_grade(client, make, login_as):
    s = build(make)
    make.programme(s.network, s.school2, "Хоровое пение", direction="art", grade_min=1, grade_max=4)
    login_as(s.teacher)
    url = f"/n/{s.network.slug}/programmes/"
    assert "Хоровое пение" not in client.get(f"{url}?direction=technical").get_data(as_text=True)
    assert "Робототехника" not in client.get(f"{url}?grade=2").get_data(as_text=True)
    by_provider = client.get(f"{url}?provider={s.school2.id}").get_data(as_text=True)
    assert "Хоровое пение" in by_provider and "Робототехника" not in by_provider


def test_teacher_load_is_agreed_by_the_providers_admin_only(client, make, login_as, read):
    s = build(make)
    group = make.group(s.programme, "Группа 1", teacher=s.provider_teacher)
    login_as(s.provider_coordinator)
    url = f"/n/{s.network.slug}/programmes/load"
    body = client.get(url).get_data(as_text=True)
    assert "Петров Пётр Петрович" in body and "68" in body and "Согласовать" not in body
    assert post_form(client, f"/n/{s.network.slug}/programmes/load/{group.id}/agree", {}, page_url=url).status_code == 403
    admin_client = client.application.test_client()
    from tests.conftest import login
    login(admin_client, s.provider_admin.email)
    assert post_form(admin_client, f"/n/{s.network.slug}/programmes/load/{group.id}/agree", {},
                     page_url=url).status_code == 302
    assert "Согласовано" in admin_client.get(url).get_data(as_text=True)
    with read():
        assert db.session.scalar(select(Group.load_agreed_by_id)) == s.provider_admin.id
