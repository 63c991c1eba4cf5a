"""A pupil's growth at erasure (``pupils.erasure``): achievements (the school's and the providers'), their scans and
the school's flags are deleted — Core DELETEs keyed by the school (no ORM flush: the audit listener would copy the
deleted values into new entries). The history kept of them names no pupil: an achievement is labelled by its title,
a flag by its kind, and the pupil's own entries are depersonalised with the pupil."""
from __future__ import annotations

from sqlalchemy import delete, select

from workspace.extensions import db
from workspace.growth.models import Achievement, AchievementScan, PupilFlag


def delete_growth(school_id: int, pupil_ids: list[int]) -> int:
    """Delete the growth of these pupils of one school; the number of achievements deleted."""
    connection = db.session.connection()
    achievements, scans, flags = Achievement.__table__, AchievementScan.__table__, PupilFlag.__table__
    ids = sorted(set(pupil_ids))
    achievement_ids = list(connection.scalars(select(achievements.c.id).where(
        achievements.c.home_institution_id == school_id, achievements.c.pupil_id.in_(ids))))
    if achievement_ids:
        connection.execute(delete(scans).where(scans.c.achievement_id.in_(achievement_ids)))
        connection.execute(delete(achievements).where(achievements.c.id.in_(achievement_ids)))
    connection.execute(delete(flags).where(flags.c.institution_id == school_id, flags.c.pupil_id.in_(ids)))
    return len(achievement_ids)
