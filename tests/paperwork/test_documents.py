"""The network's documents through HTTP: who may generate each, what it says (its sections, the declined names
and positions, the numerals agreeing), and that the order's list of pupils reaches only the school itself."""
from __future__ import annotations

import io

import pytest
from docx import Document

from tests.conftest import login, shared_world
from tests.paperwork.world import build
from workspace.core.dates import local_today

pytestmark = pytest.mark.shared_world
world = shared_world(build)

BASE = "/n/kultura/documents"


def _text(response) -> str:
    """Every paragraph and every table cell of a .docx (no-break spaces read as spaces)."""
    document = Document(io.BytesIO(response.data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells).replace("\u00a0", " ")


def _as(client, world, key: str):
    """The test's client, logged in as the user ``key`` (a fresh client of the same app for each person)."""
    client = client.application.test_client()
    login(client, world.users[key].email)
    return client


def _order_url(world, school=None, **args) -> str:
    school = school or world.school
    query = "&".join(f"{name}={value}" for name, value in args.items())
    return f"{BASE}/schools/{school.id}/order.docx" + (f"?{query}" if query else "")


def _agreement_url(world, programme=None, school=None, suffix=".docx") -> str:
    programme, school = programme or world.robotics, school or world.school
    return f"{BASE}/programmes/{programme.id}/schools/{school.id}/agreement{suffix}"


# --- the list ------------------------------------------------------------------------------------------------------

def test_the_list_offers_each_role_what_it_may_generate(client, world):
    page = _as(client, world, "deputy").get(f"{BASE}/").get_data(as_text=True)
    assert "Положение о сетевом взаимодействии" in page and "Подготовить приказ" in page
    assert f"{BASE}/schools/{world.school.id}/order" in page
    assert "Робототехника" in page and "Шахматы" in page and "Подготовить договор" in page
    assert _agreement_url(world, school=world.other_school, suffix="") not in page  # another school's pair

    provider = _as(client, world, "provider_coordinator").get(f"{BASE}/").get_data(as_text=True)
    assert "Подготовить приказ" not in provider  # a centre of supplementary education has no order of its own
    assert _agreement_url(world, suffix="") in provider
    assert _agreement_url(world, school=world.other_school, suffix="") in provider  # the other school sent pupils

    teacher = _as(client, world, "methodist").get(f"{BASE}/")
    assert teacher.status_code == 200
    body = teacher.get_data(as_text=True)
    assert "Подготовить" not in body and "готовят руководители и координаторы" in body
    assert "Документы" in body  # the menu leads here


# --- the regulation ------------------------------------------------------------------------------------------------

def test_the_regulation_is_made_of_the_networks_settings(client, world):
    response = _as(client, world, "deputy").get(f"{BASE}/regulation.docx?number=5-П&signed_on=2026-08-30")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    text = _text(response)
    for section in ("1. Общие положения", "2. Цель и задачи сетевого взаимодействия", "3. Участники сетевого взаимодействия",
                    "4. Координационный совет Сети", "5. Порядок планирования, утверждения и отчётности",
                    "6. Заключительные положения"):
        assert section in text, section
    assert "УТВЕРЖДАЮ" in text and "Директор МБОУ СОШ № 8" in text and "И.И. Иванов" in text
    assert "ПОЛОЖЕНИЕ" in text and "30.08.2026\t№ 5-П" in text and "г. Энск" in text
    assert "Федеральный закон от 29.12.2012 № 273-ФЗ" in text and "статья 15" in text
    assert "приказ от 28.08.2026 № 45-о «Порядок зачисления на сетевые программы»" in text  # the register
    assert "2.1. Цель: создание единого образовательного пространства." in text
    assert "2.2.1. Расширить доступ учащихся к программам дополнительного образования." in text
    assert "Участниками Сети являются 4 организации" in text
    assert "Центр детского творчества „Радуга“»" in text  # quotes inside quotes
    assert "Сетевые программы; Мастер-классы" in text and "социальный партнёр" in text
    assert "Совет состоит из 5 членов: председатель Совета, секретарь Совета, 3 члена Совета." in text
    assert "Родительская общественность" in text and "Грищенко" not in text  # composition by role, no names
    assert "при нынешнем составе из 5 членов — не менее 3 членов" in text
    assert "более половины голосов членов Совета" in text and "при равенстве голосов решение не принимается" in text
    assert "не позднее 7 дней после его окончания" in text
    assert "Иванова Ольга" not in text and "Алексеев" not in text  # no staff or pupils in the regulation


def test_the_regulation_follows_the_councils_rules(app, client, world, make):
    from tenants.scoping import unscoped
    from workspace.council.models import CouncilRules, MajorityRule, QuorumRule
    from workspace.extensions import db
    with app.app_context(), unscoped():
        db.session.add(CouncilRules(network_id=world.network.id, quorum=QuorumRule.TWO_THIRDS,
                                    majority=MajorityRule.TWO_THIRDS_OF_CAST))
        db.session.commit()
    text = _text(_as(client, world, "director").get(f"{BASE}/regulation.docx"))
    assert "не менее двух третей членов Совета (при нынешнем составе из 5 членов — не менее 4 членов)" in text
    assert "не менее двух третей голосов" in text


@pytest.mark.parametrize("key, status", [("director", 200), ("deputy", 200), ("provider_coordinator", 200),
                                         ("other_head", 200), ("methodist", 403), ("staff", 403),
                                         ("provider_teacher", 403), ("parent", 403)])
def test_who_prepares_the_regulation(client, world, key, status):
    client = _as(client, world, key)
    assert client.get(f"{BASE}/regulation").status_code == status
    assert client.get(f"{BASE}/regulation.docx").status_code == status


def test_the_regulation_page_previews_the_requisites_and_refuses_a_bad_date(client, world):
    client = _as(client, world, "deputy")
    page = client.get(f"{BASE}/regulation?number=7&signed_on=2026-09-01")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "01.09.2026 № 7" in body and "УТВЕРЖДАЮ Директор МБОУ СОШ № 8" in body
    assert "regulation.docx?number=7&amp;signed_on=2026-09-01" in body
    for url in (f"{BASE}/regulation?signed_on=2026-02-31", f"{BASE}/regulation.docx?signed_on=31.12"):
        bad = client.get(url)
        assert bad.status_code == 422 and bad.mimetype == "text/html"
        assert "Исправьте реквизиты" in bad.get_data(as_text=True) and "Скачать (Word)" not in bad.get_data(as_text=True)
    long = client.get(f"{BASE}/regulation?signed_on=2026-09-01&number={'1' * 51}")
    assert long.status_code == 422 and "Не длиннее 50 символов." in long.get_data(as_text=True)


# --- the director's order ------------------------------------------------------------------------------------------

def test_the_order_lists_the_schools_enrolled_pupils_per_programme(client, world):
    users = world.users
    response = _as(client, world, "deputy").get(_order_url(
        world, number="12-о", signed_on="2026-09-02", responsible_id=users["deputy"].id,
        signatory_id=users["director"].id, controller_id=users["deputy"].id))
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    assert "%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7" in response.headers["Content-Disposition"]  # «Приказ …»
    text = _text(response)
    assert "ПРИКАЗ" in text and "02.09.2026\t№ 12-о" in text and "г. Энск" in text
    assert "Об организации обучения учащихся с помощью сетевого взаимодействия" in text
    assert "ПРИКАЗЫВАЮ:" in text and "в 2026/2027 учебном году" in text
    assert "Федеральным законом от 29.12.2012" in text and "приказом Минобрнауки России" in text
    assert "(2 программы, всего 24 обучающихся)" in text
    assert "«Робототехника» (техническая направленность, 68 часов), организация — ЦДО «Радуга»: 21 обучающийся." in text
    assert "«Шахматы» (физкультурно-спортивная направленность, 34 часа), организация — ЦДО «Радуга»: 3 обучающихся." in text
    document = Document(io.BytesIO(response.data))
    robotics, chess = document.tables
    assert [cell.text for cell in robotics.rows[1].cells] == ["1", "Алексеев Иван Петрович", "5А"]
    assert len(robotics.rows) == 22 and len(chess.rows) == 4
    assert "Харитонов Иван Петрович" in text and "Борисова Анна Сергеевна" in text
    assert "Ожидающий" not in text and "Чужаков" not in text  # the waiting list and the other school's pupil
    assert ("Назначить ответственным за организацию обучения учащихся с помощью сетевого взаимодействия заместителя "
            "директора по учебно-воспитательной работе Иванову Ольгу Петровну.") in text
    assert "Ивановой О.П.:" in text
    assert ("Контроль за исполнением настоящего приказа возложить на заместителя директора по учебно-воспитательной "
            "работе Иванову Ольгу Петровну.") in text
    assert "Директор\tИ.И. Иванов" in text and "С приказом ознакомлены:" in text


def test_the_order_by_default_is_signed_by_the_director_who_keeps_the_control(client, world):
    client = _as(client, world, "deputy")
    page = client.get(f"{BASE}/schools/{world.school.id}/order").get_data(as_text=True)
    assert "Назначить ответственным заместителя директора по учебно-воспитательной работе Иванову Ольгу Петровну" in page
    assert "Директор Иванов Иван Иванович" in page and "2 программы, 24 обучающихся" in page
    text = _text(client.get(_order_url(world)))
    assert "Контроль за исполнением настоящего приказа оставляю за собой." in text
    assert f"{local_today():%d.%m.%Y}\t№ _______" in text


def test_what_the_address_leaves_out_is_the_default(client, world):
    text = _text(_as(client, world, "deputy").get(_order_url(world, number="7")))
    assert "№ 7" in text and "Иванову Ольгу Петровну" in text and "оставляю за собой" in text


def test_the_order_declines_another_responsible_and_controller(client, world):
    users = world.users
    text = _text(_as(client, world, "director").get(_order_url(
        world, signed_on="2026-09-02", responsible_id=users["methodist"].id, signatory_id=users["director"].id,
        controller_id=users["deputy"].id)))
    assert "сетевого взаимодействия учителя информатики Шевчука Тараса Григорьевича." in text
    assert "Шевчуку Т.Г.:" in text


@pytest.mark.parametrize("key, status", [("director", 200), ("deputy", 200), ("methodist", 403), ("staff", 403),
                                         # another school and the provider of the pupils' programmes: foreign
                                         ("other_head", 404), ("other_coordinator", 404), ("provider_head", 404),
                                         ("provider_coordinator", 404), ("provider_teacher", 404), ("parent", 404),
                                         ("library", 404)])
def test_only_the_schools_admin_and_coordinator_read_its_order(client, world, key, status):
    client = _as(client, world, key)
    for suffix in ("", ".docx"):
        response = client.get(f"{BASE}/schools/{world.school.id}/order{suffix}")
        assert response.status_code == status, suffix
        if status != 200:
            assert "Алексеев" not in response.get_data(as_text=True)


def test_another_schools_order_lists_only_its_own_pupils(client, world):
    text = _text(_as(client, world, "other_coordinator").get(_order_url(world, school=world.other_school)))
    assert "Чужаков Семён Петрович" in text and "1 обучающийся" in text
    assert "Алексеев" not in text and "Шахматы" not in text


def test_the_order_refuses_people_who_are_not_the_schools_staff(client, world):
    users = world.users
    client = _as(client, world, "deputy")
    good = {"signed_on": "2026-09-02", "responsible_id": users["deputy"].id, "signatory_id": users["director"].id,
            "controller_id": 0}
    for field, bad in (("responsible_id", users["other_head"].id), ("responsible_id", users["provider_teacher"].id),
                       ("signatory_id", users["parent"].id), ("controller_id", 999999), ("responsible_id", "x"),
                       ("signed_on", "2026-13-01")):
        for suffix in ("", ".docx"):
            response = client.get(f"{BASE}/schools/{world.school.id}/order{suffix}",
                                  query_string={**good, field: bad})
            assert response.status_code == 422, (field, bad, suffix)
            body = response.get_data(as_text=True)
            assert response.mimetype == "text/html" and "Исправьте реквизиты" in body
            assert ("Выберите сотрудника школы из списка." if field != "signed_on" else "Неверное значение даты.") in body
            assert world.users["other_head"].full_name not in body  # a foreign user is never offered


# --- the agreement on the network form ----------------------------------------------------------------------------

def test_the_agreement_is_made_of_its_record(client, world):
    response = _as(client, world, "provider_head").get(_agreement_url(world))
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    text = _text(response)
    assert "ДОГОВОР № СФ-7" in text and "о сетевой форме реализации образовательной программы" in text
    assert "в лице директора Иванова Ивана Ивановича, действующего на основании Устава" in text
    assert "в лице директора Римской-Корсаковой Анны Сергеевны, действующей на основании Устава" in text
    assert "статьёй 15 Федерального закона от 29.12.2012 № 273-ФЗ" in text
    for section in ("1. Предмет договора", "2. Ресурсы Сторон, используемые при реализации Программы",
                    "3. Статус обучающихся", "4. Условия и порядок осуществления образовательной деятельности",
                    "5. Документ, выдаваемый по итогам освоения Программы", "6. Срок действия договора",
                    "7. Права и обязанности Сторон", "8. Ответственность Сторон",
                    "9. Порядок изменения и прекращения договора", "10. Реквизиты и подписи Сторон"):
        assert section in text, section
    assert "дополнительную общеобразовательную общеразвивающую программу «Робототехника»" in text
    assert "направленность — техническая; объём — 68 часов; для обучающихся 5–9 классов" in text
    assert "на дату заключения договора — 21 обучающийся." in text
    assert "педагогических работников, реализующих Программу (1 педагог)" in text and "каб. 12" in text
    assert "являются обучающимися Школы" in text and "участниками образовательной деятельности Организации" in text
    assert "сертификат об обучении" in text and "справку об обучении" in text
    assert "с 01.09.2026 и действует до 30.06.2027" in text  # the record's term
    assert "предоставить наборы LEGO Education (в течение года)" in text  # the record's obligation
    assert "И.И. Иванов" in text and "А.С. Римская-Корсакова" in text and "М.П." in text
    assert "Алексеев" not in text  # the agreement names no pupil


def test_without_a_record_the_agreement_is_made_of_the_programme(client, world):
    client = _as(client, world, "deputy")
    page = client.get(_agreement_url(world, programme=world.chess, suffix=""))
    assert page.status_code == 200 and "договора в разделе «Договоры» нет" in page.get_data(as_text=True)
    text = _text(client.get(_agreement_url(world, programme=world.chess) + "?number=Д-9&signed_on=2026-08-25"))
    assert "ДОГОВОР № Д-9" in text and "25.08.2026" in text
    assert "объём — 34 часа" in text and "3 обучающихся" in text and "физкультурно-спортивная" in text
    assert "получившим «зачтено» на итоговой аттестации" in text
    assert "с 01.09.2026 и действует до 25.05.2027" in text  # the programme's dates


@pytest.mark.parametrize("key, status", [("director", 200), ("deputy", 200), ("provider_head", 200),
                                         ("provider_coordinator", 200), ("methodist", 403), ("staff", 403),
                                         ("provider_teacher", 403), ("other_head", 404), ("other_coordinator", 404),
                                         ("library", 404), ("parent", 404)])
def test_only_the_parties_prepare_their_agreement(client, world, key, status):
    client = _as(client, world, key)
    assert client.get(_agreement_url(world, suffix="")).status_code == status
    assert client.get(_agreement_url(world)).status_code == status


def test_an_agreement_needs_a_school_other_than_the_provider(client, world):
    client = _as(client, world, "provider_head")
    assert client.get(_agreement_url(world, school=world.provider)).status_code == 404
    assert client.get(f"{BASE}/programmes/{world.robotics.id}/schools/999999/agreement").status_code == 404
    assert client.get(f"{BASE}/programmes/999999/schools/{world.school.id}/agreement").status_code == 404


# --- the sheet --------------------------------------------------------------------------------------------------

def test_every_document_is_a4_with_the_margins_of_the_standard(client, world):
    client = _as(client, world, "deputy")
    for url, author in ((f"{BASE}/regulation.docx", world.school.full_name), (_order_url(world), world.school.full_name),
                        (_agreement_url(world), world.school.full_name)):
        document = Document(io.BytesIO(client.get(url).data))
        assert document.core_properties.author == author, url
        for section in document.sections:
            assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), url
            margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
            assert [round(margin.mm) for margin in margins] == [20, 10, 20, 30], url
