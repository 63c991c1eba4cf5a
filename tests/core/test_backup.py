"""A populated database survives backup → damage → restore, table by table, on both databases."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, text, update

from tests.fixtures import database
from workspace import create_app
from workspace.config import TestConfig
from workspace.extensions import db


@pytest.fixture
def committed_database(tmp_path):
    """A database of its own with committed demo data (backups read what is committed)."""
    from flask_migrate import upgrade

    from workspace.demo.loader import load_demo

    server = database.server_url()
    url = database.create_postgres_database(server, suffix="backup") if server else f"sqlite:///{tmp_path / 'live.db'}"
    app = create_app(TestConfig(url))
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if server:
        database.drop_postgres_database(url, drop_role=False)


def _snapshot(app) -> dict[str, list[tuple]]:
    with app.app_context(), db.engine.connect() as connection:
        return {table.name: [tuple(row) for row in connection.execute(
                    text(f'SELECT * FROM "{table.name}" ORDER BY 1'))]
                for table in db.metadata.sorted_tables}


def test_backup_and_restore_round_trip_every_table(committed_database, tmp_path):
    app = committed_database
    before = _snapshot(app)
    assert sum(len(rows) for rows in before.values()) > 50
    runner = app.test_cli_runner()
    result = runner.invoke(args=["backup", str(tmp_path / "copy.backup")])
    assert result.exit_code == 0, result.output
    from tenants.models import Membership, Seat
    from workspace.desk.models import Note
    with app.app_context(), db.engine.begin() as connection:  # damage: the owner bypasses the app, as an accident would
        connection.execute(delete(Note.__table__))
        connection.execute(delete(Seat.__table__))
        connection.execute(update(Membership.__table__).values(version=99))
    assert _snapshot(app) != before
    result = runner.invoke(args=["restore", "--yes", str(tmp_path / "copy.backup")])
    assert result.exit_code == 0, result.output
    assert _snapshot(app) == before


def test_restore_refuses_a_file_that_is_not_a_backup(committed_database, tmp_path):
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"PK\x03\x04 not a database at all" * 100)
    before = _snapshot(committed_database)
    result = committed_database.test_cli_runner().invoke(args=["restore", "--yes", str(junk)])
    assert result.exit_code != 0
    assert _snapshot(committed_database) == before
