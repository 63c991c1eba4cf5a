"""Meetings and e-votes of the council: agenda, votes (swapped in place with htmx), closing into
decisions, what was said, attendance, minutes (printable page and .docx), and the voting rules."""
from __future__ import annotations

from flask import abort, flash, g, make_response, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import delete, func, select

from tenants.models import SeatRole
from tenants.permissions import can_manage_council
from tenants.queries import institution_name
from workspace.core.access import require
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.locking import is_stale
from workspace.core.models import utcnow
from workspace.core.rendering import partial_requested, render
from workspace.core.uploads import content_disposition
from workspace.council import bp
from workspace.council.access import (
    VOTE,
    agenda_item_or_404,
    cancellable_meeting_or_404,
    is_chair,
    managed_meeting_or_404,
    may_manage,
)
from workspace.council.approval import ApprovalError, get_waiting_approval_or_404, waiting_approvals
from workspace.council.forms import (
    AgendaItemForm,
    AttendanceForm,
    CancelMeetingForm,
    CloseForm,
    DiscussionForm,
    EVoteForm,
    MeetingChangeForm,
    MeetingForm,
    RulesForm,
    VoteForm,
)
from workspace.council.letters import queue_meeting_cancellation, queue_meeting_invitation, queue_vote_opened
from workspace.council.minutes import DOCX_MIMETYPE, minutes_docx
from workspace.council.models import (
    AgendaItem,
    Attendance,
    Choice,
    MajorityRule,
    Meeting,
    MeetingKind,
    Outcome,
    QuorumRule,
)
from workspace.council.queries import (
    agenda_and_decisions,
    agenda_of,
    get_meeting_or_404,
    next_meeting_number,
    seats_and_present,
    seats_of_current_network,
)
from workspace.council.rules import has_quorum
from workspace.council.states import is_meeting_open, meeting_state
from workspace.council.voting import (
    cast_vote,
    close_expired,
    close_item,
    decision_text,
    resolution_text,
    rules_of_network,
    seat_count,
    tallies,
    tallies_and_choices,
)
from workspace.extensions import db


def _waiting_choices() -> list[tuple[int, str]]:
    return [(approval.id, approval.title) for approval in waiting_approvals()]


# ---- creating meetings and e-votes --------------------------------------------------------------------

@bp.route("/meetings/new", methods=["GET", "POST"])
@login_required
def new_meeting():
    require(may_manage())
    form = MeetingForm()
    if request.method == "GET":
        form.number.data = next_meeting_number()
    if form.validate_on_submit() and _number_is_free(form):
        meeting = Meeting(network_id=g.network.id, kind=MeetingKind.MEETING, number=form.number.data,
                          held_on=form.held_on.data, place=form.place.data or "", link=form.link.data or "")
        db.session.add(meeting)
        db.session.flush()
        queue_meeting_invitation(meeting, g.network)
        flash(_("Заседание № %(number)s назначено. Добавьте вопросы повестки.", number=meeting.number), "success")
        return redirect(url_for("council.show_meeting", meeting_id=meeting.id))
    return render("council/new_meeting.html", form=form, status=422 if form.errors else 200)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit_meeting(meeting_id: int):
    """Move a meeting or change its place: every seat gets the updated invitation (same UID, next SEQUENCE)."""
    meeting = managed_meeting_or_404(meeting_id)
    if meeting.is_e_vote or not _is_open(meeting):
        abort(404)
    form = MeetingChangeForm()
    if request.method == "GET":
        form.held_on.data, form.place.data, form.link.data = meeting.held_on, meeting.place, meeting.link
    if form.validate_on_submit():
        changed = (form.held_on.data, form.place.data or "", form.link.data or "") != \
            (meeting.held_on, meeting.place, meeting.link)
        if changed:
            meeting.held_on, meeting.place, meeting.link = form.held_on.data, form.place.data or "", form.link.data or ""
            db.session.flush()
            queue_meeting_invitation(meeting, g.network, update=True)
            flash(_("Заседание изменено. Члены совета получат обновлённое приглашение."), "success")
        return redirect(url_for("council.show_meeting", meeting_id=meeting.id))
    return render("council/edit_meeting.html", form=form, meeting=meeting, status=422 if form.errors else 200)


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel_meeting(meeting_id: int):
    """«Отменить заседание»: asks first (with an optional reason); every seat gets the iCalendar CANCEL. The
    questions of its agenda close without a decision, so the documents on it go back to the council's queue."""
    meeting = cancellable_meeting_or_404(meeting_id)
    form = CancelMeetingForm()
    if form.validate_on_submit():
        now = utcnow()
        meeting.cancelled_at, meeting.cancel_reason = now, form.reason.data or ""
        meeting.closed_at = meeting.closed_at or now
        for item in agenda_of(meeting):
            if item.is_open:
                item.closed_at = now
        db.session.flush()
        queue_meeting_cancellation(meeting, g.network)
        flash(_("Заседание № %(number)s отменено. Члены совета получат уведомление.", number=meeting.number),
              "success")
        return redirect(url_for("council.show_meeting", meeting_id=meeting.id))
    return render("council/cancel_meeting.html", form=form, meeting=meeting, status=422 if form.errors else 200)


def _number_is_free(form) -> bool:
    if db.session.scalar(select(Meeting.id).where(Meeting.number == form.number.data)) is not None:
        form.number.errors.append(_("Протокол с таким номером уже есть: номер %(number)s свободен.",
                                    number=next_meeting_number()))
        return False
    return True


@bp.route("/e-votes/new", methods=["GET", "POST"])
@login_required
def new_e_vote():
    require(may_manage())
    waiting = _waiting_choices()
    form = EVoteForm(waiting)
    if request.method == "GET":
        form.number.data = next_meeting_number()
        form.approval_id.data = request.args.get("approval", type=int)
    if waiting and form.validate_on_submit() and _number_is_free(form):
        approval = get_waiting_approval_or_404(form.approval_id.data)
        meeting = Meeting(network_id=g.network.id, kind=MeetingKind.E_VOTE, number=form.number.data,
                          held_on=form.deadline_on.data, deadline_on=form.deadline_on.data)
        db.session.add(meeting)
        db.session.flush()
        db.session.add(AgendaItem(network_id=g.network.id, meeting_id=meeting.id, approval_id=approval.id, position=1,
                                  title=_question_about(approval)))
        db.session.flush()
        queue_vote_opened(meeting, g.network)
        flash(_("Заочное голосование открыто до %(date)s включительно. Члены совета увидят его на рабочем столе.",
                date=meeting.deadline_on.strftime("%d.%m.%Y")), "success")
        return redirect(url_for("council.show_meeting", meeting_id=meeting.id))
    if request.method == "POST" and not waiting:
        form.form_errors.append(_("Нет документов, ожидающих решения совета."))
    return render("council/new_e_vote.html", form=form, has_waiting=bool(waiting),
                  status=422 if form.errors or form.form_errors else 200)


def _question_about(approval) -> str:
    return _("Об утверждении: %(title)s", title=approval.title)


# ---- the meeting page ---------------------------------------------------------------------------------

def _meeting_context(meeting: Meeting, **forms) -> dict:
    items, decisions = agenda_and_decisions(meeting)
    item_ids = [item.id for item in items]
    manager = can_manage_council(g.network)
    is_open = _is_open(meeting)
    counts, my_votes = tallies_and_choices(item_ids, g.seat)
    context = {
        "meeting": meeting, "items": items, "tallies": counts, "decisions": decisions, "my_votes": my_votes,
        "rules": rules_of_network(), "can_manage": manager, "can_vote": g.seat is not None, "meeting_open": is_open,
        "vote_form": VoteForm(formdata=None), "decision_text": decision_text,
    }
    context["state"] = meeting_state(
        meeting, questions=len(items), decided=len(decisions), today=local_today(),
        without_quorum=sum(1 for decision in decisions.values() if decision.outcome == Outcome.NO_QUORUM))
    context["can_cancel"] = manager and is_open and not meeting.is_e_vote and not decisions
    if manager and is_open:
        context["agenda_form"] = forms.get("agenda_form") or AgendaItemForm(_waiting_choices(), formdata=None)
    if manager and not meeting.is_e_vote and not meeting.is_cancelled:
        seats, present = seats_and_present(meeting, item_ids)
        context["seats_total"] = len(seats)  # the seats are read anyway: no count of its own
        form = forms.get("attendance_form") or AttendanceForm(_seat_choices(seats), formdata=None)
        if not form.seat_ids.data:
            form.seat_ids.data = sorted(present)
        context["attendance_form"] = form
    else:
        context["seats_total"] = seat_count()
    return context


def _is_open(meeting: Meeting) -> bool:
    return is_meeting_open(meeting, local_today())


def _seat_choices(seats) -> list[tuple[int, str]]:
    return [(seat.id, f"{seat.user.full_name} ({_role_name(seat.role)})") for seat in seats]


def _role_name(role: SeatRole) -> str:
    return label(role).lower()


@bp.get("/meetings/<int:meeting_id>")
@login_required
def show_meeting(meeting_id: int):
    meeting = get_meeting_or_404(meeting_id)
    if meeting.is_e_vote and meeting.closed_at is None and local_today() > meeting.deadline_on:
        closed = close_expired(meeting, agenda_of(meeting), local_today())
        if closed:
            db.session.flush()
            flash(_("Срок голосования истёк: голосование закрыто, решение записано."), "info")
    return render("council/meeting.html", **_meeting_context(meeting))


@bp.post("/meetings/<int:meeting_id>/agenda")
@login_required
def add_agenda_item(meeting_id: int):
    meeting = managed_meeting_or_404(meeting_id)
    if not _is_open(meeting):
        flash(_("Заседание закрыто: повестку изменить нельзя."), "error")
        return redirect(url_for("council.show_meeting", meeting_id=meeting.id))
    form = AgendaItemForm(_waiting_choices())
    if not form.validate_on_submit():
        return render("council/meeting.html", status=422, **_meeting_context(meeting, agenda_form=form))
    position = db.session.scalar(select(func.coalesce(func.max(AgendaItem.position), 0))
                                 .where(AgendaItem.meeting_id == meeting.id)) + 1
    if form.approval_id.data:
        approval = get_waiting_approval_or_404(form.approval_id.data)
        item = AgendaItem(network_id=g.network.id, meeting_id=meeting.id, approval_id=approval.id,
                          position=position, title=form.title.data or _question_about(approval))
    else:
        item = AgendaItem(network_id=g.network.id, meeting_id=meeting.id, position=position, title=form.title.data)
    db.session.add(item)
    db.session.flush()
    flash(_("Вопрос добавлен в повестку."), "success")
    return redirect(url_for("council.show_meeting", meeting_id=meeting.id, _anchor=f"item-{item.id}"))


@bp.post("/meetings/<int:meeting_id>/agenda/<int:agenda_item_id>/vote")
@login_required
def vote(meeting_id: int, agenda_item_id: int):
    meeting, item = agenda_item_or_404(meeting_id, agenda_item_id, right=VOTE)
    form = VoteForm()
    error = None
    status = 200
    if form.validate_on_submit():
        try:
            cast_vote(item, meeting, g.seat, Choice(form.choice.data), local_today())
            db.session.flush()
        except ApprovalError as refused:
            error, status = str(refused), 409
    else:
        error, status = _("Выберите «за», «против» или «воздержался»."), 422
    if partial_requested(f"vote-{item.id}"):
        return render("council/_vote.html", status=status, meeting=meeting, item=item, error=error,
                      meeting_open=_is_open(meeting), **_vote_context(item))
    if error:
        flash(error, "error")
        return render("council/meeting.html", status=status, **_meeting_context(meeting))
    flash(_("Ваш голос учтён. Его можно изменить, пока голосование открыто."), "success")
    return redirect(url_for("council.show_meeting", meeting_id=meeting.id, _anchor=f"item-{item.id}"))


def _vote_context(item: AgendaItem) -> dict:
    counts, mine = tallies_and_choices([item.id], g.seat)
    return {"tally": counts[item.id], "my_vote": mine.get(item.id),
            "seats_total": seat_count(), "can_vote": g.seat is not None, "vote_form": VoteForm(formdata=None),
            "can_manage": can_manage_council(g.network)}


# ---- closing a vote -----------------------------------------------------------------------------------

@bp.route("/meetings/<int:meeting_id>/agenda/<int:agenda_item_id>/close", methods=["GET", "POST"])
@login_required
def close_vote(meeting_id: int, agenda_item_id: int):
    meeting, item = agenda_item_or_404(meeting_id, agenda_item_id)
    if not item.is_open:
        flash(_("Голосование по этому вопросу уже закрыто."), "info")
        return redirect(url_for("council.show_meeting", meeting_id=meeting.id, _anchor=f"item-{item.id}"))
    form = CloseForm()
    if form.validate_on_submit():
        decision = close_item(item, meeting, if_not_carried=Outcome(form.if_not_carried.data),
                              remarks=form.remarks.data, today=local_today())
        db.session.flush()
        flash(_("Голосование закрыто. Решение: %(text)s", text=decision_text(decision, item.approval_id is not None)),
              "success")
        return redirect(url_for("council.show_meeting", meeting_id=meeting.id, _anchor=f"item-{item.id}"))
    rules = rules_of_network()
    tally, seats_total = tallies([item.id])[item.id], seat_count()
    return render("council/close_vote.html", meeting=meeting, item=item, form=form, rules=rules,
                  tally=tally, seats_total=seats_total, quorate=has_quorum(rules.quorum, tally, seats_total),
                  status=422 if form.errors else 200)


# ---- what was said, attendance ------------------------------------------------------------------------

@bp.route("/meetings/<int:meeting_id>/agenda/<int:agenda_item_id>/discussion", methods=["GET", "POST"])
@login_required
def edit_discussion(meeting_id: int, agenda_item_id: int):
    meeting, item = agenda_item_or_404(meeting_id, agenda_item_id)
    form = DiscussionForm()
    status = 200
    if request.method == "GET":
        form.discussion.data = item.discussion
        form.decision_wording.data = item.decision_wording
        form.version.data = str(item.version)
    elif form.validate_on_submit():
        if is_stale(item, form.version.data):
            form.form_errors.append(_("Пока вы писали, запись по этому вопросу изменил другой пользователь. "
                                      "Сейчас сохранено: «%(text)s». Объедините тексты и сохраните ещё раз.",
                                      text=item.discussion or "—"))
            form.version.data = str(item.version)
            status = 409
        else:
            item.discussion = form.discussion.data or ""
            item.decision_wording = form.decision_wording.data or ""
            db.session.flush()
            flash(_("Запись по вопросу сохранена."), "success")
            return redirect(url_for("council.show_meeting", meeting_id=meeting.id, _anchor=f"item-{item.id}"))
    else:
        status = 422
    return render("council/discussion.html", meeting=meeting, item=item, form=form, status=status)


@bp.post("/meetings/<int:meeting_id>/attendance")
@login_required
def mark_attendance(meeting_id: int):
    meeting = managed_meeting_or_404(meeting_id)
    if meeting.is_e_vote:
        abort(404)
    seats = seats_of_current_network()
    form = AttendanceForm(_seat_choices(seats))
    if not form.validate_on_submit():
        return render("council/meeting.html", status=422, **_meeting_context(meeting, attendance_form=form))
    db.session.execute(delete(Attendance).where(Attendance.meeting_id == meeting.id))
    for seat_id in sorted(set(form.seat_ids.data or [])):
        db.session.add(Attendance(network_id=g.network.id, meeting_id=meeting.id, seat_id=seat_id))
    db.session.flush()
    flash(_("Список присутствующих сохранён."), "success")
    return redirect(url_for("council.show_meeting", meeting_id=meeting.id))


# ---- minutes ------------------------------------------------------------------------------------------

def _minutes_context(meeting: Meeting) -> dict:
    items, decisions = agenda_and_decisions(meeting)
    item_ids = [item.id for item in items]
    seats, present = seats_and_present(meeting, item_ids)
    return {
        "meeting": meeting, "items": items, "tallies": tallies(item_ids), "decisions": decisions,
        "seats": seats, "present": [seat for seat in seats if seat.id in present],
        "chair": next((seat for seat in seats if seat.role == SeatRole.CHAIR), None),
        "secretary": next((seat for seat in seats if seat.role == SeatRole.SECRETARY), None),
        "decision_text": decision_text, "resolution_text": resolution_text, "network": g.network,
    }


@bp.get("/meetings/<int:meeting_id>/minutes")
@login_required
def show_minutes(meeting_id: int):
    meeting = get_meeting_or_404(meeting_id)
    return render("council/minutes.html", **_minutes_context(meeting))


@bp.get("/meetings/<int:meeting_id>/minutes.docx")
@login_required
def download_minutes(meeting_id: int):
    meeting = get_meeting_or_404(meeting_id)
    context = {**_minutes_context(meeting), "author": institution_name(g.network.base_institution_id)}
    response = make_response(minutes_docx(context))
    response.mimetype = DOCX_MIMETYPE
    response.headers["Content-Disposition"] = content_disposition(f"protokol-{meeting.number}.docx")
    return response


# ---- rules --------------------------------------------------------------------------------------------

@bp.route("/rules", methods=["GET", "POST"])
@login_required
def edit_rules():
    require(is_chair())
    rules = rules_of_network()
    form = RulesForm()
    status = 200
    if request.method == "GET":
        form.quorum.data, form.majority.data = rules.quorum.value, rules.majority.value
        form.version.data = str(rules.version or 0)
    elif form.validate_on_submit():
        if is_stale(rules, form.version.data):
            form.form_errors.append(_("Правила только что изменил другой пользователь. Проверьте их и сохраните ещё раз."))
            form.quorum.data, form.majority.data = rules.quorum.value, rules.majority.value
            form.version.data = str(rules.version or 0)
            status = 409
        else:
            rules.quorum, rules.majority = QuorumRule(form.quorum.data), MajorityRule(form.majority.data)
            db.session.add(rules)
            db.session.flush()
            flash(_("Правила голосования сохранены. Они действуют для голосований, которые закрываются с этого момента."),
                  "success")
            return redirect(url_for("council.show_council"))
    else:
        status = 422
    return render("council/rules.html", form=form, status=status)

