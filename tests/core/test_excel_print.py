"""Every Excel report and register (core/excel.py: pupils, staff, certificate register, journal reports) prints
as institutions file it: columns as wide as their texts, the header bold, frozen and repeated on each page, A4
fitted to the page width, the table as the print area. Reports and registers had no widths before."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from tests.conftest import IN_CI
from workspace.core.excel import grid_workbook_bytes, workbook_bytes

MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")
HEADER = ["№", "ФИО", "Класс", "Программа"]
ROWS = [[1, "Иванов Иван Иванович", "5А", "Робототехника"], [2, "Петрова Анна", "6Б", "Театральная студия «Маска»"]]


@pytest.mark.parametrize("make", [workbook_bytes, grid_workbook_bytes])
def test_a_report_has_widths_a_frozen_repeated_header_and_a4(make):
    sheet = load_workbook(io.BytesIO(make("Реестр", HEADER, iter(ROWS), caption="Реестр выданных документов"))).active
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert widths["B"] >= len("Иванов Иван Иванович") and widths["D"] >= len("Театральная студия «Маска»")
    assert widths["A"] < widths["B"]
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "portrait"
    assert sheet.print_area == "'Реестр'!$A$1:$D$5"
    assert [cell.value for cell in sheet[3]] == HEADER and all(cell.font.bold for cell in sheet[3])
    wide = load_workbook(io.BytesIO(make("Журнал", [f"{day:02d}.09" for day in range(1, 21)], []))).active
    assert wide.page_setup.orientation == "landscape" and wide.freeze_panes == "A2"


def test_libreoffice_prints_a_report_on_a4(tmp_path):
    if shutil.which("soffice") is None:
        if IN_CI:
            pytest.fail("LibreOffice (soffice) is missing: .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    source = tmp_path / "report.xlsx"
    source.write_bytes(workbook_bytes("Реестр", HEADER, ROWS * 40, caption="Реестр выданных документов"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    boxes = MEDIA_BOX.findall((tmp_path / "report.pdf").read_bytes())
    assert boxes
    assert {(round(float(width)), round(float(height))) for width, height in boxes} == {(595, 842)}


def test_the_monitoring_report_prints_as_filed(app):
    from types import SimpleNamespace

    from workspace.monitoring.exports import monitoring_workbook

    year = SimpleNamespace(label="2026/2027", start_year=2026)
    scope = SimpleNamespace(year=year, previous=SimpleNamespace(label="2025/2026", start_year=2025))
    indicator = SimpleNamespace(title="Доля проведённых мероприятий сетевого плана", criterion="Результативность",
                                unit="%", target=90)
    indicators = [SimpleNamespace(indicator=indicator, fact=75, previous=60, progress=83, source_label="План",
                                  level="middle", change=15, at=lambda start_year, point: None)]
    figure = SimpleNamespace(title="Мероприятия по месяцам", description="Проведено и запланировано",
                             header=["Месяц", "Запланировано", "Проведено"], rows=[["сентябрь", 4, 3]])
    sections = [(SimpleNamespace(title="Мероприятия сетевого плана"),
                 SimpleNamespace(headlines=[SimpleNamespace(label="Проведено", value=3, previous=2, unit="")],
                                 figures=[figure]))]
    with app.test_request_context("/"):
        workbook = load_workbook(io.BytesIO(monitoring_workbook("Мониторинг", scope, sections, indicators)))
    sheet = workbook["Показатели"]
    assert sheet["A4"].value == "Показатель" and all(cell.font.bold for cell in sheet[4] if cell.value)
    assert sheet.freeze_panes == "A5" and sheet.print_title_rows == "$4:$4"
    assert sheet.column_dimensions["A"].width >= len(indicator.title)
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    # issue 20: the level, the change over the year and the six measurement points (two years × three) follow
    assert sheet.print_area == f"'Показатели'!$A$1:$P${sheet.max_row}"
    assert sheet["I4"].value == "Уровень" and sheet["I5"].value == "средний" and sheet["J5"].value == 15
    assert sheet.oddFooter.center.text == "Страница &P из &N"
    figures = workbook["Мероприятия сетевого плана"]
    assert figures["A1"].value == "Мероприятия по месяцам" and figures["A1"].font.bold
    assert not figures["A2"].font.bold and figures["A3"].font.bold and figures["B3"].value == "Запланировано"
    assert figures.column_dimensions["B"].width >= len("Запланировано") and figures.page_setup.paperSize == 9
