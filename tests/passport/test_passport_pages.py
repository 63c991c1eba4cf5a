"""The passport through HTTP: the empty state that invites the base, filling it in (defaults from the network),
bad input that changes nothing, stages, and who may write (the base's admin and coordinator) or only read."""
from __future__ import annotations

from sqlalchemy import func, select

from tests.conftest import post_form
from tests.council.test_approval_flow import _as
from tests.passport.helpers import PASSPORT_FORM, build, passport_url
from workspace.extensions import db
from workspace.passport.models import PassportGround, PassportStage, ProgrammePassport


def _count(read, model) -> int:
    with read():
        return db.session.scalar(select(func.count()).select_from(model))


def _fill(client, c, **changes):
    return post_form(client, passport_url(c, "edit"), {**PASSPORT_FORM, **changes})


def test_empty_state_invites_the_base_and_tells_the_others_who_fills_it(client, make):
    c = build(make)
    _as(client, c.coordinator)
    network_page = client.get(f"/n/{c.network.slug}/").get_data(as_text=True)
    assert f'href="/n/{c.network.slug}/passport/"' in network_page and "Паспорт программы" in network_page
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert "Паспорт программы ещё не заполнен." in page and "Заполнить паспорт программы" in page
    _as(client, c.librarian)
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert "ещё не заполнен" in page and "Заполнить паспорт программы" not in page
    assert "Его заполняет базовая организация сети" in page


def test_the_form_starts_from_the_network_and_saving_creates_the_passport_with_four_stages(client, make, read):
    c = build(make)
    _as(client, c.director)  # the base institution's admin
    form = client.get(passport_url(c, "edit")).get_data(as_text=True)
    assert "Культура рядом" in form and "Администрация Школа №31" in form
    assert "МБУ «МИБС»" in form and "О сетевом взаимодействии" in form  # executors; the register's document
    response = _fill(client, c, document_ids=[c.regulation.id])
    assert response.status_code == 302, response.get_data(as_text=True)
    with read():
        passport = db.session.scalar(select(ProgrammePassport))
        assert passport.network_id == c.network.id and passport.status.value == "draft"
        assert passport.developer == "Администрация МБОУ «СОШ №31»"
        stages = db.session.scalars(select(PassportStage.title).order_by(PassportStage.position)).all()
        assert stages == ["Подготовительный", "Организационный", "Практический (основной)", "Обобщающий"]
        assert db.session.scalar(select(PassportGround.document_id)) == c.regulation.id
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert "Паспорт программы создан с четырьмя этапами" in page
    assert "Положение от 28.08.2026 № 12 «О сетевом взаимодействии»" in page
    assert "с 01.09.2026 по 31.08.2029 (3 года), в 4 этапа:" in page
    assert "1. Организовать посещение театров" in page and "Для обучающихся:" in page
    assert "Не заполнено: сроки этапов." in page


def test_bad_input_is_refused_with_a_russian_message_and_changes_nothing(client, make, read):
    c = build(make)
    foreign = make.normative_document(make.network(make.institution("Чужая школа"), slug="other"), "Чужое положение")
    _as(client, c.coordinator)
    cases = [({"name": ""}, "Заполните это поле."),
             ({"ends_on": "2026-01-01"}, "Дата окончания раньше даты начала."),
             ({"starts_on": "2026-02-30"}, ""),
             ({"goal": "ц" * 4001}, "Не длиннее 4000 символов."),
             ({"document_ids": [foreign.id]}, "Такого документа нет в реестре нормативных документов сети."),
             ({"document_ids": ["x"]}, "Такого документа нет в реестре"),
             ({"document_ids": [999999]}, "Такого документа нет в реестре")]
    for changes, message in cases:
        response = _fill(client, c, **changes)
        assert response.status_code == 422, changes
        assert message in response.get_data(as_text=True), changes
    assert _count(read, ProgrammePassport) == 0 and _count(read, PassportGround) == 0
    assert _fill(client, c).status_code == 302
    stale = _fill(client, c, version="0", name="Другое название")  # the form of the first filling, sent again
    assert stale.status_code == 409 and "только что изменил другой пользователь" in stale.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(ProgrammePassport.name)) == "Культура рядом"


def test_edit_changes_the_text_and_the_grounds(client, make, read):
    c = build(make)
    make.passport(c.network, documents=(c.regulation,))
    _as(client, c.coordinator)
    form = client.get(passport_url(c, "edit")).get_data(as_text=True)
    assert 'checked' in form and 'name="version" type="hidden" value="1"' in form
    assert _fill(client, c, name="Культура рядом: 2026–2029", version="1").status_code == 302
    with read():
        assert db.session.scalar(select(ProgrammePassport.name)) == "Культура рядом: 2026–2029"
        assert db.session.scalar(select(func.count()).select_from(PassportGround)) == 0  # unticked: removed
    history = client.get(f"/n/{c.network.slug}/history?type=ProgrammePassport").get_data(as_text=True)
    assert "Паспорт программы" in history and "Основание для разработки" in history


def test_stages_are_added_dated_changed_moved_and_removed(client, make, read):
    c = build(make)
    make.passport(c.network, stages=(("Подготовительный", None, None, ""),
                                     ("Обобщающий", None, None, "")))
    _as(client, c.coordinator)
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert 'list="passport-stage-names"' in page and '<option value="Практический (основной)">' in page
    outside = post_form(client, passport_url(c, "stages"), {"title": "Практический", "starts_on": "2020-01-01"},
                        page_url=passport_url(c))
    assert outside.status_code == 422 and "Дата вне сроков программы (01.09.2025 — 31.08.2027)." in \
        outside.get_data(as_text=True)
    nameless = post_form(client, passport_url(c, "stages"), {"title": ""}, page_url=passport_url(c))
    assert nameless.status_code == 422 and "Заполните это поле." in nameless.get_data(as_text=True)
    assert _count(read, PassportStage) == 2
    added = post_form(client, passport_url(c, "stages"),
                      {"title": "Практический (основной)", "starts_on": "2026-01-10", "ends_on": "2027-05-31",
                       "content": "Реализация плана совместных мероприятий"}, page_url=passport_url(c))
    assert added.status_code == 302
    with read():
        stages = db.session.scalars(select(PassportStage).order_by(PassportStage.position)).all()
    assert [stage.title for stage in stages] == ["Подготовительный", "Обобщающий", "Практический (основной)"]
    moved = post_form(client, passport_url(c, f"stages/{stages[2].id}/move"), {"direction": "up"},
                      page_url=passport_url(c))
    assert moved.status_code == 302
    edit_url = passport_url(c, f"stages/{stages[0].id}/edit")
    assert post_form(client, edit_url, {"title": "Подготовительный", "starts_on": "2025-09-01",
                                        "ends_on": "2025-12-31", "content": "Анкетирование", "version": "1"}
                     ).status_code == 302
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert "Этап 1. Подготовительный (01.09.2025 — 31.12.2025):\nАнкетирование" in page
    assert "Этап 2. Практический (основной) (10.01.2026 — 31.05.2027)" in page and "в 3 этапа" in page
    shorter = {**PASSPORT_FORM, "starts_on": "2025-09-01", "ends_on": "2026-12-31", "version": "1"}
    assert post_form(client, passport_url(c, "edit"), shorter).status_code == 302
    assert "Вне сроков программы: «Практический (основной)»." in client.get(passport_url(c)).get_data(as_text=True)
    assert client.get(passport_url(c, f"stages/{stages[1].id}/delete")).status_code == 200  # asks first
    assert post_form(client, passport_url(c, f"stages/{stages[1].id}/delete"), {},
                     page_url=passport_url(c, f"stages/{stages[1].id}/delete")).status_code == 302
    assert _count(read, PassportStage) == 2


def test_a_partner_and_a_teacher_read_but_may_not_write(client, make, read):
    c = build(make)
    passport = make.passport(c.network, stages=(("Подготовительный", None, None, "Анкетирование"),))
    with read():
        stage_id = db.session.scalar(select(PassportStage.id))
    for user in (c.librarian, c.teacher, c.parent):
        _as(client, user)
        page = client.get(passport_url(c))
        assert page.status_code == 200
        body = page.get_data(as_text=True)
        assert "Анкетирование" in body and "Изменить паспорт" not in body and "Добавить этап" not in body
        assert "Отправить на утверждение" not in body
        assert client.get(passport_url(c, "print")).status_code == 200
        assert client.get(passport_url(c, "passport.docx")).status_code == 200
        assert client.get(passport_url(c, "edit")).status_code == 403
        assert post_form(client, passport_url(c, "edit"), {**PASSPORT_FORM, "version": "1"},
                         page_url=passport_url(c)).status_code == 403
        assert post_form(client, passport_url(c, "stages"), {"title": "Новый"}, page_url=passport_url(c)
                         ).status_code == 403
        assert client.get(passport_url(c, f"stages/{stage_id}/delete")).status_code == 403
        submit = f"/n/{c.network.slug}/council/approvals/passport/{passport.id}/submit"
        assert client.get(submit).status_code == 403
    assert _count(read, PassportStage) == 1
    with read():
        assert db.session.scalar(select(ProgrammePassport.version)) == 1


def test_the_global_search_finds_the_passport_of_ones_network_only(client, make):
    c = build(make)
    make.passport(c.network, name="Театральная программа", goal="Приобщение к театральной культуре")
    other = build(make, slug="chuzhaya")
    make.passport(other.network, name="Театральная чужая программа")
    _as(client, c.librarian)
    found = client.get(f"/i/{c.library.slug}/search?q=театральной").get_data(as_text=True)
    assert "Театральная программа" in found and f'href="/n/{c.network.slug}/passport/"' in found
    assert "чужая" not in found
