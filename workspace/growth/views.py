"""Pupils' growth in the home school (/i/<school>/growth): the achievements of the school's pupils (recorded by the
school or by providers), recording and deleting the school's own, a scan; a pupil's portfolio with the individual
educational route and the flags; the portfolio as a .docx for the parents. Who: see ``growth.access``."""
from __future__ import annotations

from flask import Response, flash, g, redirect, request, url_for
from flask_login import login_required

from workspace.core.documents import DOCX_MIMETYPE
from workspace.core.i18n import gettext as _
from workspace.core.pagination import paginate
from workspace.core.rendering import confirm_page, render
from workspace.core.stored_files import send_stored_file
from workspace.core.words import plural
from workspace.extensions import db
from workspace.growth import bp
from workspace.growth.access import (
    can_manage_growth,
    manageable_growth_pupil_or_404,
    readable_pupil_or_404,
    removable_school_achievement_or_404,
    require_recording,
)
from workspace.growth.documents import portfolio_docx
from workspace.growth.forms import AchievementEditForm, AchievementForm, FlagsForm
from workspace.growth.models import FlagKind, PupilFlag
from workspace.growth.queries import (
    flags_of,
    get_school_achievement_or_404,
    link_choices,
    resolve_link,
    scan_of_or_404,
    school_achievements,
)
from workspace.growth.route import portfolio_of
from workspace.growth.saving import edit_achievement as save_edit
from workspace.growth.saving import record_achievements
from workspace.pupils.queries import pupil_choices


def achievements_phrase(n: int) -> str:
    return plural(n, _("достижение"))


@bp.get("/achievements")
@login_required
def list_achievements():
    page = paginate(school_achievements(), scalars=False)
    return render("growth/list.html", page=page, can_manage=can_manage_growth(), phrase=achievements_phrase)


@bp.route("/achievements/new", methods=["GET", "POST"])
@login_required
def new_achievement():
    require_recording()
    form = AchievementForm(pupil_choices(), link_choices())
    pupil_id = request.args.get("pupil", type=int)
    if request.method == "GET" and pupil_id:
        form.pupil_ids.data = [pupil_id]
    if form.validate_on_submit():
        link = resolve_link(form.link.data)
        if link is None:
            form.link.errors = [_("Выберите сеть, программу или мероприятие из списка.")]
        else:
            pupils = [{"home_institution_id": g.institution.id, "pupil_id": chosen} for chosen in form.pupil_ids.data]
            added = record_achievements(form, g.institution.id, pupils, link)
            if added is not None:
                flash(_("Записано: %(what)s.", what=achievements_phrase(added)), "success")
                if len(form.pupil_ids.data) == 1:
                    return redirect(url_for("growth.show_portfolio", pupil_id=form.pupil_ids.data[0]))
                return redirect(url_for("growth.list_achievements"))
    return render("growth/form.html", form=form, status=422 if form.errors else 200,
                  cancel_url=url_for("growth.list_achievements"))


@bp.route("/achievements/<int:achievement_id>/edit", methods=["GET", "POST"])
@login_required
def edit_achievement(achievement_id: int):
    achievement = removable_school_achievement_or_404(achievement_id)
    form = AchievementEditForm()
    back = url_for("growth.show_portfolio", pupil_id=achievement.pupil_id)
    if save_edit(achievement, form):
        flash(_("Изменения сохранены."), "success")
        return redirect(back)
    return render("growth/edit.html", form=form, achievement=achievement, cancel_url=back,
                  status=422 if form.errors or form.form_errors else 200)


@bp.get("/achievements/<int:achievement_id>/delete")
@login_required
def confirm_delete_achievement(achievement_id: int):
    achievement = removable_school_achievement_or_404(achievement_id)
    return confirm_page(heading=_("Удалить достижение?"), question=achievement.title,
                        action=url_for("growth.delete_achievement", achievement_id=achievement.id),
                        confirm_label=_("Удалить"),
                        cancel_url=url_for("growth.show_portfolio", pupil_id=achievement.pupil_id))


@bp.post("/achievements/<int:achievement_id>/delete")
@login_required
def delete_achievement(achievement_id: int):
    achievement = removable_school_achievement_or_404(achievement_id)
    pupil_id = achievement.pupil_id
    db.session.delete(achievement)
    flash(_("Достижение удалено."), "success")
    return redirect(url_for("growth.show_portfolio", pupil_id=pupil_id))


@bp.get("/achievements/<int:achievement_id>/scan")
@login_required
def download_scan(achievement_id: int):
    return send_stored_file(scan_of_or_404(get_school_achievement_or_404(achievement_id)))


@bp.get("/pupils/<int:pupil_id>")
@login_required
def show_portfolio(pupil_id: int):
    pupil = readable_pupil_or_404(pupil_id)
    portfolio = portfolio_of(pupil)
    return render("growth/portfolio.html", pupil=pupil, portfolio=portfolio, flags=flags_of(pupil.id),
                  can_manage=can_manage_growth(), phrase=achievements_phrase)


@bp.get("/pupils/<int:pupil_id>/portfolio.docx")
@login_required
def portfolio_document(pupil_id: int):
    pupil = manageable_growth_pupil_or_404(pupil_id)
    response = Response(portfolio_docx(portfolio_of(pupil)), mimetype=DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = f"attachment; filename=pupil-{pupil.id}-portfolio.docx"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/pupils/<int:pupil_id>/flags", methods=["GET", "POST"])
@login_required
def edit_flags(pupil_id: int):
    pupil = manageable_growth_pupil_or_404(pupil_id)
    existing = {flag.kind: flag for flag in flags_of(pupil.id)}
    form = FlagsForm()
    pairs = ((FlagKind.GIFTED, form.gifted, form.gifted_note),
             (FlagKind.SPECIAL_NEEDS, form.special_needs, form.special_needs_note))
    if request.method == "GET":
        for kind, box, note in pairs:
            box.data = kind in existing
            note.data = existing[kind].note if kind in existing else ""
    if form.validate_on_submit():
        for kind, box, note in pairs:
            flag = existing.get(kind)
            if box.data and flag is None:
                db.session.add(PupilFlag(institution_id=g.institution.id, pupil_id=pupil.id, kind=kind,
                                         note=note.data or ""))
            elif box.data and flag.note != (note.data or ""):
                flag.note = note.data or ""
            elif not box.data and flag is not None:
                db.session.delete(flag)
        flash(_("Отметки сохранены."), "success")
        return redirect(url_for("growth.show_portfolio", pupil_id=pupil.id))
    return render("growth/flags.html", pupil=pupil, form=form, status=422 if form.errors else 200)
