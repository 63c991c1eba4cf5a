"""plan items: a stored folded search text (title and responsible), filled for the existing items

Revision ID: 0019_plan_item_search_text
Revises: 0018_agreement_search_fold
Create Date: 2026-11-29 23:55:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_plan_item_search_text'
down_revision = '0018_agreement_search_fold'
branch_labels = None
depends_on = None


def _fold(text):  # the rule of workspace.core.text.fold, frozen here as this migration applies it
    return (text or "").lower().replace("ё", "е")


def upgrade():
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":  # the owner under forced row-level security: every row
        bind.execute(sa.text("SELECT set_config('workspace.unscoped', 'on', true)"))
    rows = bind.execute(sa.text("SELECT id, title, responsible FROM plan_items")).all()
    update = sa.text("UPDATE plan_items SET search_text = :search_text WHERE id = :id")
    for start in range(0, len(rows), 5_000):
        bind.execute(update, [{"id": row.id, "search_text": _fold(f"{row.title or ''}\n{row.responsible or ''}")}
                              for row in rows[start:start + 5_000]])


def downgrade():
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.drop_column('search_text')
