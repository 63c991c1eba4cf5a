"""Project pages: the network's list of projects, a new project, one project's page and its description."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import current_user, login_required

from tenants.permissions import is_base_manager
from workspace.core.access import require
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.labels import choices
from workspace.core.locking import is_stale
from workspace.core.pagination import paginate
from workspace.core.rendering import render
from workspace.council.approval import approval_history, approved_protocol
from workspace.council.forms import SubmitForm
from workspace.extensions import db
from workspace.plans.queries import member_institutions
from workspace.projects import bp
from workspace.projects.access import editable_project_or_404, may_edit
from workspace.projects.editing import apply_project_form, create_project, set_participants
from workspace.projects.forms import (
    CommentForm,
    DocumentForm,
    IndicatorForm,
    ProjectForm,
    ResourcesForm,
    StageForm,
    TaskForm,
)
from workspace.projects.models import RESOURCE_KINDS, RESOURCE_LABELS, Direction, ProjectStatus
from workspace.projects.permissions import can_create_project, can_edit_project, can_mark_task, can_take_part
from workspace.projects.progress import progress_of
from workspace.projects.queries import (
    comments_of,
    documents_and_materials,
    indicators_of,
    participants_of,
    project_participants_stages_or_404,
    projects_statement,
    stages_of,
    tasks_with_links,
)


def _choice(value: str | None, enum_cls) -> str | None:
    return value if value in {member.value for member in enum_cls} else None


@bp.get("/")
@login_required
def list_projects():
    direction = _choice(request.args.get("direction"), Direction)
    status = _choice(request.args.get("status"), ProjectStatus)
    participant = request.args.get("participant", type=int)
    members = member_institutions()
    if participant not in {member_id for member_id, _name in members}:
        participant = None
    page = paginate(projects_statement(direction, status, participant), scalars=False)
    filters = {key: value for key, value in (("direction", direction), ("status", status),
                                              ("participant", participant)) if value}
    return render("projects/list.html", page=page, filters=filters, members=members,
                  directions=choices(Direction), statuses=choices(ProjectStatus),
                  can_create=can_create_project(g.network), partials={"project-list": "projects/_list.html"})


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_project():
    require(can_create_project(g.network))
    members = member_institutions()
    form = ProjectForm(members)
    if request.method == "GET":
        form.lead_institution_id.data = current_user.institution_id
        form.participant_ids.data = [current_user.institution_id]
    if form.validate_on_submit():
        if form.lead_institution_id.data != current_user.institution_id and not _is_base():
            form.lead_institution_id.errors.append(
                _("Ведущим учреждением может быть только ваше учреждение (другое назначает базовая организация)."))
        else:
            project = create_project(form)
            flash(_("Проект создан с четырьмя этапами. Заполните дорожную карту или загрузите её из Excel или Word."), "success")
            return redirect(url_for("projects.show_project", project_id=project.id))
    return render("projects/edit.html", form=form, project=None, status=422 if form.errors else 200)


def _is_base() -> bool:
    return is_base_manager(g.network)


def page_context(project, participants_and_stages: tuple | None = None, **overrides) -> dict:
    """What the project page shows; ``participants_and_stages`` when they were read with the project."""
    participants, stages = participants_and_stages or (participants_of(project.id), stages_of(project.id))
    participant_ids = {institution_id for institution_id, _name in participants}
    tasks, links = tasks_with_links(project.id)
    indicators = indicators_of(project.id)
    history = approval_history("project", project.id)
    editor = can_edit_project(g.network, project)
    stage_choices = [(stage.id, stage.title) for stage in stages]
    documents, bank_materials = documents_and_materials(project.id)
    context = {
        "project": project, "participants": participants, "participant_ids": participant_ids,
        "lead_name": next((name for i, name in participants if i == project.lead_institution_id), ""),
        "stages": stages, "stage_names": dict(stage_choices), "tasks": tasks, "links": links,
        "indicators": indicators, "documents": documents, "comments": comments_of(project.id),
        "bank_materials": bank_materials,
        "resource_kinds": [(kind, RESOURCE_LABELS[kind], project.resources(kind)) for kind in RESOURCE_KINDS],
        "is_editor": editor, "can_edit": may_edit(project),
        "can_take_part": can_take_part(g.network, project, participant_ids),
        "status_editable": {task.id for task in tasks
                            if can_mark_task(g.network, project, {i for i, _n in links.get(task.id, [])},
                                             participant_ids)},
        "progress": progress_of(project, stages, tasks, indicators, local_today()),
        "approval_rounds": history, "protocol": approved_protocol(history), "submit_form": SubmitForm(),
        "task_form": TaskForm(stage_choices, formdata=None), "comment_form": CommentForm(formdata=None),
        "indicator_form": IndicatorForm(formdata=None), "document_form": DocumentForm(formdata=None),
        "stage_form": StageForm(formdata=None),
        "tasks_url": url_for("projects.show_project", project_id=project.id) + "/tasks/",
        "today": local_today(),
    }
    context.update(overrides)
    return context


@bp.get("/<int:project_id>")
@login_required
def show_project(project_id: int):
    project, participants, stages = project_participants_stages_or_404(project_id)
    return render("projects/page.html", **page_context(project, (participants, stages)))


def _stale(form, project) -> bool:
    if not is_stale(project, form.version.data):
        return False
    form.version.data = str(project.version)
    form.form_errors.append(_("Проект только что изменил другой пользователь. Проверьте значения и сохраните ещё раз."))
    return True


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@login_required
def edit_project(project_id: int):
    project = editable_project_or_404(project_id)
    members = member_institutions()
    form = ProjectForm(members, obj=project if request.method == "GET" else None)
    if request.method == "GET":
        form.direction.data = project.direction.value
        form.participant_ids.data = [i for i, _name in participants_of(project.id)]
        form.version.data = str(project.version)
    status = 200
    if form.validate_on_submit():
        if _stale(form, project):
            status = 409
        elif (form.lead_institution_id.data != project.lead_institution_id and not _is_base()
              and form.lead_institution_id.data != current_user.institution_id):
            form.lead_institution_id.errors.append(
                _("Ведущим учреждением может быть только ваше учреждение (другое назначает базовая организация)."))
            status = 422
        else:
            apply_project_form(project, form)
            set_participants(project, form.participant_ids.data or [])
            flash(_("Проект сохранён."), "success")
            return redirect(url_for("projects.show_project", project_id=project.id))
    elif form.errors:
        status = 422
    return render("projects/edit.html", form=form, project=project, status=status)


@bp.route("/<int:project_id>/resources", methods=["GET", "POST"])
@login_required
def edit_resources(project_id: int):
    project = editable_project_or_404(project_id)
    form = ResourcesForm(obj=project if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(project.version)
    status = 200
    if form.validate_on_submit():
        if _stale(form, project):
            status = 409
        else:
            for kind in RESOURCE_KINDS:
                name = f"resources_{kind}"
                lines = [line.strip() for line in (getattr(form, name).data or "").splitlines() if line.strip()]
                setattr(project, name, "\n".join(lines))
            db.session.flush()
            flash(_("Ресурсы сохранены."), "success")
            return redirect(url_for("projects.show_project", project_id=project.id, _anchor="resources"))
    elif form.errors:
        status = 422
    return render("projects/resources.html", form=form, project=project, kinds=RESOURCE_KINDS, status=status)


@bp.app_template_filter("project_number")
def project_number(value: float | None) -> str:
    """25.0 → «25», 12.5 → «12,5»."""
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")
