"""Plan import through HTTP: the real files as they are, preview, save whole; export and back."""
from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tenants.models import Network
from tests.conftest import csrf_token_from
from workspace.extensions import db
from workspace.plans.models import PlanImport, PlanItem, PlanItemInstitution, PlanSection

FIXTURES = Path(__file__).parent / "fixtures"


def _network(make, start_year: int):
    school = make.institution("МБОУ «СОШ №31»", slug="s31")
    library = make.institution("МБУ «МИБС»", kind="library", slug="mibs",
                               full_name="Муниципальное бюджетное учреждение «Муниципальная информационно-"
                                         "библиотечная система» г. Новокузнецка")
    network = make.network(school, name="Культура", slug="kultura")
    make.member(network, library, "social_partner")
    plan = make.plan(network, start_year)
    coordinator = make.user(school, "coordinator")
    return school, library, plan, coordinator


def _upload(client, plan, data: bytes, name="plan.xlsx"):
    url = f"/n/kultura/plans/{plan.id}/import"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(data), filename=name)})
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _form_of(html: str) -> dict:
    """The preview form as a browser would send it back."""
    data = dict(re.findall(r'<input type="(?:hidden|text)"[^>]*name="([^"]+)" value="([^"]*)"', html))
    data.update({name: value for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html)})
    import html as html_module
    return {name: html_module.unescape(value) for name, value in data.items()}


def _import(client, plan, data: bytes) -> str:
    response = _upload(client, plan, data)
    assert response.status_code == 302, response.get_data(as_text=True)
    preview = client.get(response.location)
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    form = _form_of(html)
    form["action"] = "save"
    saved = client.post(response.location, data=form)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    return html


def test_library_plan_imports_as_it_is(client, make, login_as, read):
    _school, library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    html = _import(client, plan, (FIXTURES / "plan_library_2019-2020.xlsx").read_bytes())
    assert "С ошибками: 0" in html and "не прочитаны" not in html
    with read():
        items = db.session.scalars(select(PlanItem).order_by(PlanItem.position)).all()
        sections = db.session.scalars(select(PlanSection)).all()
        links = db.session.scalar(select(func.count()).select_from(PlanItemInstitution))
        drafts = db.session.scalar(select(func.count()).select_from(PlanImport))
    assert len(items) == 12 and all(item.timing_is_read for item in items)
    assert len(sections) == 1 and sections[0].partner_institution_id == library.id
    assert sections[0].title.startswith("План мероприятий с Муниципальным")
    by_number = {item.number: item for item in items}
    assert (by_number["1"].starts_on, by_number["1"].ends_on) == (date(2019, 9, 1), date(2019, 9, 30))
    assert (by_number["5"].starts_on, by_number["5"].ends_on) == (date(2019, 11, 22), date(2019, 11, 24))
    assert (by_number["8"].starts_on, by_number["8"].ends_on) == (date(2020, 1, 1), date(2020, 1, 31))
    assert (by_number["12"].starts_on, by_number["12"].ends_on) == (date(2019, 9, 1), date(2020, 8, 31))
    assert (by_number["2"].grade_from, by_number["2"].grade_to) == (5, 11)
    assert by_number["5"].audience and (by_number["5"].grade_from, by_number["5"].grade_to) == (1, 6)
    assert links == 12  # every row names МБУ «МИБС» among the responsible
    assert drafts == 0


def test_roadmap_imports_as_it_is(client, make, login_as, read):
    _school, _library, plan, coordinator = _network(make, 2023)
    login_as(coordinator)
    _import(client, plan, (FIXTURES / "roadmap_ddut_2023-2024.xlsx").read_bytes())
    with read():
        items = {item.number: item for item in db.session.scalars(select(PlanItem))}
    assert len(items) == 10 and all(item.timing_is_read for item in items.values())
    assert (items["1."].starts_on, items["1."].ends_on) == (date(2023, 9, 1), date(2023, 10, 31))
    assert (items["3."].starts_on, items["3."].ends_on) == (date(2023, 9, 1), date(2023, 9, 30))
    assert items["10"].ends_on == date(2024, 5, 31)
    assert items["9."].report_form.startswith("Отчет, заключение")


def test_preview_saves_nothing_until_confirmed_and_can_be_fixed(client, make, login_as, read):
    _school, _library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    response = _upload(client, plan, (FIXTURES / "plan_library_2019-2020.xlsx").read_bytes())
    html = client.get(response.location).get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == 0
    form = _form_of(html)
    form["row-0-timing"] = "когда-нибудь"
    form["row-1-title"] = ""
    form["action"] = "save"
    refused = client.post(response.location, data=form)
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "нет названия мероприятия" in text and "сроки «когда-нибудь» не прочитаны" in text
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == 0
    form["row-1-title"] = "Исправленное название"
    assert client.post(response.location, data=form).status_code == 302
    with read():
        kept = db.session.scalar(select(PlanItem).where(PlanItem.timing == "когда-нибудь"))
        assert kept is not None and not kept.timing_is_read and kept.starts_on is None


def test_broken_and_foreign_files_get_a_message(client, make, login_as, read):
    _school, _library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    for data, text in ((b"not excel at all", "Это не файл Excel"),
                       ((FIXTURES / "plan_library_2019-2020.xlsx").read_bytes()[:500], "Файл повреждён")):
        response = _upload(client, plan, data)
        assert response.status_code == 422 and text in response.get_data(as_text=True)
    from tests.fixtures.hostile import valid_xlsx
    response = _upload(client, plan, valid_xlsx([["Имя", "Телефон"], ["Кто-то", "1"]]))
    preview = client.get(response.location)
    assert preview.status_code == 422
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == 0


def test_partner_cannot_import(client, make, login_as):
    _school, library, plan, _coordinator = _network(make, 2019)
    login_as(make.user(library, "coordinator"))
    assert client.get(f"/n/kultura/plans/{plan.id}/import").status_code == 403


def test_exported_plan_imports_back_the_same(client, make, login_as, read):
    school, library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    _import(client, plan, (FIXTURES / "plan_library_2019-2020.xlsx").read_bytes())
    exported = client.get(f"/n/kultura/plans/{plan.id}/export.xlsx")
    assert exported.status_code == 200
    with read():
        before = [(i.number, i.title, i.audience, i.timing, i.starts_on, i.ends_on, i.responsible, i.report_form)
                  for i in db.session.scalars(select(PlanItem).order_by(PlanItem.position))]
        section_titles = [s.title for s in db.session.scalars(select(PlanSection))]
    # The exported file imported into the network's plan of the next year: the same rows come back
    # (their dates move to that year, everything typed is identical).
    with read():
        network = db.session.scalar(select(Network).where(Network.slug == "kultura"))
    second = make.plan(network, 2020)
    _import_into_year(client, second, exported.data)
    with read():
        after = [(i.number, i.title, i.audience, i.timing, i.starts_on, i.ends_on, i.responsible, i.report_form)
                 for i in db.session.scalars(select(PlanItem).where(PlanItem.plan_id == second.id)
                                             .order_by(PlanItem.position))]
        second_titles = [s.title for s in db.session.scalars(select(PlanSection).where(PlanSection.plan_id == second.id))]
    assert second_titles == section_titles
    assert [row[:4] + row[6:] for row in after] == [row[:4] + row[6:] for row in before]
    assert [(row[4].replace(year=row[4].year + 1), row[5].replace(year=row[5].year + 1)) for row in before] == \
        [(row[4], row[5]) for row in after]


def _import_into_year(client, plan, data):
    response = _upload(client, plan, data)
    assert response.status_code == 302
    html = client.get(response.location).get_data(as_text=True)
    form = _form_of(html)
    form["action"] = "save"
    assert client.post(response.location, data=form).status_code == 302


def test_upload_through_htmx_redirects_the_browser_and_errors_swap_in_place(client, make, login_as):
    _school, _library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    url = f"/n/kultura/plans/{plan.id}/import"
    page = client.get(url).get_data(as_text=True)
    assert "data-upload-progress" in page and 'hx-encoding="multipart/form-data"' in page
    token = csrf_token_from(page)
    headers = {"HX-Request": "true", "HX-Target": "upload-form"}
    data = (FIXTURES / "plan_library_2019-2020.xlsx").read_bytes()
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(data), filename="p.xlsx")})
    response = client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}", headers=headers)
    assert response.status_code == 204 and f"/plans/{plan.id}/import/" in response.headers["HX-Redirect"]
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(b"junk"), filename="p.xlsx")})
    refused = client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}", headers=headers)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and html.lstrip().startswith('<div id="upload-form">') and "Это не файл Excel" in html


def test_the_message_after_saving_counts_the_doubts_it_speaks_of(client, make, login_as, read):
    _school, _library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    response = _upload(client, plan, (FIXTURES / "plan_library_2019-2020.xlsx").read_bytes())
    html = client.get(response.location).get_data(as_text=True)
    form = _form_of(html)
    form["action"] = "save"
    saved = client.post(response.location, data=form, follow_redirects=True).get_data(as_text=True)
    assert "С сомнениями: 0." in html
    assert "Строки с сомнениями отмечены в плане" not in saved
    assert "Все строки прочитаны без сомнений." in saved


def test_the_message_after_saving_names_the_number_of_doubtful_rows(client, make, login_as, read):
    _school, _library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    response = _upload(client, plan, (FIXTURES / "plan_library_2019-2020.xlsx").read_bytes())
    form = _form_of(client.get(response.location).get_data(as_text=True))
    form["row-0-timing"] = "когда-нибудь"
    form["action"] = "save"
    saved = client.post(response.location, data=form, follow_redirects=True).get_data(as_text=True)
    assert "Строк с сомнениями: 1 — они отмечены в плане." in saved


# --- real layouts: a stamp in the corner, a title line, a header in two levels, signatures, line breaks ---------

THEATRE_TITLE = "План мероприятий с ГАУК «Театр юного зрителя» на 2024/2025 учебный год"


def _real_layout_workbook() -> bytes:
    from openpyxl import Workbook
    workbook = Workbook()
    sheet = workbook.active
    for row in (
        (None, None, None, None, None, None, "УТВЕРЖДАЮ"),
        (None, None, None, None, None, None, "Директор МБОУ «СОШ №31»"),
        (None, None, None, None, None, None, "____________ И.И. Иванова"),
        (THEATRE_TITLE,),
        ("№", "Мероприятие", "Сроки", None, "Ответственные", None, "Место проведения"),
        (None, None, "начало", "окончание", "от школы", "от партнёра", None),
        (1, "Спектакль «Снежная королева»", "октябрь,\nмарт", None, "Зам. директора по ВР", "ТЮЗ\nКукольный театр",
         "Большой зал"),
        (2, "Экскурсия за кулисы", "ноябрь", "декабрь", "Классные руководители", "ГАУК «ТЮЗ»", None),
        (None,),
        ("Заместитель директора по ВР ____________ О.Н. Иванова",),
        ("Исполнитель: Иванова О.Н., тел. 8(4812)55-11-22",),
        ("М.П.",),
    ):
        sheet.append(row)
    for cells in ("A4:F4", "A5:A6", "B5:B6", "C5:D5", "E5:F5", "G5:G6", "A10:G10", "A11:G11"):
        sheet.merge_cells(cells)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def test_a_real_layout_reads_without_stamps_or_signatures_and_keeps_line_breaks(client, make, login_as, read):
    _school, library, plan, coordinator = _network(make, 2024)
    with read():
        network = db.session.scalar(select(Network).where(Network.slug == "kultura"))
    theatre = make.institution("ГАУК «ТЮЗ»", kind="theatre", slug="tuz",
                               full_name="Государственное автономное учреждение культуры «Театр юного зрителя»")
    make.member(network, theatre, "social_partner")
    login_as(coordinator)
    response = _upload(client, plan, _real_layout_workbook())
    html = client.get(response.location).get_data(as_text=True)
    assert "Строк: 2. С сомнениями: 1. С ошибками: 0." in html
    assert "УТВЕРЖДАЮ</textarea>" not in html and "Иванова</textarea>" not in html and "М.П.</textarea>" not in html
    assert f">{THEATRE_TITLE}</textarea>" in html
    assert "Партнёр раздела: ГАУК «ТЮЗ»" in html
    assert "Столбец «Место проведения» не перенесён: «Большой зал»" in html
    assert "Не переносятся грифы, подписи и примечания: 6" in html
    assert ">октябрь,\nмарт</textarea>" in html and ">ноябрь – декабрь</textarea>" in html
    # what was read: two periods, not one span from October to March
    assert "01.10.2024 — 31.10.2024;<br>01.03.2025 — 31.03.2025" in html and "01.10.2024 — 31.03.2025" not in html
    form = _form_of(html)
    form = {name: value.replace("\n", "\r\n") for name, value in form.items()}   # as a browser sends text areas
    form["action"] = "check"
    checked = client.post(response.location, data=form).get_data(as_text=True)
    assert "Не переносятся грифы, подписи и примечания: 6" in checked and "УТВЕРЖДАЮ" in checked
    assert ">октябрь,\nмарт</textarea>" in checked
    form["action"] = "save"
    assert client.post(response.location, data=form).status_code == 302
    with read():
        items = db.session.scalars(select(PlanItem).order_by(PlanItem.position)).all()
        sections = db.session.scalars(select(PlanSection)).all()
    assert [(item.title, item.timing, item.responsible) for item in items] == [
        ("Спектакль «Снежная королева»", "октябрь,\nмарт", "Зам. директора по ВР\nТЮЗ\nКукольный театр"),
        ("Экскурсия за кулисы", "ноябрь – декабрь", "Классные руководители\nГАУК «ТЮЗ»"),
    ]
    assert items[0].starts_on == date(2024, 10, 1) and items[1].ends_on == date(2024, 12, 31)
    assert items[0].periods == "2024-10-01/2024-10-31;2025-03-01/2025-03-31"
    assert [(section.title, section.partner_institution_id) for section in sections] == [(THEATRE_TITLE, theatre.id)]


def test_an_error_row_can_be_left_out_and_the_rest_saved(client, make, login_as, read):
    _school, _library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    response = _upload(client, plan, (FIXTURES / "plan_library_2019-2020.xlsx").read_bytes())
    form = _form_of(client.get(response.location).get_data(as_text=True))
    form["row-1-title"] = ""
    form["row-1-timing"] = ""
    form["action"] = "save"
    refused = client.post(response.location, data=form)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Исправьте или исключите строку" in text
    form["row-1-dropped"] = "1"
    form["action"] = "check"
    checked = client.post(response.location, data=form).get_data(as_text=True)
    assert "С ошибками: 0." in checked and "Не переносятся: 1." in checked and "Строка не будет перенесена." in checked
    assert 'name="row-1-dropped" value="1" checked' in checked
    form["action"] = "save"
    assert client.post(response.location, data=form).status_code == 302
    with read():
        numbers = [item.number for item in db.session.scalars(select(PlanItem).order_by(PlanItem.position))]
    assert len(numbers) == 11 and "2" not in numbers


def test_leaving_out_every_row_saves_nothing_and_says_so(client, make, login_as, read):
    _school, _library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    response = _upload(client, plan, (FIXTURES / "plan_library_2019-2020.xlsx").read_bytes())
    form = _form_of(client.get(response.location).get_data(as_text=True))
    form.update({f"row-{index}-dropped": "1" for index in range(12)})
    form["action"] = "save"
    refused = client.post(response.location, data=form)
    assert refused.status_code == 422 and "Все строки исключены — сохранять нечего." in refused.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == 0
        assert db.session.scalar(select(func.count()).select_from(PlanImport)) == 1


def test_the_fixtures_preview_shows_no_stamp_section_and_no_signature_item(client, make, login_as):
    _school, _library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    for name in ("plan_library_2019-2020.xlsx", "roadmap_ddut_2023-2024.xlsx"):
        response = _upload(client, plan, (FIXTURES / name).read_bytes())
        html = client.get(response.location).get_data(as_text=True)
        sections = set(re.findall(r'name="row-\d+-section"[^>]*>([^<]*)</textarea>', html))
        assert len(sections) == 1 and sections.pop().startswith(("План мероприятий с", "Дорожная карта"))
        assert "УТВЕРЖДАЮ" not in html and "____" not in html and "С ошибками: 0" in html


def test_a_partner_column_joins_the_responsible_and_an_unknown_column_is_a_doubt(client, make, login_as, read):
    from tests.fixtures.hostile import valid_xlsx
    _school, library, plan, coordinator = _network(make, 2019)
    login_as(coordinator)
    data = valid_xlsx([["Мероприятие", "Сроки", "Ответственные", "Социальный партнёр", "Место проведения"],
                       ["Библиосумерки", "апрель", "Иванова О.Н.", "МБУ «МИБС»", "Читальный зал"]])
    response = _upload(client, plan, data)
    html = client.get(response.location).get_data(as_text=True)
    assert "Столбец «Место проведения» не перенесён: «Читальный зал»" in html and "С сомнениями: 1." in html
    form = _form_of(html)
    form["action"] = "check"
    assert "Столбец «Место проведения» не перенесён" in client.post(response.location, data=form).get_data(as_text=True)
    form["action"] = "save"
    assert client.post(response.location, data=form).status_code == 302
    with read():
        item = db.session.scalar(select(PlanItem))
        links = db.session.scalars(select(PlanItemInstitution.institution_id)).all()
    assert item.responsible == "Иванова О.Н.\nМБУ «МИБС»" and links == [library.id]
