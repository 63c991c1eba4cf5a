"""Writing achievements: one row per pupil (a provider's «победитель конкурса» for three pupils of its group is three
achievements, each the home school's to read), the scan stored with each."""
from __future__ import annotations

from flask_login import current_user

from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.stored_files import accept_file
from workspace.extensions import db
from workspace.growth.forms import AchievementFields
from workspace.growth.models import (
    Achievement,
    AchievementKind,
    AchievementLevel,
    AchievementResult,
    AchievementScan,
)


def apply_edit(achievement: Achievement, form) -> None:
    achievement.title = form.title.data
    achievement.kind = AchievementKind(form.kind.data)
    achievement.level = AchievementLevel(form.level.data)
    achievement.result = AchievementResult(form.result.data)
    achievement.achieved_on = form.achieved_on.data


def edit_achievement(achievement: Achievement, form) -> bool:
    """Save the edit form onto the achievement; False (nothing changed, the reason on the form) when another user
    changed it meanwhile. A GET fills the form from the achievement."""
    if not form.is_submitted():
        form.title.data = achievement.title
        form.kind.data, form.level.data = achievement.kind.value, achievement.level.value
        form.result.data, form.achieved_on.data = achievement.result.value, achievement.achieved_on
        form.version.data = achievement.version
        return False
    if not form.validate():
        return False
    if is_stale(achievement, form.version.data):
        form.form_errors.append(_("Достижение изменил другой пользователь. Обновите страницу и повторите."))
        return False
    apply_edit(achievement, form)
    return True


def record_achievements(form: AchievementFields, recorder_id: int, pupils: list[dict], link: dict) -> int | None:
    """Add the achievement of the form for each of ``pupils`` ({home_institution_id, pupil_id[, enrollment_id]}),
    linked as ``link`` says ({network_id[, programme_id, group_id, plan_item_id]}). None (nothing written, the
    reason on the scan field) when the scan is refused; otherwise the number of achievements added."""
    accepted = None
    if form.has_scan():
        accepted = accept_file(form.scan, stored=0, limit=1, too_many=_("Можно приложить один файл."))
        if accepted is None:
            return None
    added = []
    for pupil in pupils:
        achievement = Achievement(recorded_by_institution_id=recorder_id, recorded_by_id=current_user.id,
                                  kind=AchievementKind(form.kind.data), level=AchievementLevel(form.level.data),
                                  result=AchievementResult(form.result.data), title=form.title.data,
                                  achieved_on=form.achieved_on.data, **link, **pupil)
        db.session.add(achievement)
        added.append(achievement)
    if accepted is not None:
        db.session.flush()
        for achievement in added:
            db.session.add(AchievementScan.from_upload(
                accepted, network_id=achievement.network_id, achievement_id=achievement.id,
                home_institution_id=achievement.home_institution_id, recorded_by_institution_id=recorder_id,
                author_id=current_user.id))
    return len(added)
