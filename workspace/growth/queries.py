"""Reads of pupils' growth. Every read of achievements names one of the two institutions that may read them (the
pupil's home school, or the institution that recorded them) besides the tenancy scope; on PostgreSQL the table's own
row-level policy says the same (migration 0036). Column tuples, a fixed number of statements per page."""
from __future__ import annotations

from flask import g
from flask_login import current_user
from sqlalchemy import Select, select

from tenants.models import Institution, Network
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.extensions import db
from workspace.growth.models import Achievement, AchievementScan, FlagKind, PupilFlag
from workspace.plans.models import Plan, PlanItem
from workspace.programmes.models import HOLDING_PLACE, Enrollment, Group, Programme
from workspace.pupils.models import Pupil


def _described(statement: Select) -> Select:
    """What an achievement is linked to and who recorded it, and whether it has a scan."""
    return (statement
            .join(Institution, Institution.id == Achievement.recorded_by_institution_id)
            .outerjoin(Programme, Programme.id == Achievement.programme_id)
            .outerjoin(Group, Group.id == Achievement.group_id)
            .outerjoin(PlanItem, PlanItem.id == Achievement.plan_item_id)
            .outerjoin(Network, Network.id == Achievement.network_id)
            .outerjoin(AchievementScan, AchievementScan.achievement_id == Achievement.id))


ACHIEVEMENT_COLUMNS = (Achievement.id, Achievement.title, Achievement.kind, Achievement.level, Achievement.result,
                       Achievement.achieved_on, Achievement.pupil_id, Achievement.recorded_by_institution_id,
                       Institution.short_name.label("recorder"), Programme.title.label("programme"),
                       Group.name.label("group_name"), PlanItem.title.label("event"), Network.name.label("network"),
                       AchievementScan.id.label("scan_id"), AchievementScan.filename.label("scan_name"))


def school_achievements(pupil_id: int | None = None) -> Select:
    """The achievements of the school's pupils (whoever recorded them), newest first, with the pupil."""
    statement = _described(select(*ACHIEVEMENT_COLUMNS, Pupil.surname, Pupil.name, Pupil.patronymic,
                                  Pupil.class_label)
                           .join(Pupil, Pupil.id == Achievement.pupil_id)) \
        .where(Achievement.home_institution_id == g.institution.id) \
        .order_by(Achievement.achieved_on.desc(), Achievement.id.desc())
    if pupil_id is not None:
        statement = statement.where(Achievement.pupil_id == pupil_id)
    return statement


def group_achievements(group: Group) -> Select:
    """The achievements the user's institution recorded for the pupils of its group (the names are the copies
    the enrollments carry: the provider never reads the school's registry)."""
    return _described(select(*ACHIEVEMENT_COLUMNS, Enrollment.pupil_name, Enrollment.class_label,
                             Enrollment.home_institution_id)
                      .join(Enrollment, Enrollment.id == Achievement.enrollment_id)) \
        .where(Achievement.group_id == group.id,
               Achievement.recorded_by_institution_id == current_user.institution_id) \
        .order_by(Achievement.achieved_on.desc(), Achievement.id.desc())


def get_school_achievement_or_404(achievement_id: int) -> Achievement:
    return db.first_or_404(select(Achievement).where(Achievement.id == achievement_id,
                                                     Achievement.home_institution_id == g.institution.id))


def get_group_achievement_or_404(group: Group, achievement_id: int) -> Achievement:
    return db.first_or_404(select(Achievement).where(
        Achievement.id == achievement_id, Achievement.group_id == group.id,
        Achievement.recorded_by_institution_id == current_user.institution_id))


def scan_of_or_404(achievement: Achievement) -> AchievementScan:
    return db.first_or_404(select(AchievementScan).where(AchievementScan.achievement_id == achievement.id))


def group_pupils(group: Group) -> list[tuple[int, str, str, int, int]]:
    """(enrollment id, name, class, home school id, pupil id) of the group's pupils (enrolled or completed)."""
    return [tuple(row) for row in db.session.execute(
        select(Enrollment.id, Enrollment.pupil_name, Enrollment.class_label, Enrollment.home_institution_id,
               Enrollment.pupil_id)
        .where(Enrollment.group_id == group.id, Enrollment.status.in_(HOLDING_PLACE))
        .order_by(Enrollment.pupil_name, Enrollment.id))]


def link_choices() -> list[tuple[str, str]]:
    """What a school may link an achievement to: its networks, their published programmes, and the events of
    their plans of this and the last academic year (values «network:1», «programme:2», «event:3»)."""
    network_ids = sorted(g.get("network_ids") or [])
    if not network_ids:
        return []
    networks = db.session.execute(select(Network.id, Network.name).where(Network.id.in_(network_ids))
                                  .order_by(Network.name)).all()
    programmes = db.session.execute(select(Programme.id, Programme.title).where(Programme.is_published.is_(True))
                                    .order_by(Programme.title, Programme.id)).all()
    since = AcademicYear.current().start_year - 1
    events = db.session.execute(select(PlanItem.id, PlanItem.title).join(Plan, Plan.id == PlanItem.plan_id)
                                .where(Plan.start_year >= since).order_by(PlanItem.starts_on, PlanItem.id)).all()
    return ([(f"network:{row.id}", _("Сеть: %(name)s", name=row.name)) for row in networks]
            + [(f"programme:{row.id}", _("Программа: %(title)s", title=row.title)) for row in programmes]
            + [(f"event:{row.id}", _("Мероприятие: %(title)s", title=row.title[:150])) for row in events])


def resolve_link(value: str) -> dict | None:
    """The network and the object of a link chosen in the form (loaded in the scope: a foreign id is None)."""
    kind, _sep, raw = (value or "").partition(":")
    if not raw.isdigit():
        return None
    object_id = int(raw)
    if kind == "network":
        return {"network_id": object_id} if object_id in (g.get("network_ids") or []) else None
    if kind == "programme":
        network_id = db.session.scalar(select(Programme.network_id).where(Programme.id == object_id,
                                                                          Programme.is_published.is_(True)))
        return {"network_id": network_id, "programme_id": object_id} if network_id else None
    if kind == "event":
        network_id = db.session.scalar(select(PlanItem.network_id).where(PlanItem.id == object_id))
        return {"network_id": network_id, "plan_item_id": object_id} if network_id else None
    return None


def flags_of(pupil_id: int) -> list[PupilFlag]:
    return list(db.session.scalars(select(PupilFlag).where(PupilFlag.pupil_id == pupil_id).order_by(PupilFlag.kind)))


def flags_by_pupil(pupil_ids: list[int]) -> dict[int, list[FlagKind]]:
    if not pupil_ids:
        return {}
    found: dict[int, list[FlagKind]] = {}
    for pupil_id, kind in db.session.execute(select(PupilFlag.pupil_id, PupilFlag.kind)
                                             .where(PupilFlag.pupil_id.in_(sorted(set(pupil_ids))))):
        found.setdefault(pupil_id, []).append(kind)
    return found
