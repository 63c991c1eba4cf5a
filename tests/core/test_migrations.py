"""The Alembic migrations build exactly the schema the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from workspace.extensions import db


def _not_a_search_words_index(name, kind, _parents) -> bool:
    """PostgreSQL's GIN indexes of the stored search words (migration 0043) live outside the models: SQLite has none,
    and an expression index in the models would not compare on SQLite."""
    return not (kind == "index" and name and name.endswith("_search_words"))


def test_models_and_migrations_agree(app):
    with app.app_context():
        connection = app.extensions["test_connection"]
        context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                               "include_name": _not_a_search_words_index})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], differences
