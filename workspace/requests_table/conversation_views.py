"""A suggested match taken up: the conversation of the two institutions, their agreement, the plan item."""
from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from workspace.core.access import require
from workspace.core.dates import ru_date
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.models import utcnow
from workspace.core.rendering import partial_requested, render
from workspace.extensions import db
from workspace.plans.models import PlanItem
from workspace.projects.approval import locked_message
from workspace.projects.models import ProjectTask
from workspace.projects.queries import get_project_or_404
from workspace.requests_table import bp
from workspace.requests_table.access import matched_pair_or_404, writable_conversation_or_404
from workspace.requests_table.forms import MessageForm, PlanItemFromMatchForm, ProjectTaskFromMatchForm
from workspace.requests_table.matching import Row, score
from workspace.requests_table.models import Conversation, ConversationMessage, RequestStatus, ResourceRequest
from workspace.requests_table.outcomes import create_plan_item, create_project_task
from workspace.requests_table.queries import (
    ROW_COLUMNS,
    editable_projects,
    editable_sections,
    get_conversation_or_404,
    institution_names,
    is_side_manager,
    manages_a_side,
    messages_of,
)


@bp.post("/matches/<int:need_id>/<int:offer_id>")
@login_required
def start_conversation(need_id: int, offer_id: int):
    need, offer = matched_pair_or_404(need_id, offer_id)
    existing = db.session.scalar(select(Conversation).where(Conversation.need_id == need.id,
                                                            Conversation.offer_id == offer.id))
    if existing is None:
        if score(Row(*(getattr(need, c.key) for c in ROW_COLUMNS)),
                 Row(*(getattr(offer, c.key) for c in ROW_COLUMNS))) is None:
            abort(404)  # only a suggested pair becomes a conversation
        require(manages_a_side(need.institution_id, offer.institution_id))
        existing = Conversation(network_id=g.network.id, need_id=need.id, offer_id=offer.id,
                                need_institution_id=need.institution_id, offer_institution_id=offer.institution_id)
        db.session.add(existing)
        for row in (need, offer):
            if row.status is RequestStatus.OPEN:
                row.status = RequestStatus.DISCUSSION
        db.session.flush()
        flash(_("Обсуждение начато. Напишите партнёру, что вы предлагаете."), "success")
    return redirect(url_for("requests_table.show_conversation", conversation_id=existing.id))


def _context(conversation: Conversation, form: MessageForm | None = None, item_form=None, task_form=None) -> dict:
    need = db.session.scalar(select(ResourceRequest).where(ResourceRequest.id == conversation.need_id))
    offer = db.session.scalar(select(ResourceRequest).where(ResourceRequest.id == conversation.offer_id))
    names = institution_names([conversation.need_institution_id, conversation.offer_institution_id])
    manager = is_side_manager(conversation)
    open_outcome = manager and conversation.is_agreed and not conversation.plan_item_id \
        and not conversation.project_task_id
    sections = editable_sections() if open_outcome else []
    projects = editable_projects() if open_outcome else []
    if task_form is None and projects:
        task_form = ProjectTaskFromMatchForm(projects, formdata=None)
        task_form.title.data = need.title
        task_form.responsible.data = ", ".join(names.values())
        task_form.expected_result.data = offer.title
    if item_form is None and sections:
        item_form = PlanItemFromMatchForm(sections, formdata=None)
        item_form.title.data = need.title
        item_form.responsible.data = ", ".join(names.values())
        if need.starts_on:
            item_form.timing.data = ru_date(need.starts_on) + (f" – {ru_date(need.ends_on)}"
                                                               if need.ends_on and need.ends_on != need.starts_on else "")
        item_form.report_form.data = _("Отчёт о проведении, фотографии")
    plan_item = None
    if conversation.plan_item_id:
        plan_item = db.session.execute(select(PlanItem.id, PlanItem.title, PlanItem.plan_id)
                                       .where(PlanItem.id == conversation.plan_item_id)).first()
    project_task = None
    if conversation.project_task_id:
        project_task = db.session.execute(select(ProjectTask.id, ProjectTask.title, ProjectTask.project_id)
                                          .where(ProjectTask.id == conversation.project_task_id)).first()
    mine = "need" if current_user.institution_id == conversation.need_institution_id else "offer"
    return {"conversation": conversation, "need": need, "offer": offer, "names": names,
            "messages": messages_of(conversation), "form": form or MessageForm(formdata=None),
            "can_write": manager, "mine": mine, "item_form": item_form, "plan_item": plan_item,
            "task_form": task_form, "project_task": project_task}


@bp.get("/conversations/<int:conversation_id>")
@login_required
def show_conversation(conversation_id: int):
    return render("requests_table/conversation.html", **_context(get_conversation_or_404(conversation_id)))


@bp.post("/conversations/<int:conversation_id>/messages")
@login_required
def add_message(conversation_id: int):
    conversation = writable_conversation_or_404(conversation_id)
    form = MessageForm()
    if not form.validate_on_submit():
        return render("requests_table/conversation.html", partials={"conversation-messages":
                                                                    "requests_table/_messages.html"},
                      status=422, **_context(conversation, form))
    db.session.add(ConversationMessage(network_id=g.network.id, conversation_id=conversation.id,
                                       institution_id=current_user.institution_id, author_id=current_user.id,
                                       body=form.body.data))
    db.session.flush()
    if partial_requested("conversation-messages"):
        return render("requests_table/_messages.html", **_context(conversation))
    return redirect(url_for("requests_table.show_conversation", conversation_id=conversation.id,
                            _anchor="conversation-messages"))


@bp.post("/conversations/<int:conversation_id>/agree")
@login_required
def agree(conversation_id: int):
    conversation = writable_conversation_or_404(conversation_id)
    if is_stale(conversation, request.form.get("version")):
        flash(_("Обсуждение только что изменилось: проверьте его и подтвердите ещё раз."), "error")
        return redirect(url_for("requests_table.show_conversation", conversation_id=conversation.id))
    now = utcnow()
    if current_user.institution_id == conversation.need_institution_id and conversation.need_agreed_at is None:
        conversation.need_agreed_at = now
    if current_user.institution_id == conversation.offer_institution_id and conversation.offer_agreed_at is None:
        conversation.offer_agreed_at = now
    flash(_("Обе стороны согласны: выберите раздел плана и добавьте мероприятие.") if conversation.is_agreed
          else _("Ваше согласие отмечено. Ждём ответа партнёра."), "success")
    return redirect(url_for("requests_table.show_conversation", conversation_id=conversation.id))


def _agreed_without_outcome(conversation_id: int):
    """The conversation a side's manager turns into a plan item or a project task: agreed, nothing made yet."""
    conversation = writable_conversation_or_404(conversation_id)
    if not conversation.is_agreed or conversation.plan_item_id or conversation.project_task_id:
        abort(409)
    return conversation


@bp.post("/conversations/<int:conversation_id>/plan-item")
@login_required
def add_plan_item(conversation_id: int):
    conversation = _agreed_without_outcome(conversation_id)
    form = PlanItemFromMatchForm(editable_sections())
    if not form.validate_on_submit():
        return render("requests_table/conversation.html", status=422, **_context(conversation, item_form=form))
    create_plan_item(conversation, form)
    flash(_("Мероприятие добавлено в план, запрос и ресурс отмечены как согласованные."), "success")
    return redirect(url_for("requests_table.show_conversation", conversation_id=conversation.id))


@bp.post("/conversations/<int:conversation_id>/project-task")
@login_required
def add_project_task(conversation_id: int):
    conversation = _agreed_without_outcome(conversation_id)
    form = ProjectTaskFromMatchForm(editable_projects())
    project = None
    if form.validate_on_submit():
        project = get_project_or_404(form.project_id.data)  # among the editable ones of this network: checked above
        message = locked_message(project)
        if message:
            form.project_id.errors.append(message)
            project = None
    if project is None:
        return render("requests_table/conversation.html", status=422, **_context(conversation, task_form=form))
    create_project_task(conversation, project, form)
    flash(_("Задача добавлена в дорожную карту проекта, запрос и ресурс отмечены как согласованные."), "success")
    return redirect(url_for("requests_table.show_conversation", conversation_id=conversation.id))
