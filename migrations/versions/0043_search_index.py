"""the global search on an index (PostgreSQL): a GIN index over ``to_tsvector('simple', search_text)`` of every
table with a stored search column (``keep_search_text``), for its full-text prefix query («класс:*») that narrows
the rows before their word starts are checked; SQLite keeps its LIKE over the stored words (nothing to create)

Revision ID: 0043_search_index
Revises: 0044_calendar_chronicle_indexes
Create Date: 2026-12-05 00:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0043_search_index'
down_revision = "0044_calendar_chronicle_indexes"
branch_labels = None
depends_on = None

TABLES = ("institutions", "users", "plan_items", "plans", "programme_passports", "meetings", "agenda_items", "projects",
          "agreements", "programmes", "pupils", "materials", "normative_documents", "resource_requests", "certificates")


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"CREATE INDEX ix_{table}_search_words ON {table} "
                   f"USING gin (to_tsvector('simple'::regconfig, search_text))")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP INDEX ix_{table}_search_words")
