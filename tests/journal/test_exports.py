"""Excel of the journal and the school's half-year report: they open, and formulas are text."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.journal.helpers import mixed_group


def sheet_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return "\n".join(" | ".join("" if value is None else str(value) for value in row)
                     for row in sheet.iter_rows(values_only=True))


def test_group_journal_excel_for_the_provider(make, client, login_as):
    w = mixed_group(make)
    make.mark(w.lesson_rows[0], w.enrollments_a[0], "present", "5")
    make.mark(w.lesson_rows[0], w.enrollments_b[0], "absent")
    login_as(w.teacher)
    response = client.get(f"/n/net/journal/groups/{w.group.id}/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    text = sheet_text(response.data)
    assert "Алексеев0" in text and "Борисов0" in text and "01.09.2026" in text and "| 5 |" in text


def test_a_pupil_named_like_a_formula_comes_out_as_text(make, client, login_as):
    w = mixed_group(make, pupils_a=0, pupils_b=0)
    pupil = make.pupil(w.school_a, "=cmd", "|calc", class_label="7Б")
    request = make.enrollment_request(w.programme, w.school_a)
    enrollment = make.enrollment(request, pupil, status="enrolled", group=w.group)
    make.mark(w.lesson_rows[0], enrollment, "present", "4")
    login_as(w.coordinator_a)
    for url in (f"/n/net/journal/groups/{w.group.id}/export.xlsx", "/i/school-a/journal/report.xlsx?half=2026-1"):
        response = client.get(url)
        assert response.status_code == 200, url
        sheet = load_workbook(io.BytesIO(response.data)).active
        cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str) and "cmd" in cell.value]
        assert cells, url
        for cell in cells:
            assert cell.data_type == "s" and cell.value.startswith("'=cmd"), (url, cell.value)


def test_school_report_counts_its_pupils_only(make, client, login_as):
    w = mixed_group(make)
    a0, a1, b0 = w.enrollments_a[0], w.enrollments_a[1], w.enrollments_b[0]
    make.mark(w.lesson_rows[0], a0, "present", "5")
    make.mark(w.lesson_rows[1], a0, "present", "4")
    make.mark(w.lesson_rows[2], a0, "absent")
    make.mark(w.lesson_rows[0], a1, "excused")
    make.mark(w.lesson_rows[0], b0, "present", "2")
    login_as(w.coordinator_a)
    response = client.get("/i/school-a/journal/report?half=2026-1")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Алексеев0" in html and "Борисов" not in html
    assert "67%" in html and "средний балл 4,5" in html
    assert "Робототехника" in html and "ЦДО" in html
    other_half = client.get("/i/school-a/journal/report?half=2026-2").get_data(as_text=True)
    assert "67%" not in other_half and "Алексеев0" in other_half
    text = sheet_text(client.get("/i/school-a/journal/report.xlsx?half=2026-1").data)
    assert "Алексеев0" in text and "Борисов" not in text and "средний балл 4,5" in text


def test_report_is_for_managers_of_the_school(make, client, login_as):
    w = mixed_group(make)
    login_as(w.teacher_a)
    assert client.get("/i/school-a/journal/report").status_code == 403
    assert client.get("/i/school-b/journal/report").status_code == 404
