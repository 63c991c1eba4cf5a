"""Create and edit with Russian validation, obligations in place, the signing flow, termination, expiry."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.agreements.helpers import build_scene
from tests.conftest import login, post_form
from workspace.agreements.models import Agreement, AgreementParty, AgreementStatus, Obligation
from workspace.audit.models import NetworkAuditEntry
from workspace.core.dates import local_today
from workspace.extensions import db

HX = {"HX-Request": "true"}


@pytest.fixture
def scene(make):
    return build_scene(make)


def _form(scene, **changes):
    data = {"number": "12/2026", "signed_on": "2026-09-01", "kind": "network_programme",
            "title": "Договор о сетевой форме реализации программы «Юный техник»", "subject": "Реализация программы",
            "starts_on": "2026-09-01", "ends_on": "2027-05-31", "parties": [scene.school.id, scene.library.id]}
    data.update(changes)
    return data


def test_create_agreement_with_parties(client, login_as, read, scene):
    login_as(scene.coordinator)
    response = post_form(client, "/n/net/agreements/new", _form(scene))
    assert response.status_code == 302
    with read():
        agreement = db.session.scalar(select(Agreement))
        parties = db.session.scalars(select(AgreementParty.institution_id).order_by(AgreementParty.position)).all()
        assert agreement.status is AgreementStatus.DRAFT and agreement.number == "12/2026"
        assert parties == [scene.school.id, scene.library.id]
        assert "юный техник" in agreement.search_text
        assert db.session.scalar(select(NetworkAuditEntry.id).where(NetworkAuditEntry.network_id == scene.network.id))
    page = client.get(response.location).get_data(as_text=True)
    assert "Черновик" in page and "Отправить на подписание" in page
    history = client.get("/n/net/history").get_data(as_text=True)
    assert "Договор" in history and "№ 12/2026" in history and "юный техник" not in history


@pytest.mark.parametrize("changes, message", [
    ({"ends_on": "2026-08-01"}, "Дата окончания должна быть позже даты начала."),
    ({"parties": []}, "Укажите не меньше двух разных сторон"),
    ("one-party", "Укажите не меньше двух разных сторон"),
    ("not-mine", "Ваше учреждение должно быть одной из сторон договора."),
    ({"number": ""}, "Заполните это поле."),
    ("foreign-party", "Проверьте поля"),
])
def test_create_refuses_bad_input_in_russian(client, login_as, read, make, scene, changes, message):
    make.agreement(scene.network, [scene.school, scene.museum], number="7/2026")
    if changes == "one-party":
        changes = {"parties": [scene.school.id, scene.school.id]}
    elif changes == "not-mine":
        changes = {"parties": [scene.library.id, scene.museum.id]}
    elif changes == "foreign-party":
        changes = {"parties": [scene.school.id, scene.other_school.id]}
    login_as(scene.coordinator)
    response = post_form(client, "/n/net/agreements/new", _form(scene, **changes))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(db.func.count()).select_from(Agreement)) == 1


def test_number_is_unique_per_network(client, login_as, make, scene):
    make.agreement(scene.network, [scene.school, scene.museum], number="12/2026")
    make.agreement(scene.other_network, [scene.other_school, make.institution("Другой")], number="13/2026")
    login_as(scene.coordinator)
    response = post_form(client, "/n/net/agreements/new", _form(scene))
    assert response.status_code == 422 and "Договор с таким номером в сети уже есть." in response.get_data(as_text=True)
    assert post_form(client, "/n/net/agreements/new", _form(scene, number="13/2026")).status_code == 302


def test_teacher_and_non_party_cannot_edit(client, login_as, make, scene):
    agreement = make.agreement(scene.network, [scene.school, scene.library], published=True)
    login_as(scene.teacher)
    assert client.get(f"/n/net/agreements/{agreement.id}/edit").status_code == 403
    assert client.get("/n/net/agreements/new").status_code == 403
    other = client.application.test_client()
    login(other, scene.museum_coordinator.email)
    assert other.get(f"/n/net/agreements/{agreement.id}/edit").status_code == 404


def test_edit_keeps_a_concurrent_change(client, login_as, read, make, scene):
    agreement = make.agreement(scene.network, [scene.school, scene.library], number="1/2026")
    login_as(scene.coordinator)
    url = f"/n/net/agreements/{agreement.id}/edit"
    response = post_form(client, url, _form(scene, number="1/2026", title="Новое название", version="99"))
    assert response.status_code == 409 and "только что изменил другой пользователь" in response.get_data(as_text=True)
    response = post_form(client, url, _form(scene, number="1/2026", title="Новое название", version="1",
                                            parties=[scene.school.id, scene.library.id, scene.museum.id]))
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(Agreement.title)) == "Новое название"
        assert db.session.scalar(select(db.func.count()).select_from(AgreementParty)) == 3


def test_obligations_added_edited_and_deleted_in_place(client, login_as, read, make, scene):
    agreement = make.agreement(scene.network, [scene.school, scene.library])
    party = agreement.party_rows[1]
    login_as(scene.coordinator)
    page = f"/n/net/agreements/{agreement.id}"
    add = f"{page}/parties/{party.id}/obligations"
    target = {**HX, "HX-Target": f"party-{party.id}-obligations"}
    response = post_form(client, add, {f"p{party.id}-text": "", f"p{party.id}-term": ""}, page_url=page, headers=target)
    assert response.status_code == 422 and "Заполните это поле." in response.get_data(as_text=True)
    response = post_form(client, add, {f"p{party.id}-text": "Проводит библиотечные уроки",
                                       f"p{party.id}-term": "октябрь"}, page_url=page, headers=target)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Проводит библиотечные уроки" in body and "<html" not in body
    with read():
        obligation = db.session.scalar(select(Obligation))
        assert (obligation.party_id, obligation.term) == (party.id, "октябрь")
    edit = f"{page}/obligations/{obligation.id}"
    form = client.get(edit, headers={**HX, "HX-Target": f"obligation-{obligation.id}"}).get_data(as_text=True)
    assert "<html" not in form and f'o{obligation.id}-text' in form
    response = post_form(client, edit, {f"o{obligation.id}-text": "Проводит уроки в библиотеке",
                                        f"o{obligation.id}-term": "ноябрь", f"o{obligation.id}-version": "1"},
                         page_url=page, headers={**HX, "HX-Target": f"obligation-{obligation.id}"})
    assert response.status_code == 200 and "Проводит уроки в библиотеке" in response.get_data(as_text=True)
    stale = post_form(client, edit, {f"o{obligation.id}-text": "Старое", f"o{obligation.id}-version": "1"},
                      page_url=page, headers={**HX, "HX-Target": f"obligation-{obligation.id}"})
    assert stale.status_code == 409 and "Проводит уроки в библиотеке" in stale.get_data(as_text=True)
    assert "Удалить обязательство?" in client.get(f"{edit}/delete").get_data(as_text=True)
    assert post_form(client, f"{edit}/delete", {}, page_url=page, headers=HX).get_data(as_text=True) == ""
    with read():
        assert db.session.scalar(select(Obligation)) is None
        assert db.session.scalar(select(db.func.count()).select_from(NetworkAuditEntry)
                                 .where(NetworkAuditEntry.network_id == scene.network.id)) >= 3


def test_signing_flow_records_who_and_when(app, client, login_as, read, make, scene):
    agreement = make.agreement(scene.network, [scene.school, scene.library],
                               obligations={scene.school: ["Предоставляет кабинет"]})
    page = f"/n/net/agreements/{agreement.id}"
    login_as(scene.coordinator)
    assert post_form(client, f"{page}/submit", {}, page_url=page).status_code == 302
    with read():
        assert db.session.scalar(select(Agreement.status)) is AgreementStatus.SIGNING
    assert client.get(f"{page}/edit").status_code == 403  # locked while on signing
    assert post_form(client, f"{page}/accept", {}, page_url=page).status_code == 403  # only the admin accepts
    admin = app.test_client()
    login(admin, scene.admin.email)
    assert "Принять" in admin.get(page).get_data(as_text=True)
    # one click on «Принять» only asks: the acceptance binds the institution
    assert post_form(admin, f"{page}/accept", {}, page_url=page).location.endswith(f"{page}/accept")
    confirm = admin.get(f"{page}/accept").get_data(as_text=True)
    assert "Принять договор?" in confirm and "юридически значимое действие" in confirm
    with read():
        assert not any(db.session.scalars(select(AgreementParty.accepted_at)))
    assert post_form(admin, f"{page}/accept", {"confirmed": "yes"}, page_url=page).status_code == 302
    assert "Ждём остальные стороны" in admin.get(page).get_data(as_text=True)
    assert post_form(admin, f"{page}/accept", {"confirmed": "yes"}, page_url=page).status_code == 403  # accepted once
    library = app.test_client()
    login(library, scene.library_admin.email)
    assert post_form(library, f"{page}/accept", {"confirmed": "yes"}, page_url=page).status_code == 302
    text = library.get(page).get_data(as_text=True)
    assert "вступил в силу" in text and "Действует" in text
    assert "Иванова Анна Петровна" in text and "Петрова Ольга Ивановна" in text
    with read():
        stored = db.session.scalar(select(Agreement))
        assert stored.status is AgreementStatus.ACTIVE and stored.activated_at is not None
        accepted = db.session.execute(select(AgreementParty.accepted_by_id, AgreementParty.accepted_at)).all()
        assert {row.accepted_by_id for row in accepted} == {scene.admin.id, scene.library_admin.id}
        assert all(row.accepted_at for row in accepted)
    # an active agreement is locked except for termination (with a reason)
    party = agreement.party_rows[0]
    assert post_form(library, f"{page}/parties/{party.id}/obligations", {f"p{party.id}-text": "x"},
                     page_url=page).status_code == 403
    response = post_form(library, f"{page}/terminate", {"reason": "", "terminated_on": "2026-12-01"})
    assert response.status_code == 422 and "Заполните это поле." in response.get_data(as_text=True)
    response = post_form(library, f"{page}/terminate", {"reason": "Реорганизация библиотеки",
                                                         "terminated_on": "2026-12-01"})
    assert response.status_code == 302
    assert "Реорганизация библиотеки" in library.get(page).get_data(as_text=True)


def test_submit_needs_obligations_and_return_withdraws_acceptances(client, login_as, read, make, scene):
    agreement = make.agreement(scene.network, [scene.school, scene.library])
    page = f"/n/net/agreements/{agreement.id}"
    login_as(scene.admin)
    post_form(client, f"{page}/submit", {}, page_url=page)
    assert "Впишите обязательства сторон" in client.get(page).get_data(as_text=True)
    signing = make.agreement(scene.network, [scene.school, scene.library], status="signing",
                             accepted_by={scene.library: scene.library_admin})
    page = f"/n/net/agreements/{signing.id}"
    assert post_form(client, f"{page}/return", {}, page_url=page).status_code == 302
    with read():
        assert db.session.get(Agreement, signing.id).status is AgreementStatus.DRAFT
        assert db.session.scalars(select(AgreementParty.accepted_at)
                                  .where(AgreementParty.agreement_id == signing.id)).all() == [None, None]


def test_expiry_is_computed_on_read(client, login_as, make, scene):
    ended = make.agreement(scene.network, [scene.school, scene.library], "Прошлогодний договор", status="active",
                           starts_on=local_today() - timedelta(days=400), ends_on=local_today() - timedelta(days=1))
    make.agreement(scene.network, [scene.school, scene.library], "Действующий договор", status="active")
    login_as(scene.coordinator)
    assert "Истёк" in client.get(f"/n/net/agreements/{ended.id}").get_data(as_text=True)
    expired = client.get("/n/net/agreements/?status=expired").get_data(as_text=True)
    active = client.get("/n/net/agreements/?status=active").get_data(as_text=True)
    assert "Прошлогодний договор" in expired and "Действующий договор" not in expired
    assert "Действующий договор" in active and "Прошлогодний договор" not in active


def test_list_filters_and_pages(app, client, login_as, make, scene):
    app.config["PAGE_SIZE"] = 3
    for n in range(5):
        make.agreement(scene.network, [scene.school, scene.library], f"Договор с библиотекой {n}")
    make.agreement(scene.network, [scene.school, scene.museum], "Договор с музеем", kind="joint_activity")
    login_as(scene.coordinator)
    first = client.get("/n/net/agreements/").get_data(as_text=True)
    assert "Страница 1 из 2" in first
    museum = client.get(f"/n/net/agreements/?party={scene.museum.id}").get_data(as_text=True)
    assert "Договор с музеем" in museum and "Договор с библиотекой" not in museum
    joint = client.get("/n/net/agreements/?kind=joint_activity", headers={**HX, "HX-Target": "agreement-list"})
    assert "Договор с музеем" in joint.get_data(as_text=True) and "<html" not in joint.get_data(as_text=True)
    assert "Под этот отбор договоров нет" in client.get("/n/net/agreements/?status=terminated").get_data(as_text=True)


def test_scan_upload_goes_through_the_checks(client, login_as, read, make, scene):
    import io
    agreement = make.agreement(scene.network, [scene.school, scene.library], status="active")
    page = f"/n/net/agreements/{agreement.id}"
    login_as(scene.coordinator)
    bad = post_form(client, f"{page}/files", {"file": (io.BytesIO(b"MZ\x90 not a scan"), "scan.pdf")}, page_url=page,
                    content_type="multipart/form-data")
    assert bad.status_code == 422 and "сканы в PDF" in bad.get_data(as_text=True)
    good = post_form(client, f"{page}/files", {"file": (io.BytesIO(b"%PDF-1.4 signed"), "договор.pdf")},
                     page_url=page, content_type="multipart/form-data")
    assert good.status_code == 302
    assert "договор.pdf" in client.get(page).get_data(as_text=True)


def test_links_to_plan_sections_projects_and_programmes(client, login_as, read, make, scene):
    from workspace.agreements.models import AgreementLink
    plan = make.plan(scene.network, 2026, title="План")
    section = make.section(plan, "План мероприятий с МИБС", scene.library)
    project = make.project(scene.network, scene.school, "Читающая школа")
    programme = make.programme(scene.network, scene.library, "Юный библиограф")
    foreign = make.section(make.plan(scene.other_network, 2026), "Чужой раздел")
    foreign_project = make.project(scene.other_network, scene.other_school, "Чужой проект")
    agreement = make.agreement(scene.network, [scene.school, scene.library])
    page = f"/n/net/agreements/{agreement.id}"
    login_as(scene.coordinator)
    shown = client.get(page).get_data(as_text=True)
    assert "Читающая школа" in shown and "Юный библиограф" in shown and "Чужой проект" not in shown
    for bad in (f"plan_section:{foreign.id}", f"project:{foreign_project.id}", "plan_section:999999",
                f"unknown:{section.id}", "x", ""):
        assert post_form(client, f"{page}/links", {"target": bad}, page_url=page).status_code == 422
    for target in (f"plan_section:{section.id}", f"project:{project.id}", f"programme:{programme.id}"):
        assert post_form(client, f"{page}/links", {"target": target}, page_url=page).status_code == 302
    body = client.get(page).get_data(as_text=True)
    assert "План мероприятий с МИБС" in body and f"/n/net/projects/{project.id}" in body
    assert f"/n/net/programmes/{programme.id}" in body
    with read():
        links = db.session.execute(select(AgreementLink.target_kind, AgreementLink.target_id)
                                   .order_by(AgreementLink.id)).all()
        assert [tuple(row) for row in links] == [("plan_section", section.id), ("project", project.id),
                                                 ("programme", programme.id)]
        first = db.session.scalar(select(AgreementLink.id).order_by(AgreementLink.id))
    assert post_form(client, f"{page}/links/{first}/delete", {}, page_url=page).status_code == 302


def test_links_offer_no_draft_programme_of_another_institution(app, client, login_as, make, scene):
    """An unpublished programme is its provider's draft: the school's coordinator is not offered its title as a
    link target, and may not link it (found by the content walk, tests/tenancy/test_content_walk.py)."""
    draft = make.programme(scene.network, scene.library, "Черновик библиотеки", published=False)
    published = make.programme(scene.network, scene.library, "Юный библиограф")
    agreement = make.agreement(scene.network, [scene.school, scene.library])
    page = f"/n/net/agreements/{agreement.id}"
    login_as(scene.coordinator)
    shown = client.get(page).get_data(as_text=True)
    assert "Юный библиограф" in shown and "Черновик библиотеки" not in shown
    assert post_form(client, f"{page}/links", {"target": f"programme:{draft.id}"}, page_url=page).status_code == 422
    assert post_form(client, f"{page}/links", {"target": f"programme:{published.id}"},
                     page_url=page).status_code == 302
    from tests.conftest import login
    provider = app.test_client()
    login(provider, scene.library_coordinator.email)
    assert "Черновик библиотеки" in provider.get(page).get_data(as_text=True)  # the provider's own draft


def test_print_page_and_docx(client, login_as, make, scene):
    import io

    from docx import Document
    agreement = make.agreement(scene.network, [scene.school, scene.library], number="5/2026", status="active",
                               obligations={scene.library: ["Организует выставки"]})
    login_as(scene.coordinator)
    assert "Организует выставки" in client.get(f"/n/net/agreements/{agreement.id}/print").get_data(as_text=True)
    response = client.get(f"/n/net/agreements/{agreement.id}/agreement.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    assert "ДОГОВОР № 5/2026" in text and "Организует выставки" in text


def test_desk_reminds_of_ending_and_awaiting(client, login_as, make, scene):
    make.agreement(scene.network, [scene.school, scene.library], "Скоро кончится", status="active",
                   ends_on=local_today() + timedelta(days=10))
    make.agreement(scene.network, [scene.school, scene.library], "Ещё долго", status="active")
    make.agreement(scene.network, [scene.school, scene.library], "Ждёт нас", status="signing",
                   accepted_by={scene.library: scene.library_admin})
    make.agreement(scene.network, [scene.school, scene.library], "Мы уже приняли", status="signing",
                   accepted_by={scene.school: scene.admin})
    login_as(scene.admin)
    desk = client.get("/i/sosh31/").get_data(as_text=True)
    assert "Скоро кончится" in desk and "Ждёт нас" in desk
    assert "Ещё долго" not in desk and "Мы уже приняли" not in desk
    teacher = client.application.test_client()
    login(teacher, scene.teacher.email)
    assert "Скоро кончится" not in teacher.get("/i/sosh31/").get_data(as_text=True)


def test_obligations_keep_their_order_and_move(client, login_as, read, make, scene):
    agreement = make.agreement(scene.network, [scene.school, scene.library],
                               obligations={scene.school: ["Первое", "Второе", "Третье"]})
    page = f"/n/net/agreements/{agreement.id}"
    login_as(scene.coordinator)
    text = client.get(page).get_data(as_text=True)
    assert text.index("Первое") < text.index("Второе") < text.index("Третье")
    third = agreement.obligation_ids[2]
    assert post_form(client, f"{page}/obligations/{third}/move", {"direction": "up"}, page_url=page).status_code == 302
    text = client.get(page).get_data(as_text=True)
    assert text.index("Первое") < text.index("Третье") < text.index("Второе")
    assert post_form(client, f"{page}/obligations/{third}/move", {"direction": "sideways"},
                     page_url=page).status_code == 400


def test_two_heads_accepting_at_once_the_later_is_told_and_nothing_of_it_is_kept(app, client, read, make, scene):
    """The other party's acceptance lands between this request's read and its commit (the row's version moves):
    a 409 page in Russian, this acceptance not recorded, no 500."""
    from sqlalchemy import event, text
    from sqlalchemy.orm import Session
    agreement = make.agreement(scene.network, [scene.school, scene.library], status="signing",
                               obligations={scene.school: ["Предоставляет кабинет"]})
    page = f"/n/net/agreements/{agreement.id}"
    login(client, scene.admin.email)
    form_page = client.get(page)

    def the_other_head_accepts(session, _context, _instances):
        if any(isinstance(changed, AgreementParty) for changed in session.dirty):
            session.connection().execute(text("UPDATE agreements SET version = version + 1 WHERE id = :id"),
                                         {"id": agreement.id})

    event.listen(Session, "before_flush", the_other_head_accepts)
    try:
        response = post_form(client, f"{page}/accept", {"confirmed": "yes"}, page_url=page)
    finally:
        event.remove(Session, "before_flush", the_other_head_accepts)
    assert response.status_code == 409, response.status_code
    assert "изменил другой пользователь" in response.get_data(as_text=True)
    assert form_page.status_code == 200
    with read():
        assert db.session.scalar(select(AgreementParty.accepted_at).where(
            AgreementParty.institution_id == scene.school.id)) is None
