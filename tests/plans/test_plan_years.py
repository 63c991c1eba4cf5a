"""Plans of any academic year: a 2019/2020 plan created and its archive imported into its own year; a new year's
plan made as a copy of an earlier one (preview, then confirm); who may; bad years refused in Russian."""
from __future__ import annotations

import html as html_module
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import csrf_token_from, post_form
from tests.plans.test_plan_import import _import
from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.plans.models import (
    ItemStatus,
    Plan,
    PlanItem,
    PlanItemInstitution,
    PlanItemPerson,
    PlanSection,
    PlanStatus,
)

FIXTURES = Path(__file__).parent / "fixtures"
NEXT = AcademicYear.current().start_year + 1


def _network(make):
    school = make.institution("МБОУ «СОШ №31»", slug="s31")
    library = make.institution("МБУ «МИБС»", kind="library", slug="mibs",
                               full_name="Муниципальное бюджетное учреждение «Муниципальная информационно-"
                                         "библиотечная система» г. Новокузнецка")
    network = make.network(school, name="Культура", slug="kultura")
    make.member(network, library, "social_partner")
    return school, library, network, make.user(school, "coordinator")


def _plans(read):
    with read():
        return {plan.start_year: plan for plan in db.session.scalars(select(Plan))}


def test_a_2019_plan_is_created_and_its_archive_lands_in_2019_2020(client, make, login_as, read):
    _school, library, _network_, coordinator = _network(make)
    login_as(coordinator)
    page = client.get("/n/kultura/plans/").get_data(as_text=True)
    assert '<option value="2019">2019/2020</option>' in page and '<option value="2010">2010/2011</option>' in page
    assert page.index(f'value="{NEXT}"') < page.index('value="2019"')  # newest first
    response = post_form(client, "/n/kultura/plans/", {"start_year": "2019", "title": ""})
    assert response.status_code == 302
    plan = _plans(read)[2019]
    assert plan.title == "Сетевой план мероприятий на 2019/2020 учебный год"
    html = _import(client, plan, (FIXTURES / "plan_library_2019-2020.xlsx").read_bytes())
    assert "С ошибками: 0" in html and "не прочитаны" not in html and "вне 2019/2020" not in html
    with read():
        items = db.session.scalars(select(PlanItem).where(PlanItem.plan_id == plan.id)).all()
    assert len(items) == 12 and all(item.timing_is_read for item in items)
    year = AcademicYear(2019)
    assert all(item.starts_on in year and item.ends_on in year for item in items)
    by_number = {item.number: item for item in items}
    assert (by_number["5"].starts_on, by_number["5"].ends_on) == (date(2019, 11, 22), date(2019, 11, 24))
    assert (by_number["8"].starts_on, by_number["8"].ends_on) == (date(2020, 1, 1), date(2020, 1, 31))
    listed = client.get("/n/kultura/plans/").get_data(as_text=True)
    assert "2019/2020 — план уже есть" in listed


def test_a_year_out_of_range_or_garbage_is_refused_in_russian(client, make, login_as, read):
    _school, _library, _network_, coordinator = _network(make)
    login_as(coordinator)
    for value, message in (("2009", "План можно создать на учебный год с 2010/2011 по"),
                           (str(NEXT + 1), f"по {AcademicYear(NEXT).label}"),
                           ("прошлый", "Выберите учебный год из списка."),
                           ("", "Выберите учебный год из списка.")):
        response = post_form(client, "/n/kultura/plans/", {"start_year": value, "title": "Архив"},
                             page_url="/n/kultura/plans/")
        assert response.status_code == 422, value
        assert message in response.get_data(as_text=True), value
    with read():
        assert db.session.scalar(select(func.count()).select_from(Plan)) == 0


def test_the_same_year_twice_is_refused(client, make, login_as, read):
    _school, _library, network, coordinator = _network(make)
    make.plan(network, 2019)
    login_as(coordinator)
    response = post_form(client, "/n/kultura/plans/", {"start_year": "2019", "title": ""})
    assert response.status_code == 422 and "План на этот учебный год уже есть." in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Plan)) == 1


def _plan_to_copy(make, network, library, coordinator):
    """A 2025/2026 plan: two sections, items read and unread, held, with a report and linked people."""
    plan = make.plan(network, 2025, title="Сетевой план мероприятий на 2025/2026 учебный год")
    plan_section = make.section(plan, "План мероприятий с МБУ «МИБС»", library)
    make.section(plan, "Пустой раздел", position=2)
    october = make.item(plan_section, "Библиосумерки", "октябрь", position=1, audience="5-9 классы",
                        responsible="МБУ «МИБС»", report_form="Фотоотчёт")
    make.item(plan_section, "Неделя книги", "22-24.11.2025", position=2)
    make.item(plan_section, "Встреча с писателем", "по согласованию с автором", position=3)
    make.item(plan_section, "Выпускной", "май", position=4)
    make.item(plan_section, "Театральная гостиная", "октябрь, март", position=5)
    make.item(plan_section, "Лекторий", "10.10.2025, 12.03.2026", position=6)
    make.report(october, date(2025, 10, 15), summary="Прошло")
    return plan, october


def test_a_plan_is_copied_into_the_next_year_after_a_preview(client, make, login_as, read):
    _school, library, network, coordinator = _network(make)
    plan, october = _plan_to_copy(make, network, library, coordinator)
    with read():
        held = db.session.scalar(select(PlanItem).where(PlanItem.id == october.id))
        held.status = ItemStatus.HELD
        db.session.add(PlanItemPerson(network_id=network.id, item_id=october.id, user_id=coordinator.id))
        db.session.add(PlanItemInstitution(network_id=network.id, item_id=october.id, institution_id=library.id))
        db.session.commit()
    login_as(coordinator)
    listed = client.get("/n/kultura/plans/").get_data(as_text=True)
    assert "Скопировать план прошлого года" in listed
    url = f"/n/kultura/plans/copy?source_plan_id={plan.id}&start_year=2026"
    preview = client.get(url)
    assert preview.status_code == 200
    page = html_module.unescape(preview.get_data(as_text=True)).replace("\xa0", " ")
    for text in ("Будет создан план «Сетевой план мероприятий на 2026/2027 учебный год»",
                 "2 раздела, 6 мероприятий", "Проверьте сроки: 3 мероприятия",
                 "01.10.2025 – 31.10.2025", "01.10.2026 – 31.10.2026",          # октябрь read again in 2026
                 "22.11.2025 – 24.11.2025", "22.11.2026 – 24.11.2026",          # a written year: moved on
                 "В сроках указан год: даты сдвинуты на 1 год", "Сроки не прочитаны — останутся текстом",
                 "01.05.2027 – 31.05.2027", "В разделе нет мероприятий"):
        assert text in page, text
    with read():
        assert db.session.scalar(select(func.count()).select_from(Plan)) == 1  # the preview saves nothing
    token = csrf_token_from(page)
    created = client.post("/n/kultura/plans/copy", data={"csrf_token": token, "source_plan_id": plan.id,
                                                          "start_year": 2026})
    assert created.status_code == 302, created.get_data(as_text=True)
    new = _plans(read)[2026]
    assert created.location.endswith(f"/plans/{new.id}")
    assert new.title == "Сетевой план мероприятий на 2026/2027 учебный год" and new.status == PlanStatus.DRAFT
    with read():
        sections = db.session.scalars(select(PlanSection).where(PlanSection.plan_id == new.id)
                                      .order_by(PlanSection.position)).all()
        items = {item.title: item for item in db.session.scalars(select(PlanItem).where(PlanItem.plan_id == new.id))}
        copied = items["Библиосумерки"]
        institutions = db.session.scalars(select(PlanItemInstitution.institution_id)
                                          .where(PlanItemInstitution.item_id == copied.id)).all()
        people = db.session.scalars(select(PlanItemPerson.user_id).where(PlanItemPerson.item_id == copied.id)).all()
        from workspace.plans.report_models import EventReport
        reports = db.session.scalar(select(func.count()).select_from(EventReport))
    assert [(s.title, s.partner_institution_id, s.status) for s in sections] == [
        ("План мероприятий с МБУ «МИБС»", library.id, PlanStatus.DRAFT), ("Пустой раздел", None, PlanStatus.DRAFT)]
    assert len(items) == 6 and all(item.status == ItemStatus.PLANNED for item in items.values())
    assert (copied.starts_on, copied.ends_on) == (date(2026, 10, 1), date(2026, 10, 31))
    assert (copied.audience, copied.grade_from, copied.grade_to) == ("5-9 классы", 5, 9)
    assert copied.responsible == "МБУ «МИБС»" and copied.report_form == "Фотоотчёт" and copied.number == "1"
    assert institutions == [library.id] and people == [coordinator.id] and reports == 1  # the old report stays old
    assert (items["Неделя книги"].starts_on, items["Неделя книги"].ends_on) == (date(2026, 11, 22), date(2026, 11, 24))
    assert items["Неделя книги"].timing == "22-24.11.2025"  # the text is kept as typed, and was flagged
    unread = items["Встреча с писателем"]
    assert unread.starts_on is None and not unread.timing_is_read
    assert items["Выпускной"].starts_on == date(2027, 5, 1)
    # several periods stay several: read again in the new year, or each moved on when the text names its year
    assert items["Театральная гостиная"].periods == "2026-10-01/2026-10-31;2027-03-01/2027-03-31"
    assert items["Лекторий"].periods == "2026-10-10/2026-10-10;2027-03-12/2027-03-12"
    page = client.get(f"/n/kultura/plans/{new.id}").get_data(as_text=True)
    assert "Библиосумерки" in page and "01.10.2026" in page
    again = client.post("/n/kultura/plans/copy", data={"csrf_token": token, "source_plan_id": plan.id,
                                                        "start_year": 2026})
    assert again.status_code == 422 and "План на этот учебный год уже есть." in again.get_data(as_text=True)


def test_copy_offers_last_year_by_default_and_refuses_a_later_source(client, make, login_as, read):
    _school, library, network, coordinator = _network(make)
    older = make.plan(network, 2019, title="План 2019-2020")
    make.section(older, "Раздел")
    newer = make.plan(network, 2024, title="Без года")
    login_as(coordinator)
    page = html_module.unescape(client.get("/n/kultura/plans/copy").get_data(as_text=True))
    assert f'<option selected value="{newer.id}">' in page and '<option selected value="2025">' in page
    assert "Будет создан план «Без года»" in page and "В плане нет ни одного раздела" in page
    from_older = html_module.unescape(client.get(
        f"/n/kultura/plans/copy?source_plan_id={older.id}&start_year=2020").get_data(as_text=True))
    assert "Будет создан план «План 2020-2021»" in from_older and "1 раздел, 0 мероприятий" in from_older
    later = client.get(f"/n/kultura/plans/copy?source_plan_id={newer.id}&start_year=2020")
    assert later.status_code == 422
    assert "Копируется план одного из прошлых лет: выберите план до 2020/2021. Например, план 2019/2020." in (
        html_module.unescape(later.get_data(as_text=True)))
    bad = client.get(f"/n/kultura/plans/copy?source_plan_id={older.id}&start_year=1999")
    assert bad.status_code == 422 and "План можно создать на учебный год с 2010/2011" in bad.get_data(as_text=True)
    token = csrf_token_from(page)
    refused = client.post("/n/kultura/plans/copy", data={"csrf_token": token, "source_plan_id": older.id,
                                                          "start_year": 1999})
    assert refused.status_code == 422
    no_token = client.post("/n/kultura/plans/copy", data={"source_plan_id": older.id, "start_year": 2020})
    assert no_token.status_code in (400, 422)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Plan)) == 2


def test_copy_without_any_plan_is_not_offered(client, make, login_as):
    _school, _library, _network_, coordinator = _network(make)
    login_as(coordinator)
    listed = client.get("/n/kultura/plans/").get_data(as_text=True)
    assert "Скопировать план прошлого года" not in listed
    assert "Скопировать можно будет, когда в сети появится план хотя бы одного учебного года." in listed
    page = client.get("/n/kultura/plans/copy")
    assert page.status_code == 200 and "В сети ещё нет ни одного плана — копировать нечего." in page.get_data(
        as_text=True)


def test_copy_is_for_those_who_create_plans(client, make, login_as, read):
    _school, library, network, coordinator = _network(make)
    plan = make.plan(network, 2025)
    make.section(plan, "Библиосумерки с партнёром")
    url = f"/n/kultura/plans/copy?source_plan_id={plan.id}&start_year=2026"
    login_as(make.user(library, "coordinator"))  # a partner's coordinator fills its section, creates no plan
    assert client.get(url).status_code == 403
    listed = client.get("/n/kultura/plans/").get_data(as_text=True)
    assert "Скопировать план прошлого года" not in listed
    token = csrf_token_from(listed)
    assert client.post("/n/kultura/plans/copy", data={"csrf_token": token, "source_plan_id": plan.id,
                                                      "start_year": 2026}).status_code == 403
    client.post("/logout", data={"csrf_token": token})
    stranger_school = make.institution("Чужая школа", slug="other")
    make.plan(make.network(stranger_school, name="Чужая сеть", slug="other-net"), 2024)
    login_as(make.user(stranger_school, "coordinator"))
    assert client.get(url).status_code == 404
    token = csrf_token_from(client.get("/n/other-net/plans/").get_data(as_text=True))
    assert client.post("/n/kultura/plans/copy", data={"csrf_token": token, "source_plan_id": plan.id,
                                                      "start_year": 2026}).status_code == 404
    # a foreign plan named in the address of one's own network is not found there
    foreign_preview = client.get(f"/n/other-net/plans/copy?source_plan_id={plan.id}&start_year=2026")
    assert foreign_preview.status_code == 422 and "Выберите план из списка." in foreign_preview.get_data(as_text=True)
    assert "Библиосумерки" not in foreign_preview.get_data(as_text=True)
    tampered = client.post("/n/other-net/plans/copy", data={"csrf_token": token, "source_plan_id": plan.id,
                                                            "start_year": 2026})
    assert tampered.status_code == 422 and "Выберите план из списка." in tampered.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Plan)) == 2


def test_the_new_plan_form_offers_the_first_free_year(client, make, login_as):
    _school, _library, network, coordinator = _network(make)
    current = AcademicYear.current().start_year
    login_as(coordinator)
    assert f'<option selected value="{current}">' in client.get("/n/kultura/plans/").get_data(as_text=True)
    make.plan(network, current)
    page = client.get("/n/kultura/plans/").get_data(as_text=True)
    assert f'<option selected value="{current + 1}">' in page
    assert f"{AcademicYear(current).label} — план уже есть" in page


def test_moved_dates_keep_the_end_of_a_month_and_titles_change_their_years():
    from types import SimpleNamespace

    from workspace.plans.copying import copied_title, shifted
    assert shifted(date(2023, 2, 28), 1) == date(2024, 2, 29)   # the last day of February stays the last
    assert shifted(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert shifted(date(2019, 11, 22), 7) == date(2026, 11, 22)
    assert shifted(None, 1) is None
    for old, new in (("План на 2025/2026 учебный год", "План на 2026/2027 учебный год"),
                     ("План 2025-26", "План 2026-2027"), ("План 2025 – 2026 уч. г.", "План 2026 – 2027 уч. г."),
                     ("План сети «Культура»", "План сети «Культура»"), ("План 12025/20260", "План 12025/20260")):
        assert copied_title(SimpleNamespace(start_year=2025, title=old), AcademicYear(2026)) == new, old
