"""The passport as a .docx in the shape the programmes use: A4 with the ГОСТ margins, the base institution as its
author, the title, «Паспорт программы» as a two-column table of its ten rows; the УТВЕРЖДЕНО block once the council
approved it; LibreOffice prints it on A4 pages with nothing cut."""
from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document

from tests.conftest import IN_CI
from tests.core.test_documents_a4 import MEDIA_BOX, _to_pdf
from tests.council.test_approval_flow import _as
from tests.passport.helpers import build, passport_url

HEADINGS = ["Наименование программы", "Основания для разработки", "Разработчик", "Исполнители", "Цель", "Задачи",
            "Сроки и этапы реализации", "Ожидаемые результаты", "Ресурсное обеспечение", "Система контроля"]


def _passport(make, c, status="draft", tasks=5):
    return make.passport(
        c.network, name="Культура рядом", status=status, documents=(c.regulation,),
        grounds="Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
        developer="Администрация МБОУ «СОШ №31»", executors="МБОУ «СОШ №31»\nМБУ «МИБС»",
        goal="Создание единого культурно-образовательного пространства школы и учреждений культуры города.",
        tasks="\n".join(f"{n}. Задача номер {n} программы сетевого взаимодействия" for n in range(1, tasks + 1)),
        starts_on=date(2026, 9, 1), ends_on=date(2029, 8, 31),
        results_pupils="Рост читательской активности\nУчастие в конкурсах", results_parents="Совместный досуг",
        resources_staff="Библиотекари МБУ «МИБС»", resources_material="Читальный зал",
        control="Координационный совет рассматривает отчёты партнёров два раза в год.",
        stages=(("Подготовительный", date(2026, 9, 1), date(2026, 12, 31), "Анкетирование, изучение запросов"),
                ("Практический (основной)", date(2027, 1, 1), date(2029, 5, 31), "Реализация плана мероприятий"),
                ("Обобщающий", date(2029, 6, 1), date(2029, 8, 31), "Анализ результатов")))


def _docx(client, c):
    response = client.get(passport_url(c, "passport.docx"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "passport.docx" in response.headers["Content-Disposition"]
    return Document(io.BytesIO(response.data))


def test_the_docx_is_the_passport_table_on_a4_by_the_base(client, make):
    c = build(make)
    _passport(make, c)
    _as(client, c.librarian)  # every member reads and downloads
    document = _docx(client, c)
    assert document.core_properties.author == "Полное наименование: Школа №31"
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
        assert [round(margin.mm) for margin in margins] == [20, 10, 20, 30]
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[:3] == ["Полное наименование: Школа №31", "ПАСПОРТ ПРОГРАММЫ", "«Культура рядом»"]
    assert not any("УТВЕРЖДЕНО" in text for text in paragraphs)  # a draft carries no approval
    [table] = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Раздел паспорта", "Содержание"]
    assert [left for left, _right in rows[1:]] == HEADINGS
    content = dict(rows[1:])
    assert content["Наименование программы"] == "Культура рядом"
    assert content["Основания для разработки"] == (
        "– Положение от 28.08.2026 № 12 «О сетевом взаимодействии»\n"
        "– Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»")
    assert content["Задачи"].startswith("1. Задача номер 1") and "\n5. Задача номер 5" in content["Задачи"]
    assert content["Сроки и этапы реализации"].startswith("с 01.09.2026 по 31.08.2029 (3 года), в 3 этапа:\n"
                                                          "Этап 1. Подготовительный (01.09.2026 — 31.12.2026):")
    assert content["Ожидаемые результаты"] == ("Для обучающихся:\n– Рост читательской активности\n– Участие в конкурсах"
                                               "\nДля родителей:\nСовместный досуг")
    assert content["Ресурсное обеспечение"] == "Кадровые:\nБиблиотекари МБУ «МИБС»\nМатериально-технические:\nЧитальный зал"


def test_an_approved_passport_carries_the_council_protocol(client, make):
    c = build(make)
    make.approved_passport(_passport(make, c), c.coordinator, number=7, on=date(2026, 8, 28))
    _as(client, c.teacher)
    paragraphs = [paragraph.text for paragraph in _docx(client, c).paragraphs]
    assert "УТВЕРЖДЕНО\nрешением координационного совета,\nпротокол № 7 от 28.08.2026" in paragraphs
    printed = client.get(passport_url(c, "print")).get_data(as_text=True)
    assert "УТВЕРЖДЕНО" in printed and "протокол № 7 от 28.08.2026" in printed


@pytest.mark.parametrize("tasks", [3, 60])
def test_libreoffice_prints_it_on_a4_with_nothing_cut(client, make, tmp_path, tasks):
    if shutil.which("soffice") is None:
        if IN_CI:
            pytest.fail("LibreOffice (soffice) is missing")
        pytest.skip("LibreOffice (soffice) is not installed")
    c = build(make)
    _passport(make, c, tasks=tasks)
    _as(client, c.coordinator)
    pdf = _to_pdf(client.get(passport_url(c, "passport.docx")).data, tmp_path)
    boxes = MEDIA_BOX.findall(pdf)
    assert boxes and all((round(float(w)), round(float(h))) == (595, 842) for w, h in boxes)
    assert len(boxes) <= 2 if tasks < 20 else len(boxes) >= 3  # a long list of tasks flows on to more pages
    if shutil.which("pdftotext"):
        printed = subprocess.run(["pdftotext", "-layout", str(tmp_path / "document.pdf"), "-"], check=True,
                                 capture_output=True, timeout=60).stdout.decode()
        printed = " ".join(printed.split())
        for text in ("ПАСПОРТ ПРОГРАММЫ", "Система контроля", "два раза в год", f"Задача номер {tasks}"):
            assert text in printed, text
