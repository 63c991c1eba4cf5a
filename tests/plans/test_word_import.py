"""Plans kept in Word go through the same reader, preview and one-transaction save as Excel (through HTTP);
the Word reader itself: merged cells, lines, nested tables, text boxes, revisions."""
from __future__ import annotations

import html as html_module
import io
import re
from datetime import date

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import csrf_token_from
from tests.fixtures import word_plans
from tests.fixtures.row_counts import row_counts
from workspace.core.documents import document_bytes
from workspace.core.word_tables import read_docx, read_table_file
from workspace.extensions import db
from workspace.plans.models import PlanImport, PlanItem, PlanItemInstitution, PlanSection


def _library_network(make, start_year: int = 2019):
    school = make.institution("МБОУ «СОШ №31»", slug="s31")
    library = make.institution(word_plans.LIBRARY[0], kind="library", slug="mibs", full_name=word_plans.LIBRARY[1])
    network = make.network(school, name="Культура", slug="kultura")
    make.member(network, library, "social_partner")
    return network, library, make.plan(network, start_year), make.user(school, "coordinator")


def _school_network(make):
    school = make.institution(word_plans.SCHOOL[0], slug="sosh8", full_name=word_plans.SCHOOL[1])
    network = make.network(school, name="Школа и культура", slug="kultura")
    partners = {}
    for kind, (short, full) in (("theatre", word_plans.THEATRE), ("museum", word_plans.MUSEUM),
                                ("library", word_plans.LIBRARY)):
        partners[kind] = make.institution(short, kind=kind, slug=kind, full_name=full)
        make.member(network, partners[kind], "social_partner")
    return partners, make.plan(network, 2024), make.user(school, "coordinator")


def _upload(client, plan, data: bytes, name: str):
    url = f"/n/kultura/plans/{plan.id}/import"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    boundary, body = encode_multipart({"csrf_token": token, "file": FileStorage(io.BytesIO(data), filename=name)})
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _form_of(html: str) -> dict:
    """The preview form as a browser would send it back."""
    data = dict(re.findall(r'<input type="(?:hidden|text)"[^>]*name="([^"]+)" value="([^"]*)"', html))
    data.update(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html))
    return {name: html_module.unescape(value) for name, value in data.items()}


def _preview(client, plan, data: bytes, name: str) -> tuple[str, str]:
    response = _upload(client, plan, data, name)
    assert response.status_code == 302, response.get_data(as_text=True)
    preview = client.get(response.location)
    assert preview.status_code == 200, preview.get_data(as_text=True)
    return response.location, preview.get_data(as_text=True)


def _rows(form: dict, *names: str) -> list[tuple]:
    return [tuple(form[f"row-{index}-{name}"] for name in names) for index in range(int(form["rows"]))]


def _save(client, location: str, html: str):
    form = _form_of(html)
    form["action"] = "save"
    saved = client.post(location, data=form)
    assert saved.status_code == 302, saved.get_data(as_text=True)


def test_the_upload_form_takes_excel_or_word(client, make, login_as):
    _network, _library, plan, coordinator = _library_network(make)
    login_as(coordinator)
    page = client.get(f"/n/kultura/plans/{plan.id}/import").get_data(as_text=True)
    assert "Файл Excel (.xlsx) или Word (.docx)" in page
    accept = re.search(r'type="file"[^>]*accept="([^"]+)"|accept="([^"]+)"[^>]*type="file"', page)
    assert accept and ".docx" in "".join(filter(None, accept.groups())) and ".xlsx" in "".join(filter(None, accept.groups()))


def test_library_plan_in_word_previews_the_same_rows_as_in_excel_and_saves_whole(client, make, login_as, read):
    _network, library, plan, coordinator = _library_network(make)
    login_as(coordinator)
    _excel_location, excel_html = _preview(client, plan, word_plans.LIBRARY_XLSX.read_bytes(), "plan.xlsx")
    location, html = _preview(client, plan, word_plans.library_plan(), "План с библиотекой.docx")
    columns = ("number", "title", "audience", "timing", "responsible", "report_form")
    assert _rows(_form_of(html), *columns) == _rows(_form_of(excel_html), *columns)
    assert "Строк: 12. С сомнениями: 0. С ошибками: 0." in html
    assert not any("Директор" in title or "УТВЕРЖДАЮ" in title for (title,) in _rows(_form_of(html), "title"))
    assert "01.09.2019" in html and "22.11.2019" in html  # the dates read, as «Прочитано» shows them
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == 0  # nothing before saving
    _save(client, location, html)
    with read():
        items = {item.number: item for item in db.session.scalars(select(PlanItem))}
        links = db.session.scalar(select(func.count()).select_from(PlanItemInstitution))
        drafts = db.session.scalar(select(func.count()).select_from(PlanImport).where(PlanImport.plan_id == plan.id))
    assert len(items) == 12 and all(item.timing_is_read and item.plan_id == plan.id for item in items.values())
    assert (items["1"].starts_on, items["1"].ends_on) == (date(2019, 9, 1), date(2019, 9, 30))
    assert (items["5"].starts_on, items["5"].ends_on) == (date(2019, 11, 22), date(2019, 11, 24))
    assert (items["8"].starts_on, items["8"].ends_on) == (date(2020, 1, 1), date(2020, 1, 31))
    assert (items["12"].starts_on, items["12"].ends_on) == (date(2019, 9, 1), date(2020, 8, 31))
    assert (items["2"].grade_from, items["2"].grade_to) == (5, 11)
    assert links == 12 and drafts == 1  # the Excel draft is still waiting; the Word one is gone


def test_library_plan_in_word_names_its_section_by_the_title_not_the_stamp(client, make, login_as, read):
    _network, library, plan, coordinator = _library_network(make)
    login_as(coordinator)
    location, html = _preview(client, plan, word_plans.library_plan(), "plan.docx")
    _save(client, location, html)
    with read():
        sections = db.session.scalars(select(PlanSection)).all()
    assert len(sections) == 1 and sections[0].title.startswith("План мероприятий с Муниципальным")
    assert sections[0].partner_institution_id == library.id


SCHOOL_ITEMS = {  # title → (timing as typed, period)
    "Посещение спектакля «Снежная королева»": ("октябрь", date(2024, 10, 1), date(2024, 10, 31)),
    "Абонемент «Театр и дети»": ("в течение года", date(2024, 9, 1), date(2025, 8, 31)),
    "Новогодний спектакль для учащихся начальных классов": ("декабрь 2024", date(2024, 12, 1), date(2024, 12, 31)),
    "Музейный урок «Академик И.П. Бардин»": ("ноябрь", date(2024, 11, 1), date(2024, 11, 30)),
    "Выставка детского технического творчества": ("апрель 2025", date(2025, 4, 1), date(2025, 4, 30)),
    "Библиотечный урок «Путешествие в страну книг»": ("сентябрь", date(2024, 9, 1), date(2024, 9, 30)),
    "Неделя детской книги": ("март", date(2025, 3, 1), date(2025, 3, 31)),
}


def test_school_plan_of_three_partner_tables_previews_every_row_and_saves_whole(client, make, login_as, read):
    _partners, plan, coordinator = _school_network(make)
    login_as(coordinator)
    before = row_counts(read)
    location, html = _preview(client, plan, word_plans.school_plan(), "План СОШ 8 с партнёрами.docx")
    form = _form_of(html)
    titles = _rows(form, "title")
    assert [title for (title,) in titles] == [row[1] for _title, rows in word_plans.SCHOOL_TABLES for row in rows]
    assert "С ошибками: 0." in html
    assert row_counts(read, frozenset({"plan_imports"})) == {
        name: count for name, count in before.items() if name != "plan_imports"}  # the draft only
    _save(client, location, html)
    with read():
        items = {item.title: item for item in db.session.scalars(select(PlanItem))}
        sections = {section.id: section for section in db.session.scalars(select(PlanSection))}
    assert len(items) == 10
    for title, (timing, starts_on, ends_on) in SCHOOL_ITEMS.items():
        assert (items[title].timing, items[title].starts_on, items[title].ends_on) == (timing, starts_on, ends_on), title
    excursion = items["Экскурсия «История металлургии Кузбасса»"]
    assert excursion.timing == "1 четверть" and excursion.starts_on == date(2024, 9, 1)
    two_lines = items["Театральная гостиная «Знакомство с профессией актёра»"]
    assert two_lines.timing == "октябрь,\nмарт" and two_lines.starts_on == date(2024, 10, 1)
    assert two_lines.responsible.split("\n") == ["Петрова И.И., заместитель директора по ВР",
                                                 "Сидорова А.А., педагог-организатор ТЮЗ «Овация»"]
    assert (two_lines.grade_from, two_lines.grade_to) == (5, 7)
    museum_section = sections[items["Выставка детского технического творчества"].section_id]
    library_section = sections[items["Неделя детской книги"].section_id]
    assert museum_section.title.startswith("План совместных мероприятий МБОУ СОШ №8 и Научно-технического музея")
    assert library_section.title == "План совместных мероприятий МБОУ СОШ №8 и МБУ «МИБС» на 2024-2025 учебный год"
    assert len({item.section_id for item in items.values()}) == 3


def test_school_plan_in_word_has_a_section_per_partner_named_by_its_title(client, make, login_as, read):
    partners, plan, coordinator = _school_network(make)
    login_as(coordinator)
    location, html = _preview(client, plan, word_plans.school_plan(), "plan.docx")
    _save(client, location, html)
    with read():
        sections = db.session.scalars(select(PlanSection).order_by(PlanSection.position)).all()
    assert [section.title for section in sections] == [title for title, _rows in word_plans.SCHOOL_TABLES]
    assert [section.partner_institution_id for section in sections] == [
        partners[kind].id for kind in ("theatre", "museum", "library")]


def test_school_plan_two_timings_on_two_lines_are_read_without_doubt(client, make, login_as):
    _partners, plan, coordinator = _school_network(make)
    login_as(coordinator)
    _location, html = _preview(client, plan, word_plans.school_plan(), "plan.docx")
    assert "Строк: 10. С сомнениями: 0. С ошибками: 0." in html


def test_a_word_file_is_told_by_its_content_not_its_name(client, make, login_as, read):
    _network, _library, plan, coordinator = _library_network(make)
    login_as(coordinator)
    _location, html = _preview(client, plan, word_plans.library_plan(), "plan.xlsx")
    assert "Строк: 12." in html
    _location, html = _preview(client, plan, word_plans.LIBRARY_XLSX.read_bytes(), "plan.docx")
    assert "Строк: 12." in html


# --- the Word reader itself ------------------------------------------------------------------------------------

def _docx_of(body_xml: str) -> bytes:
    """A document whose body is the given WordprocessingML."""
    document = Document()
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    for element in parse_xml(f"<w:body {nsdecls('w')} xmlns:v='urn:schemas-microsoft-com:vml'>{body_xml}</w:body>"):
        body.insert(len(body) - 1, element)
    return document_bytes(document)


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def _tc(content: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"


def _rows_of(body_xml: str) -> list[tuple]:
    (sheet,) = read_docx(_docx_of(body_xml))
    return sheet.rows


@pytest.fixture
def in_app(app):
    with app.test_request_context():
        yield


SPAN_3, SPAN_90 = "<w:gridSpan w:val='3'/>", "<w:gridSpan w:val='90'/>"
MERGE_DOWN, MERGED = "<w:vMerge w:val='restart'/>", "<w:vMerge/>"


def test_merged_cells_read_as_openpyxl_gives_them(in_app):
    rows = _rows_of(
        "<w:tbl>"
        f"<w:tr>{_tc(_p('План на год'), SPAN_3)}</w:tr>"
        f"<w:tr>{_tc(_p('1'))}{_tc(_p('Экскурсия'))}{_tc(_p('Учитель'), MERGE_DOWN)}</w:tr>"
        f"<w:tr>{_tc(_p('2'))}{_tc(_p('Урок'))}{_tc(_p(''), MERGED)}</w:tr>"
        f"<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>{_tc(_p('Итог'))}{_tc(_p('май'))}</w:tr>"
        "</w:tbl>")
    assert rows == [("План на год", None, None), ("1", "Экскурсия", "Учитель"), ("2", "Урок", None),
                    (None, "Итог", "май")]


def test_lines_of_a_cell_and_paragraphs_between_tables_in_document_order(in_app):
    line_break = "<w:p><w:r><w:t>октябрь,</w:t><w:br/><w:t>март</w:t></w:r></w:p>"
    rows = _rows_of(
        _p("Раздел первый") + _p("   ") +
        f"<w:tbl><w:tr>{_tc(_p('Иванова О.Н.') + _p('Петрова И.И.'))}{_tc(line_break)}</w:tr></w:tbl>" +
        _p("Раздел второй") + f"<w:tbl><w:tr>{_tc(_p('Сидорова'))}</w:tr></w:tbl>")
    assert rows == [("Раздел первый",), ("Иванова О.Н.\nПетрова И.И.", "октябрь,\nмарт"), ("Раздел второй",),
                    ("Сидорова",)]


def test_a_nested_table_is_flattened_into_lines_of_its_cell(in_app):
    nested = f"<w:tbl><w:tr>{_tc(_p('1 четверть'))}{_tc(_p('5-7 кл.'))}</w:tr><w:tr>{_tc(_p('март'))}</w:tr></w:tbl>"
    rows = _rows_of(f"<w:tbl><w:tr>{_tc(_p('Экскурсия'))}{_tc(_p('Сроки:') + nested + _p(''))}</w:tr></w:tbl>")
    assert rows == [("Экскурсия", "Сроки:\n1 четверть; 5-7 кл.\nмарт")]


def test_a_one_column_frame_around_the_plan_is_read_as_the_body_it_holds(in_app):
    plan = f"<w:tbl><w:tr>{_tc(_p('№'))}{_tc(_p('Мероприятие'))}</w:tr><w:tr>{_tc(_p('1'))}{_tc(_p('Урок'))}</w:tr></w:tbl>"
    rows = _rows_of(f"<w:tbl><w:tr>{_tc(_p('План с музеем') + plan + _p(''))}</w:tr></w:tbl>")
    assert rows == [("План с музеем",), ("№", "Мероприятие"), ("1", "Урок")]


def test_deleted_revisions_and_field_codes_are_not_read_text_boxes_are(in_app):
    revised = ("<w:p><w:del w:id='1' w:author='x'><w:r><w:delText>ноябрь</w:delText></w:r></w:del>"
               "<w:ins w:id='2' w:author='x'><w:r><w:t>декабрь</w:t></w:r></w:ins>"
               "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
               "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>")
    box = ("<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + _p("УТВЕРЖДАЮ") + _p("Директор ____")
           + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r><w:r><w:t>План</w:t></w:r></w:p>")
    rows = _rows_of(box + f"<w:tbl><w:tr>{_tc(revised)}</w:tr></w:tbl>")
    assert rows == [("УТВЕРЖДАЮ\nДиректор ____",), ("План",), ("декабрь",)]


def test_a_document_without_a_table_and_foreign_archives_are_refused(in_app):
    from workspace.core.uploads import UploadRejected
    with pytest.raises(UploadRejected, match="В документе нет таблицы"):
        read_docx(_docx_of(_p("Только текст")))
    with pytest.raises(UploadRejected, match="не документ Word"):
        read_table_file(_zip({"readme.txt": b"x"}), max_rows=10)
    with pytest.raises(UploadRejected, match="RTF"):
        read_table_file(rb"{\rtf1\ansi Plan}", max_rows=10)
    five_rows = "".join(f"<w:tr>{_tc(_p(str(n)))}</w:tr>" for n in range(5))
    with pytest.raises(UploadRejected, match="больше 3 строк"):
        read_docx(_docx_of(f"<w:tbl>{five_rows}</w:tbl>"), max_rows=3)
    with pytest.raises(UploadRejected, match="столбцов"):
        read_docx(_docx_of(f"<w:tbl><w:tr>{_tc(_p('x'), SPAN_90)}</w:tr></w:tbl>"))


def _zip(parts: dict[str, bytes]) -> bytes:
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()
