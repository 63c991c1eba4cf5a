"""A parent's request for everything held on a pupil: one Russian .docx with every kind of datum."""
from __future__ import annotations

import io

from docx import Document

from tests.pupils.flow import MARKERS, planted_pupil


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def test_the_export_holds_everything_about_the_pupil(app, make, read, csrf_off):
    flow = planted_pupil(app, make, read)
    response = flow.school.get(f"/i/school-a/pupils/{flow.pupil_id}/personal-data.docx")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.mimetype.endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.author == flow.w.school_a.full_name
    text = _text(response.data)
    m = MARKERS
    assert "Сведения о персональных данных обучающегося" in text
    for datum in (m["surname"], m["name"], m["patronymic"], "19.07.2013", m["parent_name"], m["parent_phone"],
                  m["parent_email"],  # the registry
                  "обработка персональных данных для обучения по сетевой программе", "публикация фото и видео",
                  m["document"], "отозвано 01.10.2026", m["withdrawal_note"],  # consents and withdrawals
                  "02.09.2026", m["note"], "включено в заявку",  # applications
                  "Робототехника", "Шахматы", "ЦДО", "Роботы-1", "окончил обучение", "отказано",
                  m["decline_reason"],  # enrollments
                  "Тема 1", "присутствовал", "отсутствовал", "Тема 3", " | 4",  # attendance and grades per lesson
                  f"{flow.w.lesson_rows[0].held_on:%d.%m.%Y}", "программа освоена",  # lessons, certificate
                  "Документы об обучении", "-0001",
                  "Просмотры данных другими учреждениями", "Педагог Группы", "Сетевой журнал группы",
                  "Заявка в организацию: ФИО и класс", "Выдача документов об обучении"):  # reads
        assert datum in text, datum


def test_others_of_the_school_do_not_export(make, client, login_as):
    from tests.journal.helpers import mixed_group
    w = mixed_group(make)
    login_as(w.teacher_a)
    assert client.get(f"/i/school-a/pupils/{w.enrollments_a[0].pupil_id}/personal-data.docx").status_code == 403
