"""Import of a plan from Excel or Word through core/import_preview.py: upload → preview (every row and doubt, fixable)
→ saved whole."""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.import_preview import preview_step, upload_step
from workspace.core.word_tables import TableFileUploadForm
from workspace.extensions import db
from workspace.plans import bp
from workspace.plans.access import editable_import_or_404, editable_plan_or_404
from workspace.plans.approval import require_editable
from workspace.plans.imports import PLAN_IMPORT, save_preview
from workspace.plans.models import PlanImport, PlanSection


def _require_sections_editable(plan, titles: set[str]) -> None:
    """Rows go into existing sections by title: a section on approval or approved takes none."""
    for section in db.session.scalars(select(PlanSection).where(PlanSection.plan_id == plan.id,
                                                                PlanSection.title.in_(titles))):
        require_editable(plan, section=section)


@bp.route("/<int:plan_id>/import", methods=["GET", "POST"])
@login_required
def import_plan(plan_id: int):
    plan = editable_plan_or_404(plan_id)
    draft = PlanImport(network_id=g.network.id, plan_id=plan.id, author_id=current_user.id)
    return upload_step(PLAN_IMPORT, draft,
                       lambda draft: url_for("plans.preview_import", plan_id=plan.id, import_id=draft.id),
                       cancel_url=url_for("plans.show_plan", plan_id=plan.id), form=TableFileUploadForm(), plan=plan)


@bp.route("/<int:plan_id>/import/<int:import_id>", methods=["GET", "POST"])
@login_required
def preview_import(plan_id: int, import_id: int):
    plan, draft = editable_import_or_404(plan_id, import_id)

    def save(preview):
        _require_sections_editable(plan, {row.section[:400] for row in preview.rows})
        saved = save_preview(plan, preview)
        if preview.doubts:
            flash(_("Загружено мероприятий: %(n)d. Строк с сомнениями: %(doubts)d — они отмечены в плане.",
                    n=saved, doubts=preview.doubts), "success")
        else:
            flash(_("Загружено мероприятий: %(n)d. Все строки прочитаны без сомнений.", n=saved), "success")
        return redirect(url_for("plans.show_plan", plan_id=plan.id))

    return preview_step(PLAN_IMPORT, draft, save, year=AcademicYear(plan.start_year),
                        upload_url=url_for("plans.import_plan", plan_id=plan.id),
                        cancel_url=url_for("plans.show_plan", plan_id=plan.id), plan=plan)
