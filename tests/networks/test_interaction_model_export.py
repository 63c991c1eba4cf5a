"""The interaction model as the network programme prints it: № | Партнёр | Формы взаимодействия | Социальный
эффект, as .docx (A4 by ГОСТ, the base institution as author) and .xlsx, linked from the network page."""
from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tests.networks.test_network_page import _network


def test_the_model_downloads_as_word_and_excel(client, make, login_as):
    _school, theatre, _museum, network, _tm, _mm = _network(make)
    make.model_row(network, "ОГИБДД", kind="agency", contact="инспектор Петров", forms="Уроки ПДД\nИнструктажи",
                   social_effect="Безопасность")
    login_as(make.user(theatre, "staff"))
    page = client.get("/n/kultura/").get_data(as_text=True)
    assert "Скачать модель (Word)" in page and "/n/kultura/model.docx" in page and "/n/kultura/model.xlsx" in page

    response = client.get("/n/kultura/model.docx")
    assert response.status_code == 200 and response.mimetype.endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.author == "Полное наименование: Школа №31"
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Модель сетевого взаимодействия" in text and "«Культура рядом»" in text
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["№", "Социальный партнёр", "Формы взаимодействия",
                                                           "Социальный эффект"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    # the model's rows in their order: the members' and the partners' without an account
    assert rows == [["1", "Полное наименование: Драмтеатр (социальный партнёр)", "Спектакли", "Культура"],
                    ["2", "Полное наименование: Музей (социальный партнёр)", "—", "—"],
                    ["3", "ОГИБДД\nинспектор Петров", "– Уроки ПДД\n– Инструктажи", "Безопасность"]]

    sheet = load_workbook(io.BytesIO(client.get("/n/kultura/model.xlsx").data)).active
    assert sheet["A1"].value == "Модель сетевого взаимодействия" and "A1:D1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [cell.value for cell in sheet[4]] == ["№", "Социальный партнёр", "Формы взаимодействия",
                                                 "Социальный эффект"]
    assert all(cell.font.bold for cell in sheet[4]) and sheet.print_title_rows == "$4:$4"
    assert sheet["A5"].value == 1 and sheet["C5"].value == "Спектакли" and sheet["C5"].border.left.style == "thin"
    assert sheet.page_setup.paperSize == 9 and sheet.oddFooter.center.text == "Страница &P из &N"


def test_a_stranger_gets_no_model(client, make, login_as):
    _network(make)
    outsider = make.institution("Чужая школа", slug="other")
    login_as(make.user(outsider, "admin"))
    assert client.get("/n/kultura/model.docx").status_code == 404
    assert client.get("/n/kultura/model.xlsx").status_code == 404
