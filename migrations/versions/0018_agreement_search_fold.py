"""agreements: the stored search text folded like every other search column («ё» read as «е»)

Revision ID: 0018_agreement_search_fold
Revises: 0017_request_outcomes
Create Date: 2026-11-29 22:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0018_agreement_search_fold'
down_revision = '0017_request_outcomes'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":  # the owner under forced row-level security: every row
        op.execute("SELECT set_config('workspace.unscoped', 'on', true)")
    op.execute("UPDATE agreements SET search_text = replace(search_text, 'ё', 'е') WHERE search_text LIKE '%ё%'")


def downgrade():
    pass  # the folded text finds what the old one found
