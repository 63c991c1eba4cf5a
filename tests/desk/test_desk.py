from sqlalchemy import func, select

from tests.conftest import post_form
from workspace.desk.models import Note
from workspace.extensions import db


def _school(make, role="coordinator"):
    school = make.institution("Школа №5", slug="school5")
    partner = make.institution("Библиотека «Книга»", kind="library", slug="kniga")
    network = make.network(school, name="Читаем вместе", slug="chitaem")
    make.member(network, partner, "social_partner")
    user = make.user(school, role, full_name="Анна Учительница")
    return school, network, user


def test_desk_shows_networks_partners_and_waiting_places(client, make, login_as):
    school, network, user = _school(make)
    login_as(user)
    page = client.get("/i/school5/").get_data(as_text=True)
    assert "Мои сети" in page and "Читаем вместе" in page
    assert "Библиотека «Книга»" in page
    assert "Ждёт меня" in page and "Открытых голосований нет" not in page  # no seat: other text
    assert "Вы не входите в координационный совет" in page
    assert "Ближайшие мероприятия" in page


def test_desk_of_institution_without_networks_explains_it(client, make, login_as):
    lonely = make.institution("Одинокая школа", slug="lonely")
    login_as(make.user(lonely, "staff"))
    page = client.get("/i/lonely/").get_data(as_text=True)
    assert "не входит ни в одну сеть" in page


def test_coordinator_adds_note_with_htmx_and_sees_only_the_fragment(client, make, login_as, read):
    school, _network, user = _school(make)
    login_as(user)
    response = post_form(client, "/i/school5/notes", {"body": "  Позвонить в театр  "}, page_url="/i/school5/",
                         headers={"HX-Request": "true", "HX-Target": "notes"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'id="notes"' in html and "Позвонить в театр" in html
    assert "Заметка сохранена." in html
    with read():
        note = db.session.scalar(select(Note))
        assert note.body == "Позвонить в театр" and note.institution_id == school.id and note.author_id == user.id


def test_note_without_javascript_redirects_back(client, make, login_as):
    _school_, _network, user = _school(make)
    login_as(user)
    response = post_form(client, "/i/school5/notes", {"body": "Без JS"}, page_url="/i/school5/")
    assert response.status_code == 302 and response.location.endswith("/i/school5/")
    assert "Без JS" in client.get("/i/school5/").get_data(as_text=True)


def test_empty_note_is_rejected_and_nothing_saved(client, make, login_as, read):
    _school_, _network, user = _school(make)
    login_as(user)
    response = post_form(client, "/i/school5/notes", {"body": "   "}, page_url="/i/school5/",
                         headers={"HX-Request": "true", "HX-Target": "notes"})
    assert response.status_code == 422
    assert "Заполните это поле." in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Note)) == 0


def test_teacher_and_staff_read_notes_but_cannot_write(client, make, login_as, read):
    school, _network, _user = _school(make)
    make.note(school, "Видно всем сотрудникам")
    login_as(make.user(school, "teacher"))
    page = client.get("/i/school5/").get_data(as_text=True)
    assert "Видно всем сотрудникам" in page and "Добавить заметку" not in page
    response = post_form(client, "/i/school5/notes", {"body": "Нельзя"}, page_url="/i/school5/")
    assert response.status_code == 403
    with read():
        assert db.session.scalar(select(func.count()).select_from(Note)) == 1


def test_delete_note_asks_first_then_deletes(client, make, login_as, read):
    school, _network, user = _school(make)
    note = make.note(school, "Удалить меня", user)
    login_as(user)
    confirm = client.get(f"/i/school5/notes/{note.id}/delete")
    assert confirm.status_code == 200 and "Удалить заметку?" in confirm.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Note)) == 1
    response = post_form(client, f"/i/school5/notes/{note.id}/delete", {}, page_url=f"/i/school5/notes/{note.id}/delete")
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(func.count()).select_from(Note)) == 0


def test_desk_lists_events_waiting_for_a_report(client, make, login_as):
    school, network, user = _school(make)
    plan = make.plan(network, 2019)
    section = make.section(plan, "Раздел школы")
    make.item(section, "Прошедший классный час", "октябрь")  # October 2019: long over
    make.item(section, "Будущий праздник", "май 2099")
    login_as(user)
    page = client.get("/i/school5/").get_data(as_text=True)
    assert "Прошедший классный час" in page and "отчёта нет" in page
    assert page.count("Будущий праздник") <= 1  # upcoming, not due


def test_network_card_names_twelve_partners_and_counts_the_rest(client, make, login_as):
    school, network, user = _school(make)
    for n in range(14):
        make.member(network, make.institution(f"Музей {n:02d}", kind="museum", slug=f"museum{n}"), "social_partner")
    login_as(user)
    page = client.get("/i/school5/").get_data(as_text=True)
    shown = sum(1 for n in range(14) if f"Музей {n:02d}" in page) + ("Библиотека «Книга»" in page)
    assert shown == 12
    assert "и ещё 3" in page


def test_a_teacher_named_responsible_sees_the_report_waiting_for_him(app, client, make, login_as):
    """His desk said «Сдавать нечего» while the event he held was over without a report he may file."""
    from tenants.scoping import unscoped
    from workspace.plans.models import PlanItemPerson
    school, network, _user = _school(make)
    teacher = make.user(school, "teacher", full_name="Петров Андрей Сергеевич")
    plan = make.plan(network, 2019)
    section = make.section(plan, "Раздел школы")
    held = make.item(section, "Классный час «Мой край»", "октябрь")
    make.item(section, "Чужой классный час", "ноябрь")
    with app.app_context(), unscoped():
        db.session.add(PlanItemPerson(network_id=network.id, item_id=held.id, user_id=teacher.id))
        db.session.commit()
    login_as(teacher)
    page = client.get("/i/school5/").get_data(as_text=True)
    assert "Классный час «Мой край»" in page and "отчёта нет" in page
    assert f"/plans/{plan.id}/items/{held.id}/report" in page
    assert "Чужой классный час" not in page and "Сдавать нечего" not in page
    assert client.get(f"/n/chitaem/plans/{plan.id}/items/{held.id}/report").status_code == 200


def test_the_next_events_are_the_first_planned_ones_not_ended_of_live_networks(client, make, login_as):
    from datetime import timedelta

    from workspace.core.dates import AcademicYear, local_today

    school, network, user = _school(make)
    archived = make.network(school, name="Старая сеть", slug="old-net", is_archived=True)
    today = local_today()
    year = AcademicYear.containing(today).start_year

    def on(days: int) -> str:
        return (today + timedelta(days=days)).strftime("%d.%m.%Y")

    section = make.section(make.plan(network, start_year=year))
    make.item(section, "Идёт сейчас", timing=f"{on(-2)}–{on(2)}", position=1)
    make.item(section, "Уже прошло", timing=on(-1), position=2)
    make.item(section, "Отменено", timing=on(1), position=3, status="cancelled")
    for n in range(10):
        make.item(section, f"Встреча {n:02d}", timing=on(3 + n), position=10 + n)
    make.item(make.section(make.plan(archived, start_year=year)), "В архивной сети", timing=on(1))
    login_as(user)
    page = client.get("/i/school5/").get_data(as_text=True)
    events = page[page.index('id="events-heading"'):]
    events = events[:events.index("</section>")]
    shown = [title for title in ["Идёт сейчас", *(f"Встреча {n:02d}" for n in range(10))] if title in events]
    assert shown == ["Идёт сейчас", *(f"Встреча {n:02d}" for n in range(7))]  # eight, by their start
    assert events.index("Встреча 00") < events.index("Встреча 06")
    assert "Уже прошло" not in events and "Отменено" not in events and "В архивной сети" not in events
