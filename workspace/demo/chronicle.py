"""The demo's chronicle: a photo for each report of an event held, and council meetings held.

Dated relative to the current academic year: each network had its August meeting before the year began.
"""
from __future__ import annotations

import struct
import zlib
from datetime import date, datetime, timezone

from sqlalchemy import select

from workspace.core.dates import AcademicYear
from workspace.extensions import db

MEETINGS = [  # network slug, number, (month, day) before the year starts, place, questions
    ("sosh31-kultura", 1, (8, 28), "МБОУ «СОШ №31», кабинет директора",
     ["Об итогах сетевого взаимодействия за прошлый учебный год", "О проекте сетевого плана на новый учебный год"]),
    ("chtenie-nk", 1, (8, 29), "МБУ «МИБС», центральная библиотека",
     ["О программе «Читающий Новокузнецк» на новый учебный год"]),
]


def _photo(red: int, green: int, blue: int, width: int = 48, height: int = 36) -> bytes:
    """A small plain-colour PNG (the demo needs no image library)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes((red, green, blue)) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def load_chronicle(networks: dict, users: dict) -> None:
    """Call inside ``unscoped()`` after the plans are loaded."""
    from tenants.models import Seat
    from workspace.council.models import AgendaItem, Attendance, Meeting, MeetingKind
    from workspace.plans.report_models import EventFile, EventReport

    year = AcademicYear.current()
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
    for slug, number, (month, day), place, questions in MEETINGS:
        network = networks.get(slug)
        if network is None:
            continue
        held_on = date(year.start_year, month, day)
        meeting = Meeting(network_id=network.id, kind=MeetingKind.MEETING, number=number, held_on=held_on,
                          place=place)
        db.session.add(meeting)
        db.session.flush()
        closed = datetime(held_on.year, held_on.month, held_on.day, 15, 0, tzinfo=timezone.utc)
        for position, title in enumerate(questions, start=1):
            db.session.add(AgendaItem(network_id=network.id, meeting_id=meeting.id, position=position, title=title,
                                      discussion="Выступил председатель совета; вопрос обсуждён, замечаний нет.",
                                      closed_at=closed))
        for seat_id in db.session.scalars(select(Seat.id).where(Seat.network_id == network.id)):
            db.session.add(Attendance(network_id=network.id, meeting_id=meeting.id, seat_id=seat_id))
