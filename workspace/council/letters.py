"""The council's letters: a vote opened, a vote closing tomorrow (a reminder job), a decision taken, an invitation
to a meeting (with an iCalendar REQUEST; its update carries the same UID and a greater SEQUENCE), its cancellation
(METHOD:CANCEL, the same UID, a greater SEQUENCE, STATUS:CANCELLED).

Each letter is queued in the transaction of the change that causes it (``queue_letter``), in the recipient's
language, to the seat holders of the meeting's own network only, and says nothing a seat holder may not read on
the meeting's page: the network's name, the meeting, its agenda, the decision and a link to it. The invitation's
ATTENDEE lines name every seat, but carry an e-mail address only for the recipient's own seat: the council's
pages show the members' names, never their addresses.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from icalendar import Alarm, Calendar, Event, vCalAddress, vText
from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tenants.models import Network, Seat
from workspace.accounts.models import User
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.core.links import public_url
from workspace.council.models import AgendaItem, Approval, ApprovalStatus, Decision, Meeting, Vote
from workspace.extensions import db
from workspace.letters.kinds import NOW, register_letter_kind
from workspace.letters.outbox import letter_language, queue_letter
from workspace.letters.schedule import register_reminder_job

VOTE_OPENED = register_letter_kind("council.vote_opened", _l("Открыто голосование совета"), default=NOW)
VOTE_CLOSING = register_letter_kind("council.vote_closing", _l("Голосование совета закрывается завтра"),
                                    default=NOW)
DECISION_TAKEN = register_letter_kind("council.decision", _l("Решения совета"), default=NOW)
MEETING_INVITATION = register_letter_kind("council.meeting", _l("Приглашения на заседания совета"), default=NOW)

# the part's Content-Type with its parameters (core.mail.build_message sets them as parameters)
ICS_MIME = "text/calendar; charset=utf-8; method=REQUEST"
ICS_CANCEL_MIME = "text/calendar; charset=utf-8; method=CANCEL"


# ---- helpers ------------------------------------------------------------------------------------------

def seats_with_users(network_id: int) -> list[Seat]:
    """The seats of one network with their holders (explicitly filtered: the reminder job sees every tenant)."""
    return list(db.session.scalars(select(Seat).where(Seat.network_id == network_id)
                                   .options(joinedload(Seat.user)).order_by(Seat.id)))


def _recipients(seats: list[Seat]) -> list[tuple[Seat, User]]:
    return [(seat, seat.user) for seat in seats if seat.user.email and seat.user.is_enabled]


def _network(network_id: int) -> Network:
    return db.session.scalar(select(Network).where(Network.id == network_id))  # scoped, not the identity map


def meeting_url(network: Network, meeting: Meeting) -> str:
    return public_url("council.show_meeting", network=network.slug, meeting_id=meeting.id)


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def _compose(lines: list[str], link: str, link_label: str) -> tuple[str, str]:
    """The plain text (lines, then the link) and a simple html of the same (user text escaped)."""
    text = "\n".join([*lines, "", f"{link_label}: {link}"])
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in lines if line)
    html = (f'<html><body style="font-family: sans-serif; font-size: 15px; color: #222">{paragraphs}'
            f'<p><a href="{escape(link)}">{escape(link_label)}</a></p></body></html>')
    return text, html


def _agenda_titles(meeting: Meeting) -> list[str]:
    return list(db.session.scalars(select(AgendaItem.title).where(AgendaItem.meeting_id == meeting.id)
                                   .order_by(AgendaItem.position, AgendaItem.id)))


# ---- 1. a vote opened ---------------------------------------------------------------------------------

def queue_vote_opened(meeting: Meeting, network: Network) -> int:
    """To every seat holder: an e-vote is open, its questions, the deadline, the link. Returns how many."""
    titles = _agenda_titles(meeting)
    link = meeting_url(network, meeting)
    queued = 0
    for seat, user in _recipients(seats_with_users(network.id)):
        with letter_language(user):
            subject = _("Открыто заочное голосование № %(number)s", number=meeting.number)
            intro = _("В координационном совете «%(network)s» открыто заочное голосование № %(number)s.",
                      network=network.name, number=meeting.number)
            questions = _("Вопросы:")
            deadline = _("Голосовать можно до %(date)s включительно.", date=_day(meeting.deadline_on))
            link_label = _("Открыть голосование")
        text, html = _compose([intro, "", questions, *[f"• {title}" for title in titles], "", deadline],
                              link, link_label)
        if queue_letter(VOTE_OPENED.key, user=user, subject=subject, text=text, html=html,
                        dedupe_key=f"council-vote-opened:{meeting.id}:{seat.id}") is not None:
            queued += 1
    return queued


# ---- 2. a vote closing tomorrow (a reminder job) ------------------------------------------------------


def remind_vote_closing(now: datetime) -> int:
    """Every network's open e-votes whose deadline is tomorrow: a letter to each seat that has not voted on
    every open question yet, once per vote and seat (the dedupe key)."""
    tomorrow = local_today(now) + timedelta(days=1)
    meetings = db.session.scalars(select(Meeting).where(Meeting.deadline_on == tomorrow,
                                                        Meeting.closed_at.is_(None)).order_by(Meeting.id)).all()
    queued = 0
    for meeting in meetings:
        open_items = db.session.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id,
                                                                    AgendaItem.closed_at.is_(None))).all()
        if not open_items:
            continue
        voted: dict[int, int] = {}
        for seat_id in db.session.scalars(select(Vote.seat_id).where(Vote.agenda_item_id.in_(open_items))):
            voted[seat_id] = voted.get(seat_id, 0) + 1
        network = _network(meeting.network_id)
        for seat, user in _recipients(seats_with_users(meeting.network_id)):
            if voted.get(seat.id, 0) >= len(open_items):
                continue
            queued += _queue_closing(meeting, network, seat, user)
    return queued


def _queue_closing(meeting: Meeting, network: Network, seat: Seat, user: User) -> int:
    link = meeting_url(network, meeting)
    with letter_language(user):
        subject = _("Голосование № %(number)s закрывается завтра", number=meeting.number)
        intro = _("Заочное голосование № %(number)s координационного совета «%(network)s» закрывается завтра: "
                  "голосовать можно до %(date)s включительно.",
                  number=meeting.number, network=network.name, date=_day(meeting.deadline_on))
        ask = _("Вы ещё не проголосовали.")
        link_label = _("Открыть голосование")
    text, html = _compose([intro, ask], link, link_label)
    letter = queue_letter(VOTE_CLOSING.key, user=user, subject=subject, text=text, html=html,
                          dedupe_key=f"council-vote-closing:{meeting.id}:{seat.id}")
    return 0 if letter is None else 1


register_reminder_job("council.vote_closing", remind_vote_closing)


# ---- 3. a decision taken ------------------------------------------------------------------------------

def queue_decision(decision: Decision, item: AgendaItem, meeting: Meeting, network: Network,
                   result: Callable[[], str]) -> int:
    """To every seat holder the decision; to whoever submitted the approved, returned or rejected document the
    letter about their own document instead (with the council's remarks quoted), whether they hold a seat or not:
    one letter each, never a generic one and the author's one to the same person."""
    link = meeting_url(network, meeting)
    seats = _recipients(seats_with_users(network.id))
    author = _document_author(item)
    queued = 0
    for _seat, user in seats:
        if author is not None and user.id == author[1].id:
            continue
        with letter_language(user):
            subject = _("Решение совета: %(title)s", title=item.title)
            kind = label(meeting.kind)
            intro = _("%(kind)s № %(number)s координационного совета «%(network)s», вопрос «%(title)s».",
                      kind=kind, number=meeting.number, network=network.name, title=item.title)
            counts = _counts_line(decision)
            link_label = _("Открыть заседание")
        lines = [intro, _result_line(result, user), counts]
        if decision.remarks:
            lines.append(decision.remarks)
        text, html = _compose(lines, link, link_label)
        if queue_letter(DECISION_TAKEN.key, user=user, subject=subject, text=text, html=html,
                        dedupe_key=f"council-decision:{item.id}:{user.id}") is not None:
            queued += 1
    if author is not None:
        queued += _queue_to_author(decision, item, meeting, network, *author)
    return queued


def _counts_line(decision: Decision) -> str:
    return _("Голоса: за — %(for)s, против — %(against)s, воздержались — %(abstain)s.",
             **{"for": decision.votes_for, "against": decision.votes_against, "abstain": decision.votes_abstain})


def _result_line(result: Callable[[], str], user: User) -> str:
    with letter_language(user):
        text = result()
        return _("Решение: %(result)s", result=text)


def _document_author(item: AgendaItem) -> tuple[Approval, User] | None:
    """The approval round this question decided and the person who submitted it, when the decision settled it
    (approved, returned, rejected; not «no quorum») and that person can receive letters."""
    if item.approval_id is None:
        return None
    approval = db.session.scalar(select(Approval).where(Approval.id == item.approval_id))
    if approval is None or approval.submitted_by_id is None:
        return None
    if approval.status not in (ApprovalStatus.APPROVED, ApprovalStatus.RETURNED, ApprovalStatus.REJECTED):
        return None
    user = db.session.scalar(select(User).where(User.id == approval.submitted_by_id))
    if user is None or not user.email or not user.is_enabled:
        return None
    return approval, user


def _quoted(remarks: str) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in remarks.strip().splitlines()]


def _queue_to_author(decision: Decision, item: AgendaItem, meeting: Meeting, network: Network, approval: Approval,
                     user: User) -> int:
    link = public_url("council.open_subject", network=network.slug, subject_type=approval.subject_type,
                      subject_id=approval.subject_id)
    with letter_language(user):
        status = label(approval.status).lower()
        subject = _("«%(title)s»: %(status)s", title=approval.title, status=status)
        intro = _("Координационный совет «%(network)s» рассмотрел «%(title)s», отправленный вами на утверждение "
                  "(%(kind)s № %(number)s).", network=network.name, title=approval.title,
                  kind=label(meeting.kind).lower(), number=meeting.number)
        verdict = _("Решение: %(status)s.", status=status)
        counts = _counts_line(decision)
        remarks_heading = _("Замечания совета:") if decision.remarks else ""
        if approval.status == ApprovalStatus.RETURNED:
            next_step = _("Доработайте документ и отправьте его на согласование снова.")
        elif approval.status == ApprovalStatus.APPROVED:
            next_step = _("Документ утверждён и закрыт для правки; изменения вносятся через «Внести изменения».")
        else:
            next_step = ""
        link_label = _("Открыть документ")
    quoted = _quoted(decision.remarks) if decision.remarks else []
    lines = [intro, verdict, counts, *([remarks_heading, *quoted] if quoted else []), next_step]
    text = "\n".join([*[line for line in lines if line], "", f"{link_label}: {link}"])
    blockquote = ("<blockquote style=\"margin: 0 0 1em; padding-left: 1em; border-left: 3px solid #999\">"
                  + "<br>".join(str(escape(line)) for line in decision.remarks.strip().splitlines())
                  + "</blockquote>") if quoted else ""
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in (intro, verdict, counts) if line)
    if quoted:
        paragraphs += f"<p>{escape(remarks_heading)}</p>{blockquote}"
    if next_step:
        paragraphs += f"<p>{escape(next_step)}</p>"
    html = (f'<html><body style="font-family: sans-serif; font-size: 15px; color: #222">{paragraphs}'
            f'<p><a href="{escape(link)}">{escape(link_label)}</a></p></body></html>')
    letter = queue_letter(DECISION_TAKEN.key, user=user, subject=subject, text=text, html=html,
                          dedupe_key=f"council-decision-author:{item.id}:{user.id}")
    return 0 if letter is None else 1


# ---- 4. an invitation to a meeting (iCalendar) --------------------------------------------------------

def meeting_uid(meeting: Meeting) -> str:
    host = current_app.config["PUBLIC_URL"].split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "workspace"
    return f"meeting-{meeting.id}@{host}"


def meeting_sequence(meeting: Meeting) -> int:
    """0 for the first invitation, then one more on each change: the meeting's row version counts its changes."""
    return max((meeting.version or 1) - 1, 0)


def meeting_ics(meeting: Meeting, network: Network, seats: list[Seat], recipient: User, *, summary: str,
                description: str, alarm_text: str | None, organizer_name: str, cancel: bool = False) -> bytes:
    """An all-day event on the meeting's date (a meeting has a date, not a time): METHOD:REQUEST with a reminder
    the day before, or (``cancel``) METHOD:CANCEL with STATUS:CANCELLED, the same UID and the meeting's next
    SEQUENCE, which removes the event from the attendees' calendars."""
    calendar = Calendar()
    calendar.add("prodid", "-//Partner workspace//Council//RU")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting_sequence(meeting))
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", meeting.held_on)
    event.add("dtend", meeting.held_on + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("location", meeting.place or meeting.link or "")
    if meeting.link:
        event.add("url", meeting.link)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{current_app.config['MAIL_SENDER']}")
    organizer.params["cn"] = vText(organizer_name)
    event["organizer"] = organizer
    for seat in seats:
        own = seat.user_id == recipient.id
        attendee = vCalAddress(f"mailto:{recipient.email}" if own else f"urn:x-workspace:seat:{seat.id}")
        attendee.params["cn"] = vText(seat.user.full_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("TRUE" if own else "FALSE")
        event.add("attendee", attendee, encode=0)
    if alarm_text and not cancel:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", alarm_text)
        alarm.add("trigger", timedelta(days=-1))
        event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()


def queue_meeting_invitation(meeting: Meeting, network: Network, *, update: bool = False) -> int:
    """To every seat holder: the meeting, its date and place, the link and an invitation.ics."""
    seats = seats_with_users(network.id)
    link = meeting_url(network, meeting)
    sequence = meeting_sequence(meeting)
    queued = 0
    for seat, user in _recipients(seats):
        with letter_language(user):
            if update:
                subject = _("Заседание совета № %(number)s перенесено: %(date)s", number=meeting.number,
                            date=_day(meeting.held_on))
            else:
                subject = _("Заседание совета № %(number)s, %(date)s", number=meeting.number,
                            date=_day(meeting.held_on))
            intro = _("Вы приглашены на заседание № %(number)s координационного совета «%(network)s» "
                      "%(date)s.", number=meeting.number, network=network.name, date=_day(meeting.held_on))
            changed = _("Дата или место заседания изменились.") if update else ""
            place = _("Место: %(place)s", place=meeting.place) if meeting.place else ""
            online = _("Ссылка на подключение: %(link)s", link=meeting.link) if meeting.link else ""
            calendar_note = _("Приглашение для календаря — во вложении (invitation.ics).")
            link_label = _("Открыть заседание")
            summary = _("Заседание координационного совета № %(number)s", number=meeting.number)
            organizer_name = _("Координационный совет «%(network)s»", network=network.name)
            alarm_text = _("Завтра заседание совета № %(number)s", number=meeting.number)
        lines = [line for line in (intro, changed, place, online, calendar_note) if line]
        text, html = _compose(lines, link, link_label)
        ics = meeting_ics(meeting, network, seats, user, summary=summary, description=f"{intro}\n{link}",
                          alarm_text=alarm_text, organizer_name=organizer_name)
        if queue_letter(MEETING_INVITATION.key, user=user, subject=subject, text=text, html=html,
                        attachments=[("invitation.ics", ICS_MIME, ics)],
                        dedupe_key=f"council-meeting:{meeting.id}:{sequence}:{seat.id}") is not None:
            queued += 1
    return queued


# ---- 5. a meeting cancelled (iCalendar CANCEL) --------------------------------------------------------

def queue_meeting_cancellation(meeting: Meeting, network: Network) -> int:
    """To every seat holder: the meeting is cancelled (with the reason, when given) and a cancellation.ics that
    takes the invitation out of the calendar. Call after the flush that cancelled it (the SEQUENCE grows)."""
    seats = seats_with_users(network.id)
    link = meeting_url(network, meeting)
    queued = 0
    for seat, user in _recipients(seats):
        with letter_language(user):
            subject = _("Заседание совета № %(number)s %(date)s отменено", number=meeting.number,
                        date=_day(meeting.held_on))
            intro = _("Заседание № %(number)s координационного совета «%(network)s», назначенное на %(date)s, "
                      "отменено.", number=meeting.number, network=network.name, date=_day(meeting.held_on))
            reason = _("Причина: %(reason)s", reason=meeting.cancel_reason) if meeting.cancel_reason else ""
            calendar_note = _("Отмена для календаря — во вложении (cancellation.ics): заседание исчезнет из "
                              "календаря.")
            link_label = _("Открыть заседание")
            summary = _("Заседание координационного совета № %(number)s", number=meeting.number)
            organizer_name = _("Координационный совет «%(network)s»", network=network.name)
        lines = [line for line in (intro, reason, calendar_note) if line]
        text, html = _compose(lines, link, link_label)
        description = "\n".join(line for line in (intro, reason, link) if line)
        ics = meeting_ics(meeting, network, seats, user, summary=summary, description=description,
                          alarm_text=None, organizer_name=organizer_name, cancel=True)
        if queue_letter(MEETING_INVITATION.key, user=user, subject=subject, text=text, html=html,
                        attachments=[("cancellation.ics", ICS_CANCEL_MIME, ics)],
                        dedupe_key=f"council-meeting-cancelled:{meeting.id}:{seat.id}") is not None:
            queued += 1
    return queued
