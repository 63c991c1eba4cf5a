"""The network timetable of a school: when and where its pupils have network lessons, across providers."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from tenants.models import Institution
from workspace.extensions import db
from workspace.programmes.models import Enrollment, EnrollmentStatus, Group, Programme, ScheduleSlot


def timetable_of_school(school_id: int) -> list[tuple[int, list]]:
    """[(weekday, [slot rows])]: one row per slot of a group where the school has enrolled pupils, with
    the programme, provider, group, place, the number of the school's pupils and their names (one statement
    for the slots, one for the names)."""
    mine = (select(Enrollment.group_id, func.count().label("pupils"))
            .where(Enrollment.home_institution_id == school_id, Enrollment.status == EnrollmentStatus.ENROLLED,
                   Enrollment.group_id.is_not(None))
            .group_by(Enrollment.group_id).subquery())
    rows = db.session.execute(
        select(ScheduleSlot.weekday, ScheduleSlot.starts_at, ScheduleSlot.ends_at, ScheduleSlot.place,
               Group.id.label("group_id"), Group.name.label("group_name"), Group.place.label("group_place"),
               Programme.title, Institution.short_name.label("provider"), mine.c.pupils)
        .join(Group, Group.id == ScheduleSlot.group_id)
        .join(mine, mine.c.group_id == Group.id)
        .join(Programme, Programme.id == Group.programme_id)
        .join(Institution, Institution.id == Programme.provider_institution_id)
        .order_by(ScheduleSlot.weekday, ScheduleSlot.starts_at, Programme.title)).all()
    names: dict[int, list[str]] = defaultdict(list)
    if rows:
        for group_id, name, class_label in db.session.execute(
                select(Enrollment.group_id, Enrollment.pupil_name, Enrollment.class_label)
                .where(Enrollment.home_institution_id == school_id, Enrollment.status == EnrollmentStatus.ENROLLED,
                       Enrollment.group_id.in_({row.group_id for row in rows}))
                .order_by(Enrollment.pupil_name)):
            names[group_id].append(f"{name} ({class_label})")
    days: dict[int, list] = defaultdict(list)
    for row in rows:
        days[row.weekday].append((row, names[row.group_id]))
    return sorted(days.items())
