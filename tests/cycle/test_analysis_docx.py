"""The analysis as a .docx «Аналитическая справка о реализации программы сетевого взаимодействия за 2026/2027 учебный
год»: A4 with the ГОСТ margins, the base institution as its author, the network's totals and indicators as a table,
each partner's facts with their numerals agreeing, the decision and the conclusion, the head's signature; the
УТВЕРЖДЕНО block once approved; LibreOffice prints it on A4."""
from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document

from tests.conftest import IN_CI
from tests.core.test_documents_a4 import MEDIA_BOX, _to_pdf
from tests.council.test_approval_flow import _as
from tests.cycle.helpers import analysis_url, approved_analysis, build_year


def _docx(client, c, analysis):
    response = client.get(analysis_url(c, f"{analysis.id}/analysis.docx"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "analysis-2026-2027.docx" in response.headers["Content-Disposition"]
    return response.data


def test_the_docx_is_the_yearly_report_on_a4_by_the_base(app, client, make):
    year = build_year(app, make)
    c = year.c
    analysis = approved_analysis(app, c, {c.library: "continue", year.theatre: "end"})
    _as(client, c.librarian)  # every member reads and downloads
    document = Document(io.BytesIO(_docx(client, c, analysis)))
    assert document.core_properties.author == "Полное наименование: Школа №31"
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
        assert [round(margin.mm) for margin in margins] == [20, 10, 20, 30]
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in paragraphs
    assert ("о реализации программы сетевого взаимодействия «Культура рядом» за 2026/2027 учебный год"
            in paragraphs)
    text = "\n".join(paragraphs)
    assert "Всего в сетевом плане на год 7 мероприятий, проведено 4 мероприятия (57,1 %)." in text
    assert "2.1. МБУ «МИБС»" in text and "2.2. Драмтеатр" in text
    assert "Запланировано 5 мероприятий, проведено 3 мероприятия, отменено 1 мероприятие." in text
    assert "Запланировано 2 мероприятия, проведено 1 мероприятие." in text
    assert "Решение: Прекратить сотрудничество" in text and "Решение: Продолжить сотрудничество" in text
    [table] = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][:4] == ["Показатель", "Ед.", "Цель", "Факт"]
    assert rows[1][:5] == ["Доля проведённых мероприятий", "%", "90", "57,1", "63,4"]
    # approved in the fixture without a round of approval: no protocol to name, so no УТВЕРЖДЕНО block
    assert not any("УТВЕРЖДЕНО" in paragraph for paragraph in paragraphs)


def test_libreoffice_prints_it_on_a4(app, client, make, tmp_path):
    if shutil.which("soffice") is None:
        if IN_CI:
            pytest.fail("LibreOffice (soffice) is missing")
        pytest.skip("LibreOffice (soffice) is not installed")
    year = build_year(app, make)
    c = year.c
    analysis = approved_analysis(app, c, {c.library: "continue", year.theatre: "end"})
    _as(client, c.coordinator)
    pdf = _to_pdf(_docx(client, c, analysis), tmp_path)
    boxes = MEDIA_BOX.findall(pdf)
    assert boxes and all((round(float(w)), round(float(h))) == (595, 842) for w, h in boxes)
    if shutil.which("pdftotext"):
        printed = subprocess.run(["pdftotext", "-layout", str(tmp_path / "document.pdf"), "-"], check=True,
                                 capture_output=True, timeout=60).stdout.decode()
        printed = " ".join(printed.split())
        for text in ("АНАЛИТИЧЕСКАЯ СПРАВКА", "Запланировано 5 мероприятий", "Общий вывод"):
            assert text in printed, text
