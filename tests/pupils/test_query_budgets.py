"""Statements of the school's page «Кто просматривал данные обучающихся»: pinned, the same for few and many reads."""
from __future__ import annotations

import pytest
from sqlalchemy import insert

from workspace.extensions import db
from workspace.pupils.models import PupilRead

READS = 4  # the user; the networks of the school (menu); the total of reads; one page of them with their pupils
#           (the filter takes a typed name: no list of the school's pupils, which grew with the school)
RLS_CONTEXT = 1  # on PostgreSQL an /i/ page sets the row-level-security context once


@pytest.mark.parametrize("size", [2, 60])
def test_reads_page_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, read, size):
    school = make.institution("Школа просмотров", slug="reads-school")
    provider = make.institution("ЦДО просмотров", kind="supplementary", slug="reads-cdo")
    coordinator = make.user(school, "coordinator")
    pupils = [make.pupil(school, f"Просмотров{n}", "Иван") for n in range(size)]
    with read():
        db.session.execute(insert(PupilRead.__table__), [
            {"institution_id": school.id, "pupil_id": pupil.id, "reader_name": "Педагог ЦДО",
             "reader_institution_id": provider.id, "kind": "journal", "object_id": 1} for pupil in pupils])
        db.session.commit()
    login_as(coordinator)
    client.get("/i/reads-school/pupils/reads")
    with count_queries() as statements:
        response = client.get("/i/reads-school/pupils/reads")
    assert response.status_code == 200 and "Педагог ЦДО" in response.get_data(as_text=True)
    expected = READS + (RLS_CONTEXT if app.extensions["test_connection"].dialect.name == "postgresql" else 0)
    assert len(statements) == expected, "\n".join(statements)
