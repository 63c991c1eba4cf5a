"""The portfolio of a pupil (page and .docx for the parents), the route by academic year, the school's flags (only
inside the school: never on a provider's page, in the parents' documents or the registry's export), erasure, and the
statements the main pages run (pinned, flat with the data)."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import func, insert, select

from tests.growth.helpers import ACHIEVEMENT, PNG, client_of, group_url, growth_world
from workspace.extensions import db
from workspace.growth.models import Achievement, AchievementScan, PupilFlag

MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")
FLAG_NOTE = "Особый темп чтения Флагqz7"


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _portfolio_world(app, make):
    """Соколова: a ЦДО competition (with a scan), a library contest, the school's own olympiad; a flag."""
    g = growth_world(make)
    cdo = client_of(app, g.provider_coordinator)
    assert cdo.post(group_url(g), data={**ACHIEVEMENT, "title": "Победитель соревнований «РобоФест»",
                                        "kind": "competition", "enrollment_ids": [g.robots.id],
                                        "scan": (io.BytesIO(PNG), "робофест.png")},
                    content_type="multipart/form-data").status_code == 302
    library = client_of(app, g.library_coordinator)
    assert library.post(group_url(g, g.reading, g.reading_group), data={
        **ACHIEVEMENT, "result": "prize_winner", "level": "regional",
        "enrollment_ids": [g.reading_enrollment.id]}).status_code == 302
    school = client_of(app, g.coordinator_a)
    page = school.get("/i/school-a/growth/achievements/new").get_data(as_text=True)
    link = page.split('value="network:', 1)[1].split('"', 1)[0]
    assert school.post("/i/school-a/growth/achievements/new", data={
        **ACHIEVEMENT, "title": "Участник школьного этапа олимпиады по математике", "kind": "olympiad",
        "level": "school", "result": "participant", "link": f"network:{link}",
        "pupil_ids": [g.pupil.id]}).status_code == 302
    assert school.post(f"/i/school-a/growth/pupils/{g.pupil.id}/flags", data={
        "special_needs": "y", "special_needs_note": FLAG_NOTE}).status_code == 302
    return g, school


def test_the_portfolio_shows_achievements_of_two_providers_and_the_school_and_the_route(app, make, csrf_off):
    g, school = _portfolio_world(app, make)
    page = school.get(f"/i/school-a/growth/pupils/{g.pupil.id}").get_data(as_text=True)
    assert "3 достижения" in page and "внесли: СОШ №1, ЦБС, ЦДО" in page
    for text in ("Победитель соревнований «РобоФест»", ACHIEVEMENT["title"],
                 "Участник школьного этапа олимпиады по математике", "соревнование, муниципальный", "призёр",
                 "Клуб чтецов, Чтецы-1", "Робототехника, Роботы-1", "Индивидуальный образовательный маршрут",
                 "Программа: Клуб чтецов (ЦБС), группа Чтецы-1 — зачислен", "ОВЗ (особые образовательные потребности)",
                 FLAG_NOTE):
        assert text in page, text
    assert "Диагностика" not in page  # nothing is measured yet: no empty section
    pupil_page = school.get(f"/i/school-a/pupils/{g.pupil.id}").get_data(as_text=True)
    assert f"/i/school-a/growth/pupils/{g.pupil.id}" in pupil_page and "Портфолио и маршрут" in pupil_page


def test_flags_stay_inside_the_home_school(app, make, csrf_off):
    g, school = _portfolio_world(app, make)
    teacher = client_of(app, g.teacher_a)
    assert FLAG_NOTE in teacher.get(f"/i/school-a/growth/pupils/{g.pupil.id}").get_data(as_text=True)
    assert teacher.post(f"/i/school-a/growth/pupils/{g.pupil.id}/flags", data={}).status_code == 403
    for user, url in ((g.provider_coordinator, group_url(g)),
                      (g.library_coordinator, group_url(g, g.reading, g.reading_group)),
                      (g.provider_teacher, f"/n/net/journal/groups/{g.w.group.id}")):
        page = client_of(app, user).get(url).get_data(as_text=True)
        assert FLAG_NOTE not in page and "ОВЗ" not in page, url
    for url in (f"/i/school-a/growth/pupils/{g.pupil.id}/portfolio.docx",
                f"/i/school-a/pupils/{g.pupil.id}/personal-data.docx"):
        text = _docx_text(school.get(url).data)
        assert FLAG_NOTE not in text and "ОВЗ" not in text, url
    workbook = load_workbook(io.BytesIO(school.get("/i/school-a/pupils/export.xlsx").data))
    cells = " ".join(str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row)
    assert FLAG_NOTE not in cells and "ОВЗ" not in cells
    # removing the flag: unticked, the row goes
    assert school.post(f"/i/school-a/growth/pupils/{g.pupil.id}/flags", data={}).status_code == 302
    assert FLAG_NOTE not in school.get(f"/i/school-a/growth/pupils/{g.pupil.id}").get_data(as_text=True)


def test_a_too_long_flag_note_is_refused_and_changes_nothing(app, make, read, csrf_off):
    g = growth_world(make)
    school = client_of(app, g.coordinator_a)
    response = school.post(f"/i/school-a/growth/pupils/{g.pupil.id}/flags",
                           data={"gifted": "y", "gifted_note": "я" * 301})
    assert response.status_code == 422 and "Не длиннее 300 символов." in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(PupilFlag)) == 0


def test_the_portfolio_document_for_the_parents(app, make, csrf_off, tmp_path):
    g, school = _portfolio_world(app, make)
    response = school.get(f"/i/school-a/growth/pupils/{g.pupil.id}/portfolio.docx")
    assert response.status_code == 200 and response.mimetype.endswith("wordprocessingml.document")
    assert response.headers["Cache-Control"] == "private, no-store"
    document = Document(io.BytesIO(response.data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.author == g.school_a.full_name
    text = _docx_text(response.data)
    for expected in ("Портфолио обучающегося", "Обучающийся: Соколова Мария Ильинична, класс 6А.",
                     "Всего: 3 достижения: победитель — 1 раз, призёр — 1 раз.", "Победитель соревнований «РобоФест»",
                     "олимпиада, школьный; участник", "ЦБС", "ЦДО", "2. Индивидуальный образовательный маршрут",
                     "2026/2027 учебный год", "Робототехника (ЦДО), группа Роботы-1 — зачислен"):
        assert expected in text, expected
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "portfolio.docx"
    path.write_bytes(response.data)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    boxes = MEDIA_BOX.findall((tmp_path / "portfolio.pdf").read_bytes())
    assert boxes and {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}  # A4 in points


def test_the_parents_export_of_personal_data_lists_the_achievements(app, make, csrf_off):
    g, school = _portfolio_world(app, make)
    text = _docx_text(school.get(f"/i/school-a/pupils/{g.pupil.id}/personal-data.docx").data)
    assert "8. Достижения" in text and "Победитель соревнований «РобоФест»" in text and "ЦБС" in text


def test_erasure_deletes_the_pupils_growth(app, make, read, csrf_off):
    g, school = _portfolio_world(app, make)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Achievement)) == 3
    response = school.post(f"/i/school-a/pupils/{g.pupil.id}/erase", data={"surname": "Соколова"})
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(func.count()).select_from(Achievement)) == 0
        assert db.session.scalar(select(func.count()).select_from(AchievementScan)) == 0
        assert db.session.scalar(select(func.count()).select_from(PupilFlag)) == 0
    page = client_of(app, g.provider_coordinator).get(group_url(g)).get_data(as_text=True)
    assert "Победитель соревнований «РобоФест»" not in page


PORTFOLIO = 8  # the user; the networks of the school (menu); the pupil; the achievements with what they are
#                linked to and who recorded them; the enrollments; the certificates; the flags; the diagnostics
#                (workspace/monitoring/diagnostics.pupil_diagnostics)
ACHIEVEMENTS = 4  # the user; the networks (menu); the total; one page of achievements with their pupils
RLS_CONTEXT = 1
DAY = date(2026, 10, 1)
MOMENT = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def _many(make, g, size: int):
    with_scan = []
    for n in range(size):
        pupil = make.pupil(g.school_a, f"Многих{n}", "Иван", class_label="7А")
        enrollment = make.enrollment(make.enrollment_request(g.reading, g.school_a), pupil, status="enrolled",
                                     group=g.reading_group)
        with_scan.append((pupil, enrollment))
    return with_scan


@pytest.mark.parametrize("size", [1, 30])
def test_statements_of_the_portfolio_and_the_schools_list_are_pinned_and_flat(app, make, read, count_queries,
                                                                               csrf_off, size):
    g = growth_world(make)
    many = _many(make, g, size)
    with read():
        db.session.execute(insert(Achievement.__table__), [
            {"network_id": g.network.id, "home_institution_id": g.school_a.id, "pupil_id": pupil.id,
             "recorded_by_institution_id": g.library.id, "programme_id": g.reading.id,
             "group_id": g.reading_group.id, "enrollment_id": enrollment.id, "kind": "contest", "level": "school",
             "result": "winner", "title": f"Конкурс {n}", "achieved_on": DAY, "created_at": MOMENT}
            for n, (pupil, enrollment) in enumerate(many)] + [
            {"network_id": g.network.id, "home_institution_id": g.school_a.id, "pupil_id": g.pupil.id,
             "recorded_by_institution_id": g.library.id, "programme_id": g.reading.id,
             "group_id": g.reading_group.id, "enrollment_id": g.reading_enrollment.id, "kind": "contest",
             "level": "school", "result": "winner", "title": f"Конкурс Соколовой {n}", "achieved_on": DAY,
             "created_at": MOMENT} for n in range(size)])
        db.session.commit()
    school = client_of(app, g.coordinator_a)
    extra = RLS_CONTEXT if app.extensions["test_connection"].dialect.name == "postgresql" else 0
    for url, budget in ((f"/i/school-a/growth/pupils/{g.pupil.id}", PORTFOLIO),
                        ("/i/school-a/growth/achievements", ACHIEVEMENTS)):
        school.get(url)
        with count_queries() as statements:
            response = school.get(url)
        assert response.status_code == 200 and "Конкурс" in response.get_data(as_text=True)
        assert len(statements) == budget + extra, (url, [" ".join(s.split("FROM")[1].split())[:40] for s in statements])


def test_the_history_names_a_flag_in_words(app, make, csrf_off):
    """The history keeps the flag's kind as a code; the page names it (it showed «…: special_needs — создано»)."""
    g, school = _portfolio_world(app, make)
    page = school.get("/i/school-a/history").get_data(as_text=True)
    assert "Отметка об обучающемся (одарённость, ОВЗ): ОВЗ (особые образовательные потребности)" in page
    assert "special_needs" not in page
