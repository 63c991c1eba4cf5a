"""Achievements of a network group, kept by its provider (/n/<network>/growth/programmes/<p>/groups/<g>/achievements):
the provider's admin and coordinator record an achievement for one or several pupils of the group at once
(«Победитель муниципального конкурса чтецов» for three pupils), read what they recorded, delete it. The pupils'
names are the copies their enrollments carry; each page that shows them is recorded as a read of the pupils' data
for their home schools (``pupils.reads``)."""
from __future__ import annotations

from flask import flash, redirect, url_for
from flask_login import login_required

from workspace.core.i18n import gettext as _
from workspace.core.rendering import confirm_page, render
from workspace.core.stored_files import send_stored_file
from workspace.core.words import plural
from workspace.extensions import db
from workspace.growth import group_bp
from workspace.growth.access import group_achievement_or_404, provider_group_or_404
from workspace.growth.forms import AchievementEditForm, GroupAchievementForm
from workspace.growth.queries import group_achievements, group_pupils, scan_of_or_404
from workspace.growth.saving import edit_achievement, record_achievements
from workspace.pupils.reads import record_pupil_reads

BASE = "/programmes/<int:programme_id>/groups/<int:group_id>/achievements"


def _back(programme_id: int, group_id: int):
    return redirect(url_for("group_growth.list_group_achievements", programme_id=programme_id, group_id=group_id))


def _pupil_rows(group):
    pupils = group_pupils(group)
    return pupils, [(row[0], f"{row[1]}, {row[2]}" if row[2] else row[1]) for row in pupils]


@group_bp.route(BASE, methods=["GET", "POST"])
@login_required
def list_group_achievements(programme_id: int, group_id: int):
    programme, group = provider_group_or_404(programme_id, group_id)
    pupils, choices = _pupil_rows(group)
    form = GroupAchievementForm(choices)
    if form.validate_on_submit():
        by_enrollment = {row[0]: row for row in pupils}
        chosen = [{"home_institution_id": by_enrollment[i][3], "pupil_id": by_enrollment[i][4], "enrollment_id": i}
                  for i in form.enrollment_ids.data]
        link = {"network_id": group.network_id, "programme_id": programme.id, "group_id": group.id}
        added = record_achievements(form, group.provider_institution_id, chosen, link)
        if added is not None:
            flash(_("Записано: %(what)s.", what=plural(added, _("достижение"))), "success")
            return _back(programme.id, group.id)
    rows = db.session.execute(group_achievements(group)).all()
    record_pupil_reads("achievements", group.id, [(row[3], row[4]) for row in pupils]
                       + [(row.home_institution_id, row.pupil_id) for row in rows])
    return render("growth/group.html", programme=programme, group=group, form=form, rows=rows,
                  status=422 if form.errors else 200)


@group_bp.route(BASE + "/<int:achievement_id>/edit", methods=["GET", "POST"])
@login_required
def edit_group_achievement(programme_id: int, group_id: int, achievement_id: int):
    programme, group, achievement = group_achievement_or_404(programme_id, group_id, achievement_id)
    form = AchievementEditForm()
    if edit_achievement(achievement, form):
        flash(_("Изменения сохранены."), "success")
        return _back(programme.id, group.id)
    return render("growth/edit.html", form=form, achievement=achievement,
                  cancel_url=url_for("group_growth.list_group_achievements", programme_id=programme.id,
                                     group_id=group.id),
                  status=422 if form.errors or form.form_errors else 200)


@group_bp.get(BASE + "/<int:achievement_id>/delete")
@login_required
def confirm_delete_group_achievement(programme_id: int, group_id: int, achievement_id: int):
    programme, group, achievement = group_achievement_or_404(programme_id, group_id, achievement_id)
    return confirm_page(heading=_("Удалить достижение?"), question=achievement.title,
                        action=url_for("group_growth.delete_group_achievement", programme_id=programme.id,
                                       group_id=group.id, achievement_id=achievement.id),
                        confirm_label=_("Удалить"),
                        cancel_url=url_for("group_growth.list_group_achievements", programme_id=programme.id,
                                           group_id=group.id))


@group_bp.post(BASE + "/<int:achievement_id>/delete")
@login_required
def delete_group_achievement(programme_id: int, group_id: int, achievement_id: int):
    programme, group, achievement = group_achievement_or_404(programme_id, group_id, achievement_id)
    db.session.delete(achievement)
    flash(_("Достижение удалено."), "success")
    return _back(programme.id, group.id)


@group_bp.get(BASE + "/<int:achievement_id>/scan")
@login_required
def download_group_scan(programme_id: int, group_id: int, achievement_id: int):
    _programme, group, achievement = group_achievement_or_404(programme_id, group_id, achievement_id)
    scan = scan_of_or_404(achievement)
    record_pupil_reads("achievements", group.id, [(achievement.home_institution_id, achievement.pupil_id)])
    return send_stored_file(scan)
