"""The institution's desk: what waits for me, my networks, internal notes."""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_login import current_user, login_required

from tenants.permissions import MANAGERS, can_answer_invitation, can_start_network, has_role, require_role
from workspace.accounts.models import StaffRole
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.rendering import confirm_page, partial_requested, render
from workspace.desk import bp
from workspace.desk.forms import NoteForm
from workspace.desk.lists import desk_parameters, read_desk, recent_notes
from workspace.desk.models import Note
from workspace.desk.queries import get_note_or_404, network_cards
from workspace.extensions import db

NOTES_PARTIALS = {"notes": "desk/_notes.html"}


def _notes_context(form: NoteForm | None = None, notes: list | None = None) -> dict:
    return {"notes": recent_notes() if notes is None else notes, "note_form": form or NoteForm(),
            "can_write_notes": has_role(*MANAGERS)}


def _desk_lists(manager: bool, teacher: bool = False, head: bool = False) -> dict[str, list]:
    """Everything the desk lists, in one statement (workspace/desk/lists.py)."""
    parameters = desk_parameters(current_user.id, g.institution.id, g.network_ids, local_today())
    return read_desk(parameters, manager=manager, teacher=teacher, head=head)


@bp.get("/")
@login_required
def show_desk():
    manager, teacher = has_role(*MANAGERS), has_role(StaffRole.TEACHER)
    lists = _desk_lists(manager, teacher, can_answer_invitation())
    return render(
        "desk/page.html",
        cards=network_cards(lists["networks"], lists["members"], g.institution.id),
        seats=lists["seats"], my_questions=lists["questions"], events=lists["events"], reports=lists["reports"],
        agreement_reminders=lists["agreements"], mentions=lists["mentions"],
        programme_reminders=lists["programmes"] if manager else None,
        lessons_today=lists["lessons"] if teacher else None,
        council_waiting=lists["council_waiting"], conversations=lists["conversations"],
        # the invitations into networks wait for the head's answer: only the head sees them here
        invitations=lists["invitations"],
        can_answer=True, can_start=can_start_network(),
        **_notes_context(notes=lists["notes"]),
    )


@bp.post("/notes")
@login_required
def add_note():
    require_role(*MANAGERS)
    form = NoteForm()
    if not form.validate_on_submit():
        lists = _desk_lists(manager=False)
        return render("desk/page.html", partials=NOTES_PARTIALS, status=422,
                      cards=network_cards(lists["networks"], lists["members"], g.institution.id),
                      seats=lists["seats"], my_questions=lists["questions"], events=lists["events"], reports=[],
                      agreement_reminders=[], **_notes_context(form, lists["notes"]))
    db.session.add(Note(body=form.body.data, author_id=current_user.id))
    db.session.flush()
    flash(_("Заметка сохранена."), "success")
    return _after_notes_change()


@bp.get("/notes/<int:note_id>/delete")
@login_required
def confirm_delete_note(note_id: int):
    note = get_note_or_404(note_id)
    require_role(*MANAGERS)
    return confirm_page(heading=_("Удалить заметку?"), question=note.body,
                        action=url_for("desk.delete_note", note_id=note.id),
                        confirm_label=_("Удалить"), cancel_url=url_for("desk.show_desk"))


@bp.post("/notes/<int:note_id>/delete")
@login_required
def delete_note(note_id: int):
    note = get_note_or_404(note_id)
    require_role(*MANAGERS)
    db.session.delete(note)
    db.session.flush()
    flash(_("Заметка удалена."), "success")
    return _after_notes_change()


def _after_notes_change():
    if partial_requested("notes"):
        # A fresh, empty form: the saved text must not stay in the field.
        return render("desk/_notes.html", **_notes_context(NoteForm(formdata=None)))
    return redirect(url_for("desk.show_desk"))
