"""The institution's desk: what waits for me, my networks, internal notes."""
from __future__ import annotations

from datetime import date

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tenants.permissions import MANAGERS, can_answer_invitation, can_start_network, has_role, require_role
from workspace.accounts.models import StaffRole
from workspace.agreements.queries import reminders as agreement_reminders
from workspace.core.rendering import confirm_page, partial_requested, render
from workspace.council.approval import waiting_approvals_for
from workspace.council.queries import open_questions_for
from workspace.desk import bp
from workspace.desk.forms import NoteForm
from workspace.desk.models import Note
from workspace.desk.queries import get_note_or_404, network_cards, recent_notes, reports_due, seats_of, upcoming_events
from workspace.extensions import db
from workspace.journal.queries import lessons_today
from workspace.networks.founding import pending_invitations_for
from workspace.programmes.queries import desk_reminders
from workspace.projects.queries import mentions_for
from workspace.requests_table.queries import desk_conversations

NOTES_PARTIALS = {"notes": "desk/_notes.html"}


def _notes_context(form: NoteForm | None = None) -> dict:
    return {"notes": recent_notes(), "note_form": form or NoteForm(), "can_write_notes": has_role(*MANAGERS)}


@bp.get("/")
@login_required
def show_desk():
    seats = seats_of(current_user.id)
    return render(
        "desk/page.html",
        cards=network_cards(g.network_ids, g.institution.id),
        seats=seats, my_questions=open_questions_for(seats, date.today()),
        events=upcoming_events(date.today()),
        reports=reports_due(date.today(), g.institution.id, current_user.id, manager=has_role(*MANAGERS)),
        agreement_reminders=agreement_reminders(g.institution.id, date.today()) if has_role(*MANAGERS) else [],
        mentions=mentions_for(current_user.id, g.network_ids),
        programme_reminders=desk_reminders(g.institution.id) if has_role(*MANAGERS) else None,
        lessons_today=lessons_today() if has_role(StaffRole.TEACHER) else None,
        council_waiting=waiting_approvals_for(seats),
        conversations=desk_conversations(g.institution.id) if has_role(*MANAGERS) else [],
        # the invitations into networks wait for the head's answer: only the head sees them here
        invitations=pending_invitations_for(g.institution.id) if can_answer_invitation() else [],
        can_answer=True, can_start=can_start_network(),
        **_notes_context(),
    )


@bp.post("/notes")
@login_required
def add_note():
    require_role(*MANAGERS)
    form = NoteForm()
    if not form.validate_on_submit():
        return render("desk/page.html", partials=NOTES_PARTIALS, status=422,
                      cards=network_cards(g.network_ids, g.institution.id), seats=seats_of(current_user.id),
                      my_questions=open_questions_for(seats_of(current_user.id), date.today()),
                      events=upcoming_events(date.today()), reports=[], agreement_reminders=[],
                      **_notes_context(form))
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
