"""The desk in one statement: the lists of «Ждёт меня», the next events, the network cards, the user's seats and the
notes are the parts of one UNION ALL, built once per kind of reader (manager, teacher, head) and run with bound
parameters, so that a request neither rebuilds it nor runs a statement per list.

Every part fills the same typed slots (SLOTS, typed NULLs where it has nothing to say) and numbers its rows in its
own order (row_number over its own, possibly LIMITed, rows); the rows come back in (part, position) order and each
part turns them into the named rows its template reads. The tenant hook scopes every part: its criteria reach into
the subqueries of a compound statement (tests/tenancy: the isolation and content walks read the desk).
"""
from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cache

from sqlalchemy import (
    Date,
    DateTime,
    Integer,
    Select,
    Text,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import aliased

from tenants.models import (
    Institution,
    InvitationStatus,
    MemberRole,
    Membership,
    Network,
    NetworkInvitation,
    Seat,
    SeatRole,
)
from workspace.accounts.models import User
from workspace.agreements.models import Agreement, AgreementParty, AgreementStatus
from workspace.agreements.queries import REMINDER_DAYS
from workspace.core.database import unindexed
from workspace.council.models import AgendaItem, Approval, ApprovalStatus, Choice, Meeting, MeetingKind, Vote
from workspace.desk.models import Note
from workspace.extensions import db
from workspace.journal.models import Lesson
from workspace.journal.queries import TodayLesson
from workspace.plans.models import Plan, PlanItem, PlanItemPerson, PlanSection
from workspace.programmes.models import (
    Application,
    ApplicationStatus,
    Enrollment,
    EnrollmentStatus,
    Group,
    Programme,
)
from workspace.programmes.queries import DECISIONS_SHOWN_DAYS
from workspace.projects.models import Project, ProjectComment, ProjectMention
from workspace.requests_table.models import Conversation, ConversationMessage, ResourceRequest

MENTION_DAYS = 30  # the mentions of the user in project discussions shown on the desk

SLOTS = {"id": Integer(), "ref": Integer(), "number": Integer(), "title": Text(), "t1": Text(), "t2": Text(),
         "t3": Text(), "t4": Text(), "d1": Date(), "d2": Date(), "at": DateTime(timezone=True)}

USER = bindparam("user_id", type_=Integer())
INSTITUTION = bindparam("institution_id", type_=Integer())
NETWORKS = bindparam("network_ids", expanding=True, type_=Integer())
TODAY = bindparam("today", type_=Date())
AGREEMENTS_UNTIL = bindparam("agreements_until", type_=Date())
MENTIONS_SINCE = bindparam("mentions_since", type_=DateTime(timezone=True))
DECISIONS_SINCE = bindparam("decisions_since", type_=DateTime(timezone=True))


def _numbered(name: str, rows: Select, order: Callable) -> Select:
    """A part in the common slots: ``rows`` labels its columns with slot names (and any extra sort keys);
    ``order(columns)`` is the part's order, over the columns of its rows."""
    inner = rows.subquery(f"part_{name}")
    # type_coerce: the union's columns take the slots' types whatever a part puts there (an enum's value as text)
    return select(literal_column(f"'{name}'", Text()).label("part"),
                  func.row_number().over(order_by=order(inner.c)).label("pos"),
                  *[(type_coerce(inner.c[slot], kind) if slot in inner.c else cast(null(), kind)).label(slot)
                    for slot, kind in SLOTS.items()])


# --- the council: the user's seats, the questions waiting for their vote, the documents waiting for the council ---

Seated = namedtuple("Seated", "id network_id role")
Question = namedtuple("Question", "id title meeting_id number kind held_on deadline_on slug name choice")
Waiting = namedtuple("Waiting", "id title subject_type subject_id created_at submitted_by_name slug name")


def _seats() -> Select:
    rows = select(Seat.id.label("id"), Seat.network_id.label("ref"), Seat.role.label("t3")).where(Seat.user_id == USER)
    return _numbered("seats", rows, lambda c: [c.id])


def _questions() -> Select:
    """Open agenda items of the networks where the user sits, with the user's own vote (council/queries.py
    open_questions_for, for the seats of the user)."""
    my_seats = select(Seat.id).where(Seat.user_id == USER)
    rows = (select(AgendaItem.id.label("id"), AgendaItem.title.label("title"), Meeting.id.label("ref"),
                   Meeting.number.label("number"), Meeting.kind.label("t3"), Meeting.held_on.label("d1"),
                   Meeting.deadline_on.label("d2"), Network.slug.label("t1"), Network.name.label("t2"),
                   Vote.choice.label("t4"), AgendaItem.position.label("position"))
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .join(Network, Network.id == AgendaItem.network_id)
            .outerjoin(Vote, and_(Vote.agenda_item_id == AgendaItem.id, Vote.seat_id.in_(my_seats)))
            .where(AgendaItem.network_id.in_(select(Seat.network_id).where(Seat.user_id == USER)),
                   AgendaItem.closed_at.is_(None), or_(Meeting.deadline_on.is_(None), Meeting.deadline_on >= TODAY)))
    return _numbered("questions", rows, lambda c: [c.d2, c.d1, c.position, c.id])


def _council_waiting() -> Select:
    """Documents submitted to the councils the user chairs or is secretary of, on no open agenda item yet."""
    leading = select(Seat.network_id).where(Seat.user_id == USER, Seat.role.in_([SeatRole.CHAIR, SeatRole.SECRETARY]))
    on_open_agenda = select(AgendaItem.approval_id).where(AgendaItem.approval_id.is_not(None),
                                                           AgendaItem.closed_at.is_(None))
    rows = (select(Approval.id.label("id"), Approval.title.label("title"), Approval.subject_type.label("t3"),
                   Approval.subject_id.label("ref"), Approval.created_at.label("at"),
                   Approval.submitted_by_name.label("t4"), Network.slug.label("t1"), Network.name.label("t2"))
            .join(Network, Network.id == Approval.network_id)
            .where(Approval.network_id.in_(leading), Approval.status == ApprovalStatus.SUBMITTED,
                   Approval.id.not_in(on_open_agenda)))
    return _numbered("council_waiting", rows, lambda c: [c.at, c.id])


# --- the plans: the next events, the reports due ---

Event = namedtuple("Event", "id title timing starts_on ends_on plan_id slug name")
Due = namedtuple("Due", "id title ends_on plan_id slug")


def _events(limit: int = 8) -> Select:
    """The next events of the institution's networks (the scope) that are not archived: the first ``limit`` items
    by start, then their networks' names (joined to those few rows only)."""
    # the institution's networks but the archived ones (an archived network's plan is history)
    live = select(Network.id).where(Network.id.in_(NETWORKS), Network.is_archived.is_(False))
    first = (select(PlanItem.id, PlanItem.title, PlanItem.timing, PlanItem.starts_on, PlanItem.ends_on,
                    PlanItem.plan_id, PlanItem.network_id)
             # read planned items in start order (ix_plan_items_status_starts_on) and stop at the first few that
             # have not ended; SQLite's sampled statistics would rather take every item of the city not yet ended
             # and sort them (80 ms at city scale instead of 1). On PostgreSQL the networks joined before the LIMIT
             # cost a lookup per item not yet ended (1 382 of two networks at city scale: 5 ms instead of 1).
             .where(unindexed(PlanItem.ends_on) >= TODAY, PlanItem.status == "planned", PlanItem.network_id.in_(live))
             .order_by(PlanItem.starts_on, PlanItem.id).limit(limit).subquery("next_events"))
    rows = (select(first.c.id.label("id"), first.c.title.label("title"), first.c.timing.label("t3"),
                   first.c.starts_on.label("d1"), first.c.ends_on.label("d2"), first.c.plan_id.label("ref"),
                   Network.slug.label("t1"), Network.name.label("t2"))
            .join(Network, Network.id == first.c.network_id))
    return _numbered("events", rows, lambda c: [c.d1, c.id])


def _reports(manager: bool, limit: int = 8) -> Select:
    """Events already over but not reported that wait for this user: for a manager, the sections the institution
    answers for (its own partner sections, every section of the networks it is the base of); for anybody, the
    events that name the user among their responsible (a teacher files their report too)."""
    answered = [PlanItem.id.in_(select(PlanItemPerson.item_id).where(PlanItemPerson.user_id == USER))]
    if manager:
        answered += [PlanSection.partner_institution_id == INSTITUTION, Network.base_institution_id == INSTITUTION]
    rows = (select(PlanItem.id.label("id"), PlanItem.title.label("title"), PlanItem.ends_on.label("d2"),
                   Plan.id.label("ref"), Network.slug.label("t1"))
            .join(PlanSection, PlanSection.id == PlanItem.section_id).join(Plan, Plan.id == PlanItem.plan_id)
            .join(Network, Network.id == PlanItem.network_id)
            .where(PlanItem.ends_on < TODAY, PlanItem.status == "planned", Network.is_archived.is_(False),
                   or_(*answered))
            .order_by(PlanItem.ends_on.desc(), PlanItem.id).limit(limit))
    return _numbered("reports", rows, lambda c: [c.d2.desc(), c.id])


# --- the other areas' parts of «Ждёт меня» ---

Reminder = namedtuple("Reminder", "id number title ends_on status network_slug network_name")
Mention = namedtuple("Mention", "created_at project_id title slug author_name body")
Talk = namedtuple("Talk", "id slug need_title offer_title partner messages last_at")
Invitation = namedtuple("Invitation", "id role network_name base_name")
ProgrammeReminder = namedtuple("ProgrammeReminder", "kind slug n")


def _agreements(limit: int = 20) -> Select:
    """Agreements of the institution ending soon, and those on signing that wait for its acceptance
    (within agreements/queries.py REMINDER_DAYS)."""
    rows = (select(Agreement.id.label("id"), Agreement.number.label("t4"), Agreement.title.label("title"),
                   Agreement.ends_on.label("d2"), Agreement.status.label("t3"), Network.slug.label("t1"),
                   Network.name.label("t2"))
            .join(AgreementParty, and_(AgreementParty.agreement_id == Agreement.id,
                                       AgreementParty.institution_id == INSTITUTION))
            .join(Network, Network.id == Agreement.network_id)
            .where(or_(and_(Agreement.status == AgreementStatus.ACTIVE, Agreement.ends_on >= TODAY,
                            Agreement.ends_on <= AGREEMENTS_UNTIL),
                       and_(Agreement.status == AgreementStatus.SIGNING, AgreementParty.accepted_at.is_(None))))
            .order_by(Agreement.ends_on, Agreement.id).limit(limit))
    return _numbered("agreements", rows, lambda c: [c.d2, c.id])


def _mentions(limit: int = 5) -> Select:
    """The latest mentions of the user in the discussions of their networks' projects."""
    rows = (select(ProjectMention.created_at.label("at"), Project.id.label("ref"), Project.title.label("title"),
                   Network.slug.label("t1"), ProjectComment.author_name.label("t3"), ProjectComment.body.label("t4"),
                   ProjectMention.id.label("id"))
            .join(ProjectComment, ProjectComment.id == ProjectMention.comment_id)
            .join(Project, Project.id == ProjectMention.project_id)
            .join(Network, Network.id == Project.network_id)
            .where(ProjectMention.user_id == USER, ProjectMention.network_id.in_(NETWORKS),
                   ProjectMention.created_at >= MENTIONS_SINCE)
            .order_by(ProjectMention.created_at.desc(), ProjectMention.id.desc()).limit(limit))
    return _numbered("mentions", rows, lambda c: [c.at.desc(), c.id.desc()])


def _programmes() -> Select:
    """The school's new parents' applications, per network the pupils of requests to the institution's own
    programmes waiting for a decision, the school's pupils a provider refused or put on its waiting list lately."""
    def kind(name: str):
        return literal_column(f"'{name}'", Text()).label("t3")

    applications = (select(kind("applications"), cast(null(), Text()).label("t1"), func.count().label("number"))
                    .select_from(Application)
                    .where(Application.institution_id == INSTITUTION, Application.status == ApplicationStatus.NEW)
                    .having(func.count() > 0))
    requests = (select(kind("requests"), Network.slug.label("t1"), func.count().label("number"))
                .select_from(Enrollment)
                .join(Programme, Programme.id == Enrollment.programme_id)
                .join(Network, Network.id == Enrollment.network_id)
                .where(Programme.provider_institution_id == INSTITUTION,
                       Enrollment.status == EnrollmentStatus.REQUESTED)
                .group_by(Network.slug))
    # the two kinds of decision in one pass over the school's enrollments: a kind is the status's value
    decided = (select(type_coerce(Enrollment.status, Text()).label("t3"), cast(null(), Text()).label("t1"),
                      func.count().label("number"))
               .where(Enrollment.home_institution_id == INSTITUTION,
                      Enrollment.status.in_([EnrollmentStatus.DECLINED, EnrollmentStatus.WAITING]),
                      Enrollment.decided_at >= DECISIONS_SINCE)
               .group_by(Enrollment.status))
    return _numbered("programmes", union_all(applications, requests, decided), lambda c: [c.t3, c.t1])


def _conversations(limit: int = 8) -> Select:
    """The request-table conversations waiting for the institution's answer: the partner wrote last, or nobody
    has written yet; those turned into a plan item or a roadmap task are done."""
    need, offer, last_message, partner = (aliased(ResourceRequest), aliased(ResourceRequest),
                                          aliased(ConversationMessage), aliased(Institution))
    latest = (select(ConversationMessage.conversation_id, func.max(ConversationMessage.id).label("last_id"),
                     func.count().label("n"))
              .group_by(ConversationMessage.conversation_id).subquery())
    partner_id = case((Conversation.need_institution_id == INSTITUTION, Conversation.offer_institution_id),
                      else_=Conversation.need_institution_id)
    rows = (select(Conversation.id.label("id"), Network.slug.label("t1"), need.title.label("title"),
                   offer.title.label("t2"), partner.short_name.label("t3"),
                   func.coalesce(latest.c.n, 0).label("number"), last_message.created_at.label("at"),
                   func.coalesce(last_message.created_at, Conversation.created_at).label("latest_at"))
            .join(Network, Network.id == Conversation.network_id)
            .join(need, need.id == Conversation.need_id).join(offer, offer.id == Conversation.offer_id)
            .join(partner, partner.id == partner_id)
            .outerjoin(latest, latest.c.conversation_id == Conversation.id)
            .outerjoin(last_message, last_message.id == latest.c.last_id)
            .where(or_(Conversation.need_institution_id == INSTITUTION,
                       Conversation.offer_institution_id == INSTITUTION),
                   Conversation.plan_item_id.is_(None), Conversation.project_task_id.is_(None),
                   or_(last_message.id.is_(None), last_message.institution_id != INSTITUTION))
            .order_by(func.coalesce(last_message.created_at, Conversation.created_at).desc(), Conversation.id.desc())
            .limit(limit))
    return _numbered("conversations", rows, lambda c: [c.latest_at.desc(), c.id.desc()])


def _invitations() -> Select:
    """The institution's waiting invitations into networks that are not archived (networks/founding.py)."""
    rows = (select(NetworkInvitation.id.label("id"), NetworkInvitation.role.label("t3"),
                   Network.name.label("t2"), Institution.short_name.label("t4"),
                   NetworkInvitation.created_at.label("at"))
            .join(Network, Network.id == NetworkInvitation.network_id)
            .join(Institution, Institution.id == Network.base_institution_id)
            .where(NetworkInvitation.institution_id == INSTITUTION,
                   NetworkInvitation.status == InvitationStatus.PENDING, Network.is_archived.is_(False)))
    return _numbered("invitations", rows, lambda c: [c.at, c.id])


def _lessons() -> Select:
    """Today's lessons of the groups the user teaches, across their networks."""
    rows = (select(Lesson.id.label("id"), Lesson.topic.label("title"), Group.id.label("ref"), Group.name.label("t2"),
                   Programme.title.label("t3"), Network.slug.label("t1"))
            .join(Group, Group.id == Lesson.group_id).join(Programme, Programme.id == Group.programme_id)
            .join(Network, Network.id == Group.network_id)
            .where(Group.teacher_id == USER, Lesson.held_on == TODAY))
    return _numbered("lessons", rows, lambda c: [c.t2])


# --- the network cards and the notes ---

CardNetwork = namedtuple("CardNetwork", "id slug name starts_on ends_on")
Member = namedtuple("Member", "network_id institution_id role short_name")
NoteRow = namedtuple("NoteRow", "id body created_at author_id author_name")


def _networks() -> Select:
    rows = (select(Network.id.label("id"), Network.slug.label("t1"), Network.name.label("t2"),
                   Network.starts_on.label("d1"), Network.ends_on.label("d2"))
            .where(Network.id.in_(NETWORKS), Network.is_archived.is_(False)))
    return _numbered("networks", rows, lambda c: [c.t2])


def _members() -> Select:
    # every member of the institution's networks: a city network has dozens of partners on one card
    rows = (select(Membership.network_id.label("ref"), Membership.institution_id.label("id"),
                   Membership.role.label("t3"), Institution.short_name.label("t2"))
            .join(Institution, Institution.id == Membership.institution_id)
            .where(Membership.network_id.in_(NETWORKS)))
    return _numbered("members", rows, lambda c: [c.t3, c.t2])


def notes_select(limit: int = 20) -> Select:
    """The institution's newest notes with their authors' names (the notes partial reads it alone)."""
    return (select(Note.id.label("id"), Note.body.label("title"), Note.created_at.label("at"),
                   Note.author_id.label("ref"), User.full_name.label("t2"))
            .outerjoin(User, User.id == Note.author_id)
            .order_by(Note.created_at.desc(), Note.id.desc()).limit(limit))


def _notes() -> Select:
    return _numbered("notes", notes_select(), lambda c: [c.at.desc(), c.id.desc()])


# --- one statement per kind of reader ---

ROWS = {
    "seats": lambda r: Seated(r.id, r.ref, SeatRole(r.t3)),
    "questions": lambda r: Question(r.id, r.title, r.ref, r.number, MeetingKind(r.t3), r.d1, r.d2, r.t1, r.t2,
                                    Choice(r.t4) if r.t4 else None),
    "council_waiting": lambda r: Waiting(r.id, r.title, r.t3, r.ref, r.at, r.t4, r.t1, r.t2),
    "events": lambda r: Event(r.id, r.title, r.t3, r.d1, r.d2, r.ref, r.t1, r.t2),
    "reports": lambda r: Due(r.id, r.title, r.d2, r.ref, r.t1),
    "agreements": lambda r: Reminder(r.id, r.t4, r.title, r.d2, AgreementStatus(r.t3), r.t1, r.t2),
    "mentions": lambda r: Mention(r.at, r.ref, r.title, r.t1, r.t3, r.t4),
    "programmes": lambda r: ProgrammeReminder(r.t3, r.t1, r.number),
    "conversations": lambda r: Talk(r.id, r.t1, r.title, r.t2, r.t3, r.number, r.at),
    "invitations": lambda r: Invitation(r.id, MemberRole(r.t3), r.t2, r.t4),
    "lessons": lambda r: TodayLesson(r.id, r.title, r.ref, r.t2, r.t3, r.t1),
    "networks": lambda r: CardNetwork(r.id, r.t1, r.t2, r.d1, r.d2),
    "members": lambda r: Member(r.ref, r.id, MemberRole(r.t3), r.t2),
    "notes": lambda r: NoteRow(r.id, r.title, r.at, r.ref, r.t2),
}


@cache
def desk_statement(manager: bool, teacher: bool, head: bool) -> Select:
    """Built once per kind of reader: the parts a manager, a teacher, a head sees."""
    parts = [_seats(), _questions(), _council_waiting(), _events(), _reports(manager), _mentions(), _networks(),
             _members(), _notes()]
    if manager:
        parts += [_agreements(), _programmes(), _conversations()]
    if teacher:
        parts.append(_lessons())
    if head:
        parts.append(_invitations())
    everything = union_all(*parts).subquery("desk")
    return select(everything).order_by(everything.c.part, everything.c.pos)


def desk_parameters(user_id: int, institution_id: int, network_ids: list[int], today: date) -> dict:
    now = datetime.now(UTC)
    return {"user_id": user_id, "institution_id": institution_id, "network_ids": list(network_ids), "today": today,
            "agreements_until": today + timedelta(days=REMINDER_DAYS),
            "mentions_since": now - timedelta(days=MENTION_DAYS),
            "decisions_since": now - timedelta(days=DECISIONS_SHOWN_DAYS)}


def read_desk(parameters: dict, *, manager: bool, teacher: bool, head: bool) -> dict[str, list]:
    """Every part's rows, by part name (a part with no rows: an empty list)."""
    parts: dict[str, list] = defaultdict(list)
    for row in db.session.execute(desk_statement(manager, teacher, head), parameters):
        parts[row.part].append(ROWS[row.part](row))
    return parts


@cache
def _notes_alone() -> Select:
    return notes_select()


def recent_notes() -> list[NoteRow]:
    """The notes partial after a note is added or deleted."""
    return [ROWS["notes"](row) for row in db.session.execute(_notes_alone())]
