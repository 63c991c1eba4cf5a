"""request table outcomes: a conversation keeps a link to the project task it became

Revision ID: 0017_request_outcomes
Revises: 0016_monitoring
Create Date: 2026-11-29 20:25:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_request_outcomes'
down_revision = '0016_monitoring'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('request_conversations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('project_task_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_request_conversations_project_task_id_project_tasks'),
                                    'project_tasks', ['project_task_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('request_conversations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_request_conversations_project_task_id_project_tasks'),
                                 type_='foreignkey')
        batch_op.drop_column('project_task_id')
