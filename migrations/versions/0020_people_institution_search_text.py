"""users and institutions: a stored folded search text (names, position), filled for the existing rows

Revision ID: 0020_people_institution_search
Revises: 0019_plan_item_search_text
Create Date: 2026-11-30 00:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020_people_institution_search'  # alembic_version holds 32 characters at most
down_revision = '0019_plan_item_search_text'
branch_labels = None
depends_on = None

# table: the two columns the global search matches, in the order they are joined
SOURCES = {"users": ("full_name", "position"), "institutions": ("short_name", "full_name")}


def _fold(text):  # the rule of workspace.core.text.fold, frozen here as this migration applies it
    return (text or "").lower().replace("ё", "е")


def upgrade():
    bind = op.get_bind()
    for table, (first, second) in SOURCES.items():  # identity tables: no row-level security on either
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
        rows = bind.execute(sa.text(f'SELECT id, "{first}", "{second}" FROM {table}')).all()
        update = sa.text(f"UPDATE {table} SET search_text = :search_text WHERE id = :id")
        for start in range(0, len(rows), 5_000):
            bind.execute(update, [{"id": row[0], "search_text": _fold(f"{row[1] or ''}\n{row[2] or ''}")}
                                  for row in rows[start:start + 5_000]])


def downgrade():
    # ALTER TABLE … DROP COLUMN on both (SQLite ≥ 3.35): a batch copy would drop and rebuild users and
    # institutions, which with foreign keys on checks every referencing table row by row (over ten minutes
    # at city scale, cut short here without finishing)
    for table in SOURCES:
        op.drop_column(table, 'search_text')
