"""Import of a roadmap from Excel or Word through core/import_preview.py: upload → preview (every row and doubt,
fixable) → saved whole."""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_login import current_user, login_required

from workspace.core.i18n import gettext as _
from workspace.core.import_preview import preview_step, upload_step
from workspace.core.word_tables import TableFileUploadForm
from workspace.projects import bp
from workspace.projects.access import editable_import_or_404, editable_project_or_404
from workspace.projects.editing import year_of
from workspace.projects.imports import ROADMAP_IMPORT, save_preview
from workspace.projects.models import RoadmapImport


@bp.route("/<int:project_id>/import", methods=["GET", "POST"])
@login_required
def import_roadmap(project_id: int):
    project = editable_project_or_404(project_id)
    draft = RoadmapImport(network_id=g.network.id, project_id=project.id, author_id=current_user.id)
    return upload_step(ROADMAP_IMPORT, draft, lambda draft: url_for(
        "projects.preview_roadmap", project_id=project.id, roadmap_import_id=draft.id),
        cancel_url=url_for("projects.show_project", project_id=project.id), form=TableFileUploadForm(),
        project=project)


@bp.route("/<int:project_id>/import/<int:roadmap_import_id>", methods=["GET", "POST"])
@login_required
def preview_roadmap(project_id: int, roadmap_import_id: int):
    project, draft = editable_import_or_404(project_id, roadmap_import_id)

    def save(preview):
        saved = save_preview(project, preview)
        flash(_("В дорожную карту загружено задач: %(n)d.", n=saved), "success")
        return redirect(url_for("projects.show_project", project_id=project.id, _anchor="roadmap"))

    return preview_step(ROADMAP_IMPORT, draft, save, year=year_of(project),
                        upload_url=url_for("projects.import_roadmap", project_id=project.id),
                        cancel_url=url_for("projects.show_project", project_id=project.id), project=project)
