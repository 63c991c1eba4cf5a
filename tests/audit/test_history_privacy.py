"""The history shows a pupil only to those who may read that pupil, and reads as a person writes.

A provider runs a group that two schools send pupils to; a museum in the same network runs nothing, a parent
sits on the council. The provider declines one pupil of school A through its own page and issues a certificate
to another. Only school A and the provider read those entries in full; school B, the museum and the parent
read «Зачисление: обучающийся Школа А» and its status, never a name, a class, a reason or a result.
"""
from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import login, post_form

NAME_A = "Зябликова Мирослава"
REASON = "Причина-отказа-Ц7"
RESULT = "Результат-Щ4"
NAME_B = "Чечёткин Евстафий"


@pytest.fixture
def shared_group(make, client):
    school_a = make.institution("Школа А истории", slug="hist-a")
    school_b = make.institution("Школа Б истории", slug="hist-b")
    provider = make.institution("ЦДО истории", kind="supplementary", slug="hist-cdo")
    museum = make.institution("Музей истории", kind="museum", slug="hist-museum")
    network = make.network(school_a, name="Сеть истории", slug="hist-net")
    for member in (school_b, provider, museum):
        make.member(network, member, "network_partner" if member is not museum else "social_partner")
    users = {
        "a": make.user(school_a, "coordinator", email="a@hist.test"),
        "a_teacher": make.user(school_a, "teacher", email="a-teacher@hist.test"),
        "b": make.user(school_b, "coordinator", email="b@hist.test"),
        "provider": make.user(provider, "coordinator", email="provider@hist.test"),
        "provider_staff": make.user(provider, "staff", email="provider-staff@hist.test"),
        "provider_teacher": make.user(provider, "teacher", email="provider-teacher@hist.test"),
        "museum": make.user(museum, "coordinator", email="museum@hist.test"),
        "parent": make.user(None, None, email="parent@hist.test"),
    }
    make.seat(network, users["parent"], "member", represents="Родители")
    programme = make.programme(network, provider, "Робототехника истории")
    group = make.group(programme, "Группа истории")
    declined = make.pupil(school_a, "Зябликова", "Мирослава", class_label="6В")
    enrolled = make.pupil(school_b, "Чечёткин", "Евстафий", class_label="7А")
    request_a = make.enrollment_request(programme, school_a, [declined], sent_by=users["a"])
    request_b = make.enrollment_request(programme, school_b, [enrolled], sent_by=users["b"])
    enrollment_b = make.enrollment(request_b, enrolled, status="enrolled", group=group)
    make.certificate(enrollment_b, group, programme, result=RESULT)
    login(client, users["provider"].email)
    response = post_form(client, f"/n/hist-net/programmes/requests/{request_a.id}/enrollments/"
                                 f"{request_a.enrollment_ids[0]}/decline", {"reason": REASON, "version": "1"})
    assert response.status_code == 302
    return users


def _history(app, email: str) -> str:
    client = app.test_client()
    login(client, email)
    response = client.get("/n/hist-net/history")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("who", ["a", "a_teacher", "provider"])
def test_the_home_school_and_the_provider_read_the_pupil(app, shared_group, who):
    page = _history(app, shared_group[who].email)
    if who == "provider":
        assert NAME_A in page and REASON in page and NAME_B in page and RESULT in page
    else:  # school A reads its own pupil, never school B's
        assert NAME_A in page and REASON in page
        assert NAME_B not in page and RESULT not in page
        assert "обучающийся Школа Б истории" in page


@pytest.mark.parametrize("who", ["b", "museum", "parent", "provider_staff", "provider_teacher"])
def test_everybody_else_reads_the_entry_without_the_person(app, shared_group, who):
    page = _history(app, shared_group[who].email)
    assert NAME_A not in page and REASON not in page and "6В" not in page
    assert "Зачисление: обучающийся Школа А истории" in page
    assert "Заявка школы: Школа А истории" in page
    assert "отказано" in page  # the state is not personal
    if who != "b":
        assert NAME_B not in page and RESULT not in page
    else:
        assert NAME_B in page and RESULT in page


def test_entries_read_as_a_person_writes_them(app, make, client):
    school = make.institution("Школа слов", slug="words-school")
    theatre = make.institution("Театр слов", kind="theatre", slug="words-theatre")
    network = make.network(school, name="Сеть слов", slug="words-net")
    make.member(network, theatre, "social_partner")
    coordinator = make.user(school, "coordinator", email="words@school.test")
    plan = make.plan(network, 2026, title="План слов")
    make.section(plan, "Раздел слов", theatre)
    login(client, coordinator.email)
    page = client.get("/n/words-net/history").get_data(as_text=True)
    assert "Раздел плана: Раздел слов" in page and "Театр слов" in page and "Партнёр" in page
    assert "Сетевой план: План слов" in page
    for raw in ("PlanSection", "partner_institution_id", "plan_id", "PlanStatus", "draft", "None", "True"):
        assert raw not in page, raw


def test_a_shared_objects_page_lists_its_own_history(app, make, client):
    school = make.institution("Школа объекта", slug="obj-school")
    network = make.network(school, name="Сеть объекта", slug="obj-net")
    coordinator = make.user(school, "coordinator", email="obj@school.test")
    plan = make.plan(network, 2026, title="План объекта")
    section = make.section(plan, "Раздел объекта")
    make.item(section, "Мероприятие объекта", "октябрь")
    other = make.plan(network, 2027, title="Другой план")
    make.section(other, "Чужой раздел")
    login(client, coordinator.email)
    response = client.get(f"/n/obj-net/history?type=Plan&id={plan.id}", headers={"HX-Request": "true",
                                                                                "HX-Target": "object-history"})
    fragment = response.get_data(as_text=True)
    assert fragment.lstrip().startswith("<div id=\"object-history\"")
    assert "Раздел объекта" in fragment and "Мероприятие объекта" in fragment
    assert "Чужой раздел" not in fragment and "Другой план" not in fragment
    full = client.get(f"/n/obj-net/history?type=Plan&id={plan.id}").get_data(as_text=True)
    assert "Вся история" in full and "Чужой раздел" not in full
    unknown = client.get("/n/obj-net/history?type=Nothing&id=1").get_data(as_text=True)
    assert "Чужой раздел" in unknown  # an unknown kind narrows nothing


def test_every_column_of_every_audited_object_has_a_russian_name_or_is_hidden(app):
    from workspace.audit import labels
    from workspace.audit.display import HIDDEN_FIELDS
    from workspace.audit.recorder import NOISY_FIELDS
    from workspace.extensions import db
    unnamed = []
    for mapper in db.Model.registry.mappers:
        model = mapper.class_
        if not hasattr(model, "audit_label"):
            continue
        if model.__name__ not in labels.OBJECT_TYPES:
            unnamed.append(model.__name__)
        for attribute in mapper.column_attrs:
            key = attribute.key
            if key in NOISY_FIELDS or key in HIDDEN_FIELDS or key in ("id", "password_hash"):
                continue
            if labels.field(key, model.__name__) == key:
                unnamed.append(f"{model.__name__}.{key}")
    assert unnamed == []


def test_a_meeting_date_reads_in_russian(app, make, client):
    school = make.institution("Школа дат", slug="dates-school")
    network = make.network(school, name="Сеть дат", slug="dates-net")
    coordinator = make.user(school, "coordinator", email="dates@school.test")
    make.meeting(network, 3, kind="e_vote", deadline_on=date(2026, 12, 24))
    login(client, coordinator.email)
    page = client.get("/n/dates-net/history").get_data(as_text=True)
    assert "24.12.2026" in page and "2026-12-24" not in page
    assert "Заседание совета: № 3" in page and "e_vote" not in page


def test_the_last_class_of_a_range_reads_as_a_question_not_as_a_broken_phrase(app, make, client):
    """«По класс: 9» (the issue's «По класс») in the history of an item and a programme: the field is named as
    the programme form names it, «По какой класс»."""
    from workspace.audit import labels
    school = make.institution("Школа классов", slug="grades-school")
    network = make.network(school, name="Сеть классов", slug="grades-net")
    coordinator = make.user(school, "coordinator", email="grades@school.test")
    plan = make.plan(network, 2026, title="План классов")
    make.item(make.section(plan, "Раздел классов"), "Классный час", "октябрь", audience="5-9 классы")
    login(client, coordinator.email)
    page = client.get("/n/grades-net/history").get_data(as_text=True)
    assert "С класса" in page and "По какой класс" in page and "По класс" not in page
    with app.test_request_context():
        assert str(labels.field("grade_max", "Programme")) == "По какой класс"
