"""Migration 0038 moves the memberships' forms of interaction and social effect into member rows of the interaction
model (one per membership that had either, numbered in the memberships' order) and back on downgrade."""
from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from workspace import create_app
from workspace.config import TestConfig
from workspace.extensions import db

NOW = "2026-09-01 00:00:00"


def _seed(connection):
    for number, name in enumerate(("Школа", "Театр", "Музей", "Библиотека"), start=1):
        connection.execute(text(
            "INSERT INTO institutions (id, slug, kind, full_name, short_name, city, address, phone, email, website, "
            "mission, version, created_at) VALUES (:id, :slug, 'school', :name, :name, '', '', '', '', '', '', 1, :now)"),
            {"id": number, "slug": f"i{number}", "name": name, "now": NOW})
    connection.execute(text(
        "INSERT INTO networks (id, slug, name, goal, tasks, starts_on, ends_on, base_institution_id, version, "
        "created_at) VALUES (1, 'n', 'Сеть', '', '', '2026-09-01', '2027-05-31', 1, 1, :now)"), {"now": NOW})
    members = ((1, 1, "base", "", ""), (2, 2, "social_partner", "Спектакли\nЭкскурсии", "Культура"),
               (3, 3, "social_partner", "", ""), (4, 4, "social_partner", "", "Чтение"))
    for member_id, institution_id, role, forms, effect in members:
        connection.execute(text(
            "INSERT INTO memberships (id, network_id, institution_id, role, interaction_forms, social_effect, "
            "version, created_at) VALUES (:id, 1, :institution, :role, :forms, :effect, 1, :now)"),
            {"id": member_id, "institution": institution_id, "role": role, "forms": forms, "effect": effect,
             "now": NOW})


def test_the_memberships_forms_become_rows_and_come_back(tmp_path):
    app = create_app(TestConfig(f"sqlite:///{tmp_path / 'move.db'}"))
    try:
        with app.app_context():
            upgrade(revision="0034_programme_passport")
            with db.engine.begin() as connection:
                _seed(connection)
            upgrade(revision="0038_interaction_model")
            with db.engine.connect() as connection:
                rows = connection.execute(text(
                    "SELECT network_id, position, kind, institution_id, partner_name, forms, social_effect "
                    "FROM interaction_rows ORDER BY position")).all()
                columns = {row[1] for row in connection.execute(text("PRAGMA table_info(memberships)"))}
            assert [tuple(row) for row in rows] == [(1, 1, "member", 2, "", "Спектакли\nЭкскурсии", "Культура"),
                                                    (1, 2, "member", 4, "", "", "Чтение")]
            assert "interaction_forms" not in columns and "social_effect" not in columns

            downgrade(revision="0034_programme_passport")
            with db.engine.connect() as connection:
                back = connection.execute(text(
                    "SELECT institution_id, interaction_forms, social_effect FROM memberships ORDER BY id")).all()
            assert [tuple(row) for row in back] == [(1, "", ""), (2, "Спектакли\nЭкскурсии", "Культура"),
                                                    (3, "", ""), (4, "", "Чтение")]
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
