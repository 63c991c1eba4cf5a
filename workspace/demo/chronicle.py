"""The demo's chronicle: reports (with a photo) of the plan's events already held, and council meetings held.

Everything is dated relative to today, so the demo shows a live chronicle whenever it is loaded: the events
of the current academic year whose dates are past get a report, each network had its August meeting.
"""
from __future__ import annotations

import struct
import zlib
from datetime import date, datetime, timezone

from sqlalchemy import select

from workspace.core.dates import AcademicYear
from workspace.extensions import db

SUMMARIES = [
    "Мероприятие прошло в актовом зале школы; сотрудники библиотеки провели викторину, победители получили "
    "грамоты.",
    "Классный час провели в каждом классе параллели; библиотекари подготовили подборку материалов и памятки.",
    "На конкурс поступило 47 рисунков; выставка работ открыта в рекреации второго этажа до конца месяца.",
    "Обучающиеся посмотрели спектакль и обсудили его с актёрами театра после показа.",
]
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
    from workspace.plans.models import ItemStatus, PlanItem
    from workspace.plans.report_models import EventFile, EventReport

    today = date.today()
    year = AcademicYear.current()
    author = users.get("zam.vr@sosh31.example")
    past = db.session.scalars(select(PlanItem).where(PlanItem.ends_on.is_not(None), PlanItem.ends_on < today,
                                                     PlanItem.starts_on >= year.starts_on)
                              .order_by(PlanItem.starts_on, PlanItem.id)).all()
    colours = [(70, 130, 180), (220, 160, 60), (120, 170, 90), (180, 90, 120)]
    for n, item in enumerate(past):
        item.status = ItemStatus.HELD
        report = EventReport(network_id=item.network_id, item_id=item.id, held_from=item.starts_on,
                             held_to=min(item.ends_on, today), summary=SUMMARIES[n % len(SUMMARIES)],
                             author_id=author.id if author else None)
        db.session.add(report)
        db.session.flush()
        content = _photo(*colours[n % len(colours)])
        db.session.add(EventFile(network_id=item.network_id, report_id=report.id, filename=f"фото-{n + 1}.png",
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
