"""The demo's chronicle: a photo for each report of an event held, and the council's meetings held before the
load day — each closed, every question voted and decided, so the list («решения приняты») and the meeting's
page («завершено») say the same — and one e-vote still open.

Dated relative to the academic year of the load day: each network had its August meeting before the year began.
"""
from __future__ import annotations

import struct
import zlib
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from tenants.models import Seat
from workspace.core.dates import AcademicYear
from workspace.council.models import (
    AgendaItem,
    Approval,
    ApprovalStatus,
    Attendance,
    Choice,
    Decision,
    MajorityRule,
    Meeting,
    MeetingKind,
    Outcome,
    QuorumRule,
    Vote,
)
from workspace.demo import data
from workspace.extensions import db
from workspace.plans.models import Plan, PlanStatus
from workspace.plans.report_models import EventFile, EventReport

# network slug, (month, day) in the academic year of the load day (August: the August before it), place,
# questions: (title, what the question approves: "plan" — the network's plan of the year, titled as the council
# titles it — or None). A meeting whose date has not come
# yet on the load day is not loaded; each meeting loaded is over, with every question voted and decided.
MEETINGS = [
    ("sosh31-kultura", (8, 28), "МБОУ «СОШ №31», кабинет директора",
     [("Об итогах сетевого взаимодействия за прошлый учебный год", None),
      ("О проекте сетевого плана на новый учебный год", None)]),
    ("koshekhabl-set", (8, 27), "МБОУ СОШ №8, учительская",
     [("", "plan"), ("О формировании сетевых групп и подвозе обучающихся из с. Натырбово", None)]),
    ("chtenie-nk", (8, 29), "МБУ «МИБС», центральная библиотека",
     [("О программе «Читающий Новокузнецк» на новый учебный год", None), ("", "plan")]),
    ("sosh31-kultura", (11, 26), "МБУ «МИБС», читальный зал детской библиотеки",
     [("Об итогах мероприятий сетевого плана за первую четверть", None),
      ("О подготовке Недели театра в школе", None)]),
    ("koshekhabl-set", (12, 24), "МБОУ ДО ЦДО, методический кабинет",
     [("О посещаемости сетевых объединений в первом полугодии", None)]),
    ("sosh31-kultura", (3, 25), "Новокузнецкий драмтеатр, малый зал",
     [("Об итогах Недели театра в школе", None)]),
    ("koshekhabl-set", (5, 27), "МБОУ СОШ №8, учительская",
     [("Об итогах реализации сетевых программ и выдаче документов об обучении", None)]),
]
# The e-vote open on the load day: the СОШ №31 network votes on the project submitted for approval.
E_VOTE = ("sosh31-kultura", "Об утверждении: Читающая школа — читающий город",
          ("direktor@sosh31.example", "roditel.sosh31@mail.example"))


def _photo(red: int, green: int, blue: int, width: int = 48, height: int = 36) -> bytes:
    """A small plain-colour PNG (the demo needs no image library)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes((red, green, blue)) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def load_chronicle(networks: dict, users: dict, year: AcademicYear, today: date) -> None:
    """Call inside ``unscoped()`` after the plans and projects are loaded."""

    author = users.get("zam.vr@sosh31.example")
    # The events held come with their reports from the monitoring demo (its figures are computed by hand):
    # each report gets a photo here, so the chronicle shows them as they are filed in real life.
    reports = db.session.scalars(select(EventReport).order_by(EventReport.held_from, EventReport.id)).all()
    colours = [(70, 130, 180), (220, 160, 60), (120, 170, 90), (180, 90, 120)]
    for n, report in enumerate(reports):
        content = _photo(*colours[n % len(colours)])
        db.session.add(EventFile(network_id=report.network_id, report_id=report.id, filename=f"фото-{n + 1}.png",
                                 content_type="image/png", size=len(content), content=content,
                                 author_id=author.id if author else None))
    _load_meetings(networks, users, year, today)


def _load_meetings(networks: dict, users: dict, year: AcademicYear, today: date) -> None:

    numbers: dict[str, int] = {}
    for slug, (month, day), place, questions in MEETINGS:
        network = networks[slug]
        held_on = date(year.start_year, month, day) if month == 8 else year.date_of(month, day)
        if held_on >= today:
            continue
        numbers[slug] = numbers.get(slug, 0) + 1
        closed = datetime(held_on.year, held_on.month, held_on.day, 15, 0, tzinfo=UTC)
        meeting = Meeting(network_id=network.id, kind=MeetingKind.MEETING, number=numbers[slug], held_on=held_on,
                          place=place, closed_at=closed)
        db.session.add(meeting)
        db.session.flush()
        seats = list(db.session.scalars(select(Seat.id).where(Seat.network_id == network.id).order_by(Seat.id)))
        for seat_id in seats:
            db.session.add(Attendance(network_id=network.id, meeting_id=meeting.id, seat_id=seat_id))
        for position, (title, approves) in enumerate(questions, start=1):
            approval_id = None
            if approves == "plan":
                subject = db.session.scalar(select(Plan).where(Plan.network_id == network.id,
                                                               Plan.start_year == year.start_year))
                subject.status = PlanStatus.APPROVED
                title = f"Об утверждении: {subject.title}"
                secretary = users.get(f"zam.vr@{network_base_email(slug)}")
                submitted = held_on - timedelta(days=5)
                approval = Approval(network_id=network.id, subject_type=approves, subject_id=subject.id, round=1,
                                    title=subject.title, status=ApprovalStatus.APPROVED,
                                    created_at=datetime(submitted.year, submitted.month, submitted.day, 9, 30,
                                                        tzinfo=UTC),
                                    submitted_by_id=secretary.id if secretary else None,
                                    submitted_by_name=secretary.full_name if secretary else "")
                db.session.add(approval)
                db.session.flush()
                approval_id = approval.id
            item = AgendaItem(network_id=network.id, meeting_id=meeting.id, position=position, title=title,
                              approval_id=approval_id, closed_at=closed,
                              discussion="Выступил председатель совета; вопрос обсуждён, замечаний нет.")
            db.session.add(item)
            db.session.flush()
            # Everyone present votes «за»; on the first question the last seat abstains.
            choices = [Choice.ABSTAIN if position == 1 and n == len(seats) - 1 else Choice.FOR
                       for n in range(len(seats))]
            db.session.add_all(Vote(network_id=network.id, agenda_item_id=item.id, seat_id=seat_id, choice=choice,
                                    cast_at=closed) for seat_id, choice in zip(seats, choices))
            db.session.add(Decision(network_id=network.id, agenda_item_id=item.id, outcome=Outcome.APPROVED,
                                    votes_for=choices.count(Choice.FOR),
                                    votes_abstain=choices.count(Choice.ABSTAIN), seats=len(seats),
                                    quorum=QuorumRule.MORE_THAN_HALF, majority=MajorityRule.SIMPLE_OF_CAST,
                                    decided_on=held_on))
    _load_e_vote(networks, users, numbers, today)


def _load_e_vote(networks: dict, users: dict, numbers: dict, today: date) -> None:
    """An e-vote opened two days before the load day, a week to go: two of the council's votes are in."""

    slug, title, voters = E_VOTE
    network = networks[slug]
    approval_id = db.session.scalar(select(Approval.id).where(Approval.network_id == network.id,
                                                              Approval.subject_type == "project",
                                                              Approval.status == ApprovalStatus.SUBMITTED))
    meeting = Meeting(network_id=network.id, kind=MeetingKind.E_VOTE, number=numbers.get(slug, 0) + 1,
                      held_on=today - timedelta(days=2), deadline_on=today + timedelta(days=7))
    db.session.add(meeting)
    db.session.flush()
    item = AgendaItem(network_id=network.id, meeting_id=meeting.id, position=1, title=title, approval_id=approval_id)
    db.session.add(item)
    db.session.flush()
    for email in voters:
        seat_id = db.session.scalar(select(Seat.id).where(Seat.network_id == network.id,
                                                          Seat.user_id == users[email].id))
        db.session.add(Vote(network_id=network.id, agenda_item_id=item.id, seat_id=seat_id, choice=Choice.FOR))


def network_base_email(slug: str) -> str:
    """The e-mail domain of the network's base institution (its deputy director is the council's secretary)."""
    base = next(row[2] for row in data.NETWORKS if row[0] == slug)
    return f"{base}.example"
