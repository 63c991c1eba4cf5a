"""The demo's pupils' growth: achievements recorded by providers for their groups and by the schools themselves, and
a few of the schools' flags. One pupil of МБОУ СОШ №8 learns in the groups of two providers (the ЦДО's
robotics and the IT centre's Python): the portfolio shows achievements entered by both and by the school (the
issue's «a pupil's portfolio shows achievements entered by two providers»). In the main network the theatre
records a festival for two of its studio's pupils of СОШ №31, and the school its own readers' contest."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from tenants.models import Institution
from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.growth.models import (
    Achievement,
    AchievementKind,
    AchievementLevel,
    AchievementResult,
    FlagKind,
    PupilFlag,
)
from workspace.plans.models import PlanItem
from workspace.programmes.models import HOLDING_PLACE, Enrollment, Group, Programme

# (provider slug, programme title, how many of the group's pupils, title, kind, level, result, days into the year)
BY_PROVIDERS = (
    ("cdo-koshekhabl", "Робототехника", 3, "Победитель муниципальных соревнований по робототехнике «РобоФест»",
     "competition", "municipal", "winner", 40),
    ("it-cube", "Программирование на Python", 1, "Призёр регионального хакатона «IT-старт»",
     "contest", "regional", "prize_winner", 55),
    ("dramteatr", "Театральная студия «Маска»", 2, "Лауреат городского фестиваля детских театров «Театральная весна»",
     "contest", "municipal", "prize_winner", 50),
)


def _day(year: AcademicYear, days: int, today: date) -> date:
    """A day ``days`` into the academic year, never after today (the demo may be loaded on 1 September)."""
    return max(year.starts_on, min(today, year.starts_on + timedelta(days=days)))


def _enrolled(provider_slug: str, programme_title: str):
    return db.session.execute(
        select(Enrollment.id, Enrollment.pupil_id, Enrollment.home_institution_id, Enrollment.network_id,
               Enrollment.programme_id, Enrollment.group_id, Group.provider_institution_id)
        .join(Group, Group.id == Enrollment.group_id)
        .join(Programme, Programme.id == Enrollment.programme_id)
        .join(Institution, Institution.id == Programme.provider_institution_id)
        .where(Institution.slug == provider_slug, Programme.title == programme_title,
               Enrollment.status.in_(HOLDING_PLACE))
        .order_by(Enrollment.pupil_id)).all()


def _two_provider_pupil() -> int | None:
    """The first pupil enrolled in groups of two providers of the demo (СОШ №8: robotics and Python)."""
    return db.session.scalar(
        select(Enrollment.pupil_id).join(Programme, Programme.id == Enrollment.programme_id)
        .where(Enrollment.status.in_(HOLDING_PLACE), Enrollment.group_id.is_not(None))
        .group_by(Enrollment.pupil_id)
        .having(func.count(func.distinct(Programme.provider_institution_id)) > 1)
        .order_by(Enrollment.pupil_id).limit(1))


def _school(slug: str) -> int:
    return db.session.scalar(select(Institution.id).where(Institution.slug == slug))


def load_achievements(today: date) -> None:
    """Called unscoped by the demo loader, after the journal (groups and enrollments exist)."""
    year = AcademicYear.containing(today)
    featured = _two_provider_pupil()
    for slug, title, count, name, kind, level, result, days in BY_PROVIDERS:
        rows = _enrolled(slug, title)
        chosen = [row for row in rows if row.pupil_id == featured][:1]
        chosen += [row for row in rows if row.pupil_id != featured][:count - len(chosen)]
        for row in chosen:
            db.session.add(Achievement(
                network_id=row.network_id, home_institution_id=row.home_institution_id, pupil_id=row.pupil_id,
                recorded_by_institution_id=row.provider_institution_id, programme_id=row.programme_id,
                group_id=row.group_id, enrollment_id=row.id, kind=AchievementKind(kind),
                level=AchievementLevel(level), result=AchievementResult(result), title=name,
                achieved_on=_day(year, days, today)))
    if featured is not None:
        network_id, school_id = db.session.execute(
            select(Enrollment.network_id, Enrollment.home_institution_id)
            .where(Enrollment.pupil_id == featured).limit(1)).one()
        db.session.add(Achievement(
            network_id=network_id, home_institution_id=school_id, pupil_id=featured,
            recorded_by_institution_id=school_id, kind=AchievementKind.OLYMPIAD, level=AchievementLevel.SCHOOL,
            result=AchievementResult.WINNER, title="Победитель школьного этапа всероссийской олимпиады по информатике",
            achieved_on=_day(year, 30, today)))
        db.session.add(PupilFlag(institution_id=school_id, pupil_id=featured, kind=FlagKind.GIFTED,
                                 note="Техническое творчество и программирование"))
    _school_own(year, today)


def _school_own(year: AcademicYear, today: date) -> None:
    """СОШ №31 records its readers' contest (linked to the plan's event) for a pupil of the theatre studio, and
    marks one pupil «ОВЗ»."""
    rows = _enrolled("dramteatr", "Театральная студия «Маска»")
    event = db.session.execute(select(PlanItem.id, PlanItem.network_id)
                               .where(PlanItem.title == "Школьный этап конкурса чтецов «Живая классика»")
                               .order_by(PlanItem.id).limit(1)).first()
    if not rows or event is None:
        return
    school_id = _school("sosh31")
    db.session.add(Achievement(
        network_id=event.network_id, home_institution_id=school_id, pupil_id=rows[0].pupil_id,
        recorded_by_institution_id=school_id, plan_item_id=event.id, kind=AchievementKind.CONTEST,
        level=AchievementLevel.SCHOOL, result=AchievementResult.WINNER,
        title="Победитель школьного этапа конкурса чтецов «Живая классика»", achieved_on=_day(year, 70, today)))
    db.session.add(PupilFlag(institution_id=school_id, pupil_id=rows[-1].pupil_id, kind=FlagKind.SPECIAL_NEEDS,
                             note="Нужны занятия в первой половине дня и индивидуальный темп"))
