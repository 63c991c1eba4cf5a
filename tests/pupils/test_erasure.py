"""A parent's request to erase: the pupil's personal data is gone from every text and JSON column of every
table (the audit history too), while marks and counts stay — the group's figures do not change."""
from __future__ import annotations

import json

from sqlalchemy import JSON, String, select

from tenants.rls import apply_context
from tests.pupils.flow import MARKERS, attendance_figures, planted_pupil
from workspace.extensions import db
from workspace.journal.models import Mark
from workspace.pupils.models import Pupil


def markers_in_database(read, markers) -> set[tuple[str, str, str]]:
    """(table, column, marker) for every marker found in any string or JSON column of any table."""
    wanted = [marker.lower() for marker in markers]
    found = set()
    with read():
        apply_context(db.session(), None, unscoped=True)  # PostgreSQL: every row, whoever owns it
        connection = db.session.connection()
        for table in db.metadata.sorted_tables:
            columns = [column for column in table.columns if isinstance(column.type, (String, JSON))]
            if not columns:
                continue
            for row in connection.execute(select(*columns)):
                for column, value in zip(columns, row):
                    if value is None:
                        continue
                    text = (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)).lower()
                    found.update((table.name, column.name, marker) for marker in wanted if marker in text)
    return found


def _marks(read, group_id):
    with read():
        return sorted(db.session.execute(select(Mark.enrollment_id, Mark.lesson_id, Mark.attendance, Mark.grade)
                                         .where(Mark.group_id == group_id)).all())


def test_erasure_leaves_no_personal_datum_anywhere_and_keeps_the_figures(app, make, read, csrf_off):
    flow = planted_pupil(app, make, read)
    planted = markers_in_database(read, MARKERS.values())
    assert {marker for _t, _c, marker in planted} == {m.lower() for m in MARKERS.values()}, planted
    assert {table for table, _c, _m in planted} >= {"pupils", "applications", "enrollments", "certificates",
                                                    "pupil_consents", "institution_audit_entries",
                                                    "network_audit_entries"}
    figures, marks = attendance_figures(flow.teacher, flow.grid), _marks(read, flow.w.group.id)
    url = f"/i/school-a/pupils/{flow.pupil_id}/erase"

    page = flow.school.get(url).get_data(as_text=True)
    assert "Удалить персональные данные обучающегося?" in page and "безвозвратно" in page
    response = flow.school.post(url, data={"surname": "Другая"})
    assert response.status_code == 422 and "Фамилия не совпадает" in response.get_data(as_text=True)
    assert markers_in_database(read, MARKERS.values()) == planted  # a wrong surname changes nothing

    response = flow.school.post(url, data={"surname": MARKERS["surname"].upper()})
    assert response.status_code == 302
    page = flow.school.get(f"/i/school-a/pupils/{flow.pupil_id}").get_data(as_text=True)
    assert f"Обучающийся удалён (№ {flow.pupil_id})" in page and "Персональные данные обучающегося удалены" in page

    assert markers_in_database(read, MARKERS.values()) == set()
    with read():
        pupil = db.session.scalar(select(Pupil).where(Pupil.id == flow.pupil_id))
        assert (pupil.is_depersonalised, pupil.birth_on, pupil.is_active) == (True, None, False)
    assert _marks(read, flow.w.group.id) == marks
    assert attendance_figures(flow.teacher, flow.grid) == figures
    assert f"Обучающийся удалён (№ {flow.pupil_id})" in flow.teacher.get(flow.grid).get_data(as_text=True)
    assert flow.school.get(url).status_code == 404  # nothing left to erase
    assert flow.school.get(f"/i/school-a/pupils/{flow.pupil_id}/personal-data.docx").status_code == 404


def test_only_the_schools_managers_erase(app, make, client, login_as, read):
    from tests.journal.helpers import mixed_group
    w = mixed_group(make)
    pupil_id = w.enrollments_a[0].pupil_id
    login_as(w.teacher_a)
    assert client.get(f"/i/school-a/pupils/{pupil_id}/erase").status_code == 403
    assert client.post(f"/i/school-a/pupils/{pupil_id}/erase", data={"surname": "Алексеев0"}).status_code in (400, 403)
    with read():
        assert db.session.scalar(select(Pupil.surname).where(Pupil.id == pupil_id)) == "Алексеев0"
