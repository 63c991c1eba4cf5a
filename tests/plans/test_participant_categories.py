"""Participants of an event report by category (issue 20 part 3): pupils by class, parents, teachers and other
adults per institution; the migration reads the rows written before as pupils (with classes) and others."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import post_form
from tests.plans.test_event_reports import _setup, _url
from workspace.extensions import db
from workspace.plans.report_models import EventParticipation


def test_a_report_counts_parents_teachers_and_other_adults(client, make, login_as, read):
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    page = client.get(_url(plan, item)).get_data(as_text=True)
    assert 'name="p-0-category"' in page and "Родители" in page and "Педагоги" in page
    response = post_form(client, _url(plan, item), {
        "held_from": "2020-04-17", "held_to": "2020-04-17", "version": "0", "rows": "6",
        "p-0-institution": school.id, "p-0-category": "pupils", "p-0-grade": "5", "p-0-count": "25",
        "p-1-institution": school.id, "p-1-category": "parents", "p-1-count": "7",
        "p-2-institution": school.id, "p-2-category": "teachers", "p-2-count": "2",
        "p-3-institution": library.id, "p-3-category": "others", "p-3-count": "3",
        "p-4-institution": school.id, "p-4-grade": "6", "p-4-count": "20"})  # no category: pupils
    assert response.status_code == 302
    with read():
        rows = sorted((p.category, p.grade_from, p.count) for p in db.session.scalars(select(EventParticipation)))
    assert rows == [("others", None, 3), ("parents", None, 7), ("pupils", 5, 25), ("pupils", 6, 20),
                    ("teachers", None, 2)]
    page = client.get(_url(plan, item)).get_data(as_text=True)
    assert "Всего участников: 57" in page
    assert "Обучающиеся: 45" in page and "Родители: 7" in page and "Педагоги: 2" in page
    assert "Другие взрослые: 3" in page
    assert '<option value="parents" selected>' in page


def test_classes_of_adults_and_unknown_categories_are_refused(client, make, login_as, read):
    school, library, _outsider, plan, item = _setup(make)
    login_as(make.user(library, "coordinator"))
    response = post_form(client, _url(plan, item), {
        "held_from": "2020-04-17", "held_to": "2020-04-17", "version": "0", "rows": "6",
        "p-0-institution": school.id, "p-0-category": "parents", "p-0-grade": "5", "p-0-count": "25",
        "p-1-institution": school.id, "p-1-category": "grandparents", "p-1-count": "4"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "строка 1: класс указывают только для обучающихся" in page
    assert "строка 2: выберите, кто участвовал" in page
    with read():
        assert db.session.scalars(select(EventParticipation)).all() == []


def test_the_migration_reads_old_rows_as_pupils_and_others():
    import importlib.util
    from pathlib import Path

    import sqlalchemy as sa
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    path = Path(__file__).parents[2] / "migrations" / "versions" / "0041_participant_categories.py"
    spec = importlib.util.spec_from_file_location("migration_0041", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    engine = sa.create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE interaction_rows (id INTEGER PRIMARY KEY)"))
        connection.execute(sa.text("CREATE TABLE monitoring_indicators (id INTEGER PRIMARY KEY, title TEXT)"))
        connection.execute(sa.text("CREATE TABLE event_participations (id INTEGER PRIMARY KEY, grade_from SMALLINT, "
                                   "grade_to SMALLINT, count INTEGER NOT NULL)"))
        connection.execute(sa.text("INSERT INTO event_participations VALUES (1, 7, 7, 20), (2, NULL, NULL, 3)"))
        with Operations.context(MigrationContext.configure(connection)):
            migration.upgrade()
            assert connection.execute(sa.text("SELECT id, category FROM event_participations ORDER BY id")).all() == [
                (1, "pupils"), (2, "others")]
            migration.downgrade()
            assert connection.execute(sa.text("SELECT * FROM event_participations ORDER BY id")).all() == [
                (1, 7, 7, 20), (2, None, None, 3)]
    engine.dispose()
