"""Reading and writing event reports: participants rows are checked against the network's members."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select

from workspace.core.i18n import gettext as _
from workspace.extensions import db
from workspace.plans.models import PlanItem
from workspace.plans.periods import decode_periods
from workspace.plans.report_forms import PARTICIPANT_ROWS
from workspace.plans.report_models import CATEGORIES, PUPILS, EventFile, EventParticipation, EventReport

MAX_COUNT = 100_000
MAX_ROWS = 200  # participants rows read from one form
# «5», «1-4», «1 – 4», «1—4», «5-7 классы», «7 кл.», «7 класс»: the numbers, a dash, and the word if it is typed
CLASSES = re.compile(r"(\d{1,2})(?:\s*[-–—]\s*(\d{1,2}))?(?:\s*(?:кл\.?|класс(?:а|ы|ов)?))?", re.IGNORECASE)


@dataclass
class ParticipantRow:
    institution_id: int | None
    grade_from: int | None
    grade_to: int | None
    count: int | None
    raw: tuple[str, str, str, str]  # institution, grade, count, category as typed
    category: str = PUPILS


def get_report(item_id: int) -> EventReport | None:
    return db.session.scalar(select(EventReport).where(EventReport.item_id == item_id))


def participants_of(report: EventReport | None) -> list[EventParticipation]:
    if report is None:
        return []
    return list(db.session.scalars(select(EventParticipation).where(EventParticipation.report_id == report.id)
                                   .order_by(EventParticipation.id)))


def files_of(report: EventReport | None) -> list[tuple]:
    if report is None:
        return []
    return db.session.execute(select(EventFile.id, EventFile.filename, EventFile.content_type, EventFile.size)
                              .where(EventFile.report_id == report.id).order_by(EventFile.id)).all()


def read_participants(form, members: set[int], rows: int) -> tuple[list[ParticipantRow], list[str]]:
    """Rows p-N-institution / p-N-category / p-N-grade / p-N-count; blank rows are skipped, bad ones named. The
    category defaults to pupils (a form without the field, as before migration 0041); classes are for pupils."""
    result, errors = [], []
    for index in range(min(rows, MAX_ROWS)):
        raw = tuple((form.get(f"p-{index}-{name}") or "").strip()
                    for name in ("institution", "grade", "count", "category"))
        if not any(raw[:3]):
            continue
        row = ParticipantRow(None, None, None, None, raw)
        errors.extend(_read_row(row, index + 1, members))
        result.append(row)
    return result, errors


def _read_row(row: ParticipantRow, line: int, members: set[int]) -> list[str]:
    institution, grade, count, category = row.raw
    errors = []
    if not institution.isdigit() or int(institution) not in members:
        errors.append(_("Участники, строка %(n)d: выберите учреждение из списка.", n=line))
    else:
        row.institution_id = int(institution)
    row.category = category or PUPILS
    if row.category not in CATEGORIES:
        errors.append(_("Участники, строка %(n)d: выберите, кто участвовал.", n=line))
    if grade and row.category != PUPILS:
        errors.append(_("Участники, строка %(n)d: класс указывают только для обучающихся.", n=line))
    elif grade:
        classes = read_classes(grade)
        if classes is None:
            errors.append(_("Участники, строка %(n)d: класс — число от 1 до 11 или классы через дефис, "
                            "например «1-4».", n=line))
        else:
            row.grade_from, row.grade_to = classes
    if not count.isdigit() or not 0 < int(count) <= MAX_COUNT:
        errors.append(_("Участники, строка %(n)d: укажите число участников.", n=line))
    else:
        row.count = int(count)
    return errors


def read_classes(text: str) -> tuple[int, int] | None:
    """«5» → (5, 5); «1-4», «1–4», «1-4 классы» → (1, 4); anything else, outside 1–11, or backwards → None."""
    found = CLASSES.fullmatch(" ".join(text.split()))
    if found is None:
        return None
    low = int(found.group(1))
    high = int(found.group(2)) if found.group(2) else low
    if not 1 <= low <= high <= 11:
        return None
    return low, high


def replace_participants(report: EventReport, rows: list[ParticipantRow]) -> None:
    db.session.execute(delete(EventParticipation).where(EventParticipation.report_id == report.id))
    for row in rows:
        db.session.add(EventParticipation(network_id=report.network_id, report_id=report.id,
                                          institution_id=row.institution_id, grade_from=row.grade_from,
                                          grade_to=row.grade_to, count=row.count, category=row.category))


def offered_dates(item: PlanItem, today: date) -> tuple[date | None, date | None]:
    """The dates a new report offers: the item's period; of several («октябрь, март»), the last one begun by
    today, or the first (not the span from October to March, which no event lasted)."""
    periods = decode_periods(item.periods, item.starts_on, item.ends_on)
    if not periods:
        return None, None
    begun = [period for period in periods if period[0] <= today]
    return begun[-1] if begun else periods[0]


def blank_rows(existing: int) -> int:
    return max(PARTICIPANT_ROWS, existing + 2)
