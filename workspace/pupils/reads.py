"""Who read our pupils: one ``PupilRead`` row per pupil each time another institution reads its data.

The areas that show pupils outside their home school call ``record_pupil_reads`` once per request with
what they showed: the provider's inbox of requests, the journal grid of a group and its Excel, the
certificates it issues. One INSERT statement per call, whatever the number of pupils, run once the answer is
made; reads by the pupil's own school are not recorded (it owns the data). The school reads them per pupil and period
(``reads_query``; the page in ``pupils.reads_views``).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import after_this_request, current_app
from flask_login import current_user
from sqlalchemy import Select, insert, select

from tenants.models import Institution
from workspace.audit.recorder import actor
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.models import utcnow
from workspace.core.text import matches_search_text
from workspace.extensions import db
from workspace.pupils.models import Pupil, PupilRead

READ_KINDS = {
    "request": _l("Заявка в организацию: ФИО и класс"),
    "journal": _l("Сетевой журнал группы"),
    "journal_export": _l("Журнал группы (Excel)"),
    "certificate_issue": _l("Выдача документов об обучении"),
    "certificate": _l("Документ об обучении"),
    "certificate_register": _l("Реестр выданных документов об обучении"),
    "achievements": _l("Достижения группы: ФИО и класс"),
}

_INSERT_READ = insert(PupilRead.__table__).inline()


def record_pupil_reads(kind: str, object_id: int | None, pupils: Iterable[tuple[int, int]]) -> int:
    """Append a read of each (home_institution_id, pupil_id) not of the reader's own institution, in one
    INSERT (appending needs no scope: the row is the pupil's school's, the reader writes it in its own name);
    the number of reads.

    The INSERT runs once the answer is made (an ``after_this_request`` function: before the request's commit and
    its count of statements), and only when it succeeded: on SQLite a write takes the database's write lock until
    the commit, and written here it held it while the page was drawn (a journal grid's 5 ms: other teachers'
    grids and every write of the network waited for it)."""
    assert kind in READ_KINDS, kind
    reader_institution_id = current_user.institution_id
    rows = sorted({(home_id, pupil_id) for home_id, pupil_id in pupils if home_id != reader_institution_id})
    if not rows:
        return 0
    reader_id, reader_name = actor()
    now = utcnow()
    values = [{"institution_id": home_id, "pupil_id": pupil_id, "reader_id": reader_id, "reader_name": reader_name,
               "reader_institution_id": reader_institution_id, "kind": kind, "object_id": object_id, "read_at": now}
              for home_id, pupil_id in rows]

    @after_this_request
    def _write(response):
        if response.status_code < 400:
            # executemany of one cached statement (SQLAlchemy sends it as batched multi-row INSERTs): a VALUES list
            # built per request would be compiled anew each time, ~4 ms for a journal grid of 30 pupils
            db.session.connection().execute(_INSERT_READ, values)
        return response

    return len(rows)


def day_bounds(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """The period's dates in the deployment's time zone as UTC instants: [start of first, start of last + 1)."""
    zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "UTC"))

    def start(day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)

    upper = None
    if last is not None:
        upper = start(last) if last == date.max else start(date.fromordinal(last.toordinal() + 1))
    return (start(first) if first else None), upper


def reads_query(pupil_id: int | None = None, first: date | None = None, last: date | None = None,
                name: str = "") -> Select:
    """Reads of the school's pupils (the scope keeps both tables to the school), newest first; ``name``: only
    the pupils whose name or class it matches (word starts, any word form)."""
    statement = (select(PupilRead.id, PupilRead.read_at, PupilRead.reader_name, Institution.short_name.label("reader_institution"),
                        PupilRead.kind, PupilRead.object_id, Pupil.id.label("pupil_id"), Pupil.surname, Pupil.name,
                        Pupil.patronymic, Pupil.class_label)
                 .join(Pupil, Pupil.id == PupilRead.pupil_id)
                 .outerjoin(Institution, Institution.id == PupilRead.reader_institution_id)
                 .order_by(PupilRead.read_at.desc(), PupilRead.id.desc()))
    if pupil_id is not None:
        statement = statement.where(PupilRead.pupil_id == pupil_id)
    if name:
        statement = statement.where(matches_search_text(Pupil, name))
    lower, upper = day_bounds(first, last)
    if lower is not None:
        statement = statement.where(PupilRead.read_at >= lower)
    if upper is not None:
        statement = statement.where(PupilRead.read_at < upper)
    return statement


def kind_label(kind: str) -> str:
    return str(READ_KINDS.get(kind, kind))
