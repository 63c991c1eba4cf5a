"""Lessons of a group: the list, generated from the schedule, added, edited and deleted by hand."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, render
from workspace.core.words import plural
from workspace.extensions import db
from workspace.journal import bp
from workspace.journal.access import lesson_group_or_404
from workspace.journal.forms import GenerateForm, LessonForm
from workspace.journal.lessons import first_beyond_hours, generate_lessons
from workspace.journal.models import Lesson

PREFIX = "/n/<network>/journal/groups/<int:group_id>/lessons"


def get_lesson_or_404(group_id: int, lesson_id: int) -> Lesson:
    return db.first_or_404(select(Lesson).where(Lesson.id == lesson_id, Lesson.group_id == group_id))


def _page(head, lessons, form=None, generate_form=None, status=200):
    return render("journal/lessons.html", group=head, lessons=lessons, form=form or LessonForm(formdata=None),
                  generate_form=generate_form or GenerateForm(formdata=None), status=status)


@bp.route(PREFIX, methods=["GET", "POST"])
@login_required
def list_lessons(group_id: int):
    head, lessons = lesson_group_or_404(group_id)
    form = LessonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            return _page(head, lessons, form=form, status=422)
        db.session.add(Lesson(network_id=g.network.id, group_id=head.id, held_on=form.held_on.data,
                              topic=form.topic.data or "", hours=form.hours.data))
        flash(_("Занятие добавлено."), "success")
        return redirect(url_for("journal.list_lessons", group_id=head.id))
    return _page(head, lessons)


@bp.post(f"{PREFIX}/generate")
@login_required
def generate(group_id: int):
    head, lessons = lesson_group_or_404(group_id)
    form = GenerateForm()
    if not form.validate_on_submit():
        return _page(head, lessons, generate_form=form, status=422)
    added = generate_lessons(head, g.network.id, skip_holidays=bool(form.skip_holidays.data))
    if added:
        flash(_("Добавлено занятий по расписанию: %(n)d.", n=len(added)), "success")
        planned, first = first_beyond_hours(head.hours, sum(lesson.hours for lesson in lessons), added)
        if first is not None:
            flash(_("Занятий больше, чем часов в программе: запланировано %(planned)s, а в программе — "
                    "%(hours)s. Лишние занятия — с %(date)s; проверьте расписание и удалите лишние.",
                    planned=plural(planned, "час"), hours=plural(head.hours, "час"),
                    date=first.strftime("%d.%m.%Y")), "error")
    else:
        flash(_("Новых занятий нет: расписание группы пусто или все занятия уже созданы."), "info")
    return redirect(url_for("journal.list_lessons", group_id=head.id))


@bp.route(f"{PREFIX}/<int:lesson_id>", methods=["GET", "POST"])
@login_required
def edit_lesson(group_id: int, lesson_id: int):
    head, _lessons = lesson_group_or_404(group_id)
    lesson = get_lesson_or_404(head.id, lesson_id)
    form = LessonForm(obj=lesson) if request.method == "GET" else LessonForm()
    conflict = False
    if request.method == "POST" and form.validate_on_submit():
        if is_stale(lesson, form.version.data):
            conflict = True
            form.version.data = str(lesson.version)
            form.form_errors.append(_("Это занятие только что изменил другой пользователь: проверьте его и "
                                      "сохраните ещё раз."))
        else:
            lesson.held_on, lesson.topic, lesson.hours = form.held_on.data, form.topic.data or "", form.hours.data
            flash(_("Занятие сохранено."), "success")
            return redirect(url_for("journal.list_lessons", group_id=head.id))
    return render("journal/edit_lesson.html", group=head, lesson=lesson, form=form,
                  status=409 if conflict else (422 if form.errors else 200))


@bp.route(f"{PREFIX}/<int:lesson_id>/delete", methods=["GET", "POST"])
@login_required
def delete_lesson(group_id: int, lesson_id: int):
    head, _lessons = lesson_group_or_404(group_id)
    lesson = get_lesson_or_404(head.id, lesson_id)
    if request.method == "GET":
        return confirm_page(heading=_("Удалить занятие?"),
                            question=_("Занятие %(date)s «%(topic)s» и все отметки на нём будут удалены.",
                                       date=lesson.held_on.strftime("%d.%m.%Y"), topic=lesson.topic or "—"),
                            action=url_for("journal.delete_lesson", group_id=head.id, lesson_id=lesson.id),
                            confirm_label=_("Удалить"), cancel_url=url_for("journal.list_lessons", group_id=head.id))
    db.session.delete(lesson)
    flash(_("Занятие удалено."), "success")
    return redirect(url_for("journal.list_lessons", group_id=head.id))
