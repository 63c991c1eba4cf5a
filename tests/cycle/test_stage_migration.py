"""Migration 0042 gives the analysis an optional stage and period: a year's analysis stays one per network and year,
a stage's analysis of the same year stands beside it; downgrade drops the stages' analyses and the columns."""
from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from workspace import create_app
from workspace.config import TestConfig
from workspace.extensions import db

NOW = "2026-09-01 00:00:00"
INSERT = ("INSERT INTO yearly_analyses (network_id, start_year, conclusion, status, version, created_at{extra}) "
          "VALUES (1, 2026, '', 'draft', 1, :now{values})")


def _seed(connection):
    connection.execute(text(
        "INSERT INTO institutions (id, slug, kind, full_name, short_name, city, address, phone, email, website, "
        "mission, version, created_at) VALUES (1, 's', 'school', 'Школа', 'Школа', '', '', '', '', '', '', 1, :now)"),
        {"now": NOW})
    connection.execute(text(
        "INSERT INTO networks (id, slug, name, goal, tasks, starts_on, ends_on, base_institution_id, version, "
        "created_at) VALUES (1, 'n', 'Сеть', '', '', '2026-09-01', '2027-05-31', 1, 1, :now)"), {"now": NOW})
    connection.execute(text(INSERT.format(extra="", values="")), {"now": NOW})


def test_a_stage_analysis_stands_beside_the_years_and_goes_on_downgrade(tmp_path):
    app = create_app(TestConfig(f"sqlite:///{tmp_path / 'stage.db'}"))
    try:
        with app.app_context():
            upgrade(revision="0037_attestation")
            with db.engine.begin() as connection:
                _seed(connection)
            upgrade(revision="0042_analysis_stage")
            stage = INSERT.format(extra=", stage_title, starts_on, ends_on",
                                  values=", 'Практический', '2026-09-01', '2027-05-31'")
            with db.engine.begin() as connection:
                connection.execute(text(stage), {"now": NOW})
            with pytest.raises(IntegrityError), db.engine.begin() as connection:
                connection.execute(text(INSERT.format(extra="", values="")), {"now": NOW})
            with db.engine.connect() as connection:
                rows = connection.execute(text(
                    "SELECT start_year, stage_title, starts_on FROM yearly_analyses ORDER BY id")).all()
            assert [tuple(row) for row in rows] == [(2026, "", None), (2026, "Практический", "2026-09-01")]

            downgrade(revision="0037_attestation")
            with db.engine.connect() as connection:
                back = connection.execute(text("SELECT start_year FROM yearly_analyses")).all()
                columns = {row[1] for row in connection.execute(text("PRAGMA table_info(yearly_analyses)"))}
            assert [tuple(row) for row in back] == [(2026,)] and "stage_id" not in columns
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
