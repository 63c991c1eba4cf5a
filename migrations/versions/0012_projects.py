"""joint network projects: stages, roadmap tasks, indicators, documents, discussion, roadmap imports

Revision ID: 0012
Revises: 0010_owner_indexes_and_policies
Create Date: 2026-11-29 18:34:17.869680

"""
from alembic import op
import sqlalchemy as sa

# Row-level security on PostgreSQL: the SQL the RLS helper of tenants/ produced for this migration when it was
# written (commit 395eeb5), as fixed text: a migration must not change when the helper does.
RLS_SQL = (
    """\
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "projects" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "projects";
CREATE POLICY owner_isolation ON "projects" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "project_participants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_participants" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "project_participants";
CREATE POLICY owner_isolation ON "project_participants" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "project_stages" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_stages" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "project_stages";
CREATE POLICY owner_isolation ON "project_stages" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "project_tasks" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_tasks" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "project_tasks";
CREATE POLICY owner_isolation ON "project_tasks" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "project_task_institutions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_task_institutions" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "project_task_institutions";
CREATE POLICY owner_isolation ON "project_task_institutions" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "project_indicators" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_indicators" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "project_indicators";
CREATE POLICY owner_isolation ON "project_indicators" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "project_documents" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_documents" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "project_documents";
CREATE POLICY owner_isolation ON "project_documents" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "project_comments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_comments" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "project_comments";
CREATE POLICY owner_isolation ON "project_comments" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "project_mentions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_mentions" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "project_mentions";
CREATE POLICY owner_isolation ON "project_mentions" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
    """\
ALTER TABLE "roadmap_imports" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "roadmap_imports" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_isolation ON "roadmap_imports";
CREATE POLICY owner_isolation ON "roadmap_imports" USING ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[])) WITH CHECK ((SELECT workspace_unscoped()) OR network_id = ANY ((SELECT workspace_networks())::integer[]));
""",
)


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011_agreements'
branch_labels = None
depends_on = None


def upgrade():
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('goal', sa.Text(), nullable=False),
    sa.Column('tasks', sa.Text(), nullable=False),
    sa.Column('direction', sa.Enum('technical', 'natural_science', 'sports', 'arts', 'tourism', 'social', name='project_direction', native_enum=False, length=32), nullable=False),
    sa.Column('lead_institution_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'approved', 'returned', 'rejected', name='project_status', native_enum=False, length=32), nullable=False),
    sa.Column('resources_staff', sa.Text(), nullable=False),
    sa.Column('resources_information', sa.Text(), nullable=False),
    sa.Column('resources_material', sa.Text(), nullable=False),
    sa.Column('resources_methodical', sa.Text(), nullable=False),
    sa.Column('resources_social', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['lead_institution_id'], ['institutions.id'], name=op.f('fk_projects_lead_institution_id_institutions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_projects_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('id', 'network_id', name=op.f('uq_projects_id_network_id'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_direction'), ['direction'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_lead_institution_id'), ['lead_institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_network_id'), ['network_id'], unique=False)

    op.create_table('project_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_project_comments_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_project_comments_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id', 'network_id'], ['projects.id', 'projects.network_id'], name=op.f('fk_project_comments_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_comments')),
    sa.UniqueConstraint('id', 'network_id', name=op.f('uq_project_comments_id_network_id'))
    )
    with op.batch_alter_table('project_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_comments_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_comments_project_id'), ['project_id'], unique=False)

    op.create_table('project_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_project_documents_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_project_documents_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id', 'network_id'], ['projects.id', 'projects.network_id'], name=op.f('fk_project_documents_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_documents'))
    )
    with op.batch_alter_table('project_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_documents_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_documents_project_id'), ['project_id'], unique=False)

    op.create_table('project_indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=400), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('target_value', sa.Float(), nullable=False),
    sa.Column('actual_value', sa.Float(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_project_indicators_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id', 'network_id'], ['projects.id', 'projects.network_id'], name=op.f('fk_project_indicators_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_indicators'))
    )
    with op.batch_alter_table('project_indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_indicators_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_indicators_project_id'), ['project_id'], unique=False)

    op.create_table('project_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], name=op.f('fk_project_participants_institution_id_institutions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_project_participants_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id', 'network_id'], ['projects.id', 'projects.network_id'], name=op.f('fk_project_participants_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_participants')),
    sa.UniqueConstraint('project_id', 'institution_id', name=op.f('uq_project_participants_project_id_institution_id'))
    )
    with op.batch_alter_table('project_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_participants_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_participants_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_participants_project_id'), ['project_id'], unique=False)

    op.create_table('project_stages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_project_stages_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id', 'network_id'], ['projects.id', 'projects.network_id'], name=op.f('fk_project_stages_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_stages')),
    sa.UniqueConstraint('id', 'network_id', name=op.f('uq_project_stages_id_network_id'))
    )
    with op.batch_alter_table('project_stages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_stages_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_stages_project_id'), ['project_id'], unique=False)

    op.create_table('roadmap_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_roadmap_imports_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_roadmap_imports_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id', 'network_id'], ['projects.id', 'projects.network_id'], name=op.f('fk_roadmap_imports_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmap_imports'))
    )
    with op.batch_alter_table('roadmap_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmap_imports_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_imports_project_id'), ['project_id'], unique=False)

    op.create_table('project_mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['comment_id', 'network_id'], ['project_comments.id', 'project_comments.network_id'], name=op.f('fk_project_mentions_comment_id_project_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_project_mentions_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_project_mentions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_mentions')),
    sa.UniqueConstraint('comment_id', 'user_id', name=op.f('uq_project_mentions_comment_id_user_id'))
    )
    with op.batch_alter_table('project_mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_mentions_comment_id'), ['comment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_mentions_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_mentions_user_id'), ['user_id'], unique=False)

    op.create_table('project_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('task', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('timing', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('timing_is_read', sa.Boolean(), nullable=False),
    sa.Column('expected_result', sa.Text(), nullable=False),
    sa.Column('report_form', sa.Text(), nullable=False),
    sa.Column('responsible', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('planned', 'in_progress', 'done', 'cancelled', name='project_task_status', native_enum=False, length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_project_tasks_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id', 'network_id'], ['projects.id', 'projects.network_id'], name=op.f('fk_project_tasks_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['project_stages.id'], name=op.f('fk_project_tasks_stage_id_project_stages'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_tasks')),
    sa.UniqueConstraint('id', 'network_id', name=op.f('uq_project_tasks_id_network_id'))
    )
    with op.batch_alter_table('project_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_tasks_ends_on'), ['ends_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_tasks_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_tasks_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_tasks_stage_id'), ['stage_id'], unique=False)

    op.create_table('project_task_institutions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], name=op.f('fk_project_task_institutions_institution_id_institutions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_project_task_institutions_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id', 'network_id'], ['project_tasks.id', 'project_tasks.network_id'], name=op.f('fk_project_task_institutions_task_id_project_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_task_institutions')),
    sa.UniqueConstraint('task_id', 'institution_id', name=op.f('uq_project_task_institutions_task_id_institution_id'))
    )
    with op.batch_alter_table('project_task_institutions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_task_institutions_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_task_institutions_task_id'), ['task_id'], unique=False)

    # ### end Alembic commands ###

    if op.get_bind().dialect.name == "postgresql":
        for statement in RLS_SQL:
            op.execute(statement)


def downgrade():
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('project_task_institutions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_task_institutions_task_id'))
        batch_op.drop_index(batch_op.f('ix_project_task_institutions_network_id'))

    op.drop_table('project_task_institutions')
    with op.batch_alter_table('project_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_tasks_stage_id'))
        batch_op.drop_index(batch_op.f('ix_project_tasks_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_tasks_network_id'))
        batch_op.drop_index(batch_op.f('ix_project_tasks_ends_on'))

    op.drop_table('project_tasks')
    with op.batch_alter_table('project_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_mentions_user_id'))
        batch_op.drop_index(batch_op.f('ix_project_mentions_network_id'))
        batch_op.drop_index(batch_op.f('ix_project_mentions_comment_id'))

    op.drop_table('project_mentions')
    with op.batch_alter_table('roadmap_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmap_imports_project_id'))
        batch_op.drop_index(batch_op.f('ix_roadmap_imports_network_id'))

    op.drop_table('roadmap_imports')
    with op.batch_alter_table('project_stages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_stages_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_stages_network_id'))

    op.drop_table('project_stages')
    with op.batch_alter_table('project_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_participants_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_participants_network_id'))
        batch_op.drop_index(batch_op.f('ix_project_participants_institution_id'))

    op.drop_table('project_participants')
    with op.batch_alter_table('project_indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_indicators_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_indicators_network_id'))

    op.drop_table('project_indicators')
    with op.batch_alter_table('project_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_documents_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_documents_network_id'))

    op.drop_table('project_documents')
    with op.batch_alter_table('project_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_comments_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_comments_network_id'))

    op.drop_table('project_comments')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_network_id'))
        batch_op.drop_index(batch_op.f('ix_projects_lead_institution_id'))
        batch_op.drop_index(batch_op.f('ix_projects_direction'))

    op.drop_table('projects')
    # ### end Alembic commands ###
