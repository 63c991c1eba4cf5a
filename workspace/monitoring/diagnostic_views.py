"""The home school's diagnostics (/i/<school>/diagnostics): the diagnostic indicators of its networks, and at
one measurement point its classes' results and its pupils' results. Every user of the school reads them; its
admin and coordinator enter and delete. Nobody outside the school reaches these pages (the institution in
the URL is checked against the user's own); the network reads only the totals (``diagnostics``)."""
from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from tenants.permissions import MANAGERS, has_role, require_role
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.monitoring import bp
from workspace.monitoring.catalogue import LEVEL_LABELS, POINT_LABELS
from workspace.monitoring.diagnostic_forms import ClassResultForm, PupilResultForm
from workspace.monitoring.diagnostic_models import KIND_CLASS, KIND_PUPIL, DiagnosticEntry
from workspace.monitoring.diagnostics import FORMULA, MIN_PUPILS, Sums, is_scored, refresh_total
from workspace.monitoring.models import DIAGNOSTIC, POINTS, MonitoringIndicator
from workspace.pupils.models import Pupil


def _year() -> AcademicYear:
    value = request.values.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return AcademicYear(int(value))
    return AcademicYear.current()


def diagnostic_indicator_or_404(indicator_id: int) -> MonitoringIndicator:
    """A diagnostic indicator of one of the school's networks."""
    return db.first_or_404(select(MonitoringIndicator).where(MonitoringIndicator.id == indicator_id,
                                                             MonitoringIndicator.source == DIAGNOSTIC,
                                                             MonitoringIndicator.network_id.in_(g.network_ids)))


def entry_or_404(indicator: MonitoringIndicator, entry_id: int) -> DiagnosticEntry:
    """A row of this school under the indicator, for its admin and coordinator."""
    entry = db.first_or_404(select(DiagnosticEntry).where(DiagnosticEntry.id == entry_id,
                                                          DiagnosticEntry.indicator_id == indicator.id))
    require_role(*MANAGERS)
    return entry


def _point(value: str) -> str:
    if value not in POINTS:
        abort(404)
    return value


@bp.get("/i/<institution>/diagnostics/")
@login_required
def list_diagnostics():
    indicators = db.session.scalars(
        select(MonitoringIndicator).where(MonitoringIndicator.source == DIAGNOSTIC,
                                          MonitoringIndicator.network_id.in_(g.network_ids))
        .order_by(MonitoringIndicator.network_id, MonitoringIndicator.position, MonitoringIndicator.id)).all()
    year = _year()
    counts = dict(((indicator_id, point), count) for indicator_id, point, count in db.session.execute(
        select(DiagnosticEntry.indicator_id, DiagnosticEntry.point, db.func.count(DiagnosticEntry.id))
        .where(DiagnosticEntry.start_year == year.start_year)
        .group_by(DiagnosticEntry.indicator_id, DiagnosticEntry.point)))
    return render("monitoring/diagnostics.html", indicators=indicators, year=year, points=POINTS,
                  point_labels=POINT_LABELS, counts=counts,
                  years=[AcademicYear(AcademicYear.current().start_year - back) for back in range(3)])


def _page(indicator: MonitoringIndicator, year: AcademicYear, point: str, class_form=None, pupil_form=None,
          status: int = 200):
    entries = db.session.execute(
        select(DiagnosticEntry, Pupil.surname, Pupil.name, Pupil.class_label)
        .outerjoin(Pupil, Pupil.id == DiagnosticEntry.pupil_id)
        .where(DiagnosticEntry.indicator_id == indicator.id, DiagnosticEntry.start_year == year.start_year,
               DiagnosticEntry.point == point)
        .order_by(DiagnosticEntry.kind, DiagnosticEntry.class_label, Pupil.surname, DiagnosticEntry.id)).all()
    sums = Sums()
    for entry, *_names in entries:
        sums.add(_SummedEntry(entry))
    can_enter = has_role(*MANAGERS)
    pupils = _pupil_choices() if can_enter else []
    return render("monitoring/diagnostic_point.html", indicator=indicator, year=year, point=point,
                  point_label=POINT_LABELS[point], level_labels=LEVEL_LABELS, can_enter=can_enter,
                  classes=[row for row in entries if row[0].kind == KIND_CLASS],
                  pupil_rows=[row for row in entries if row[0].kind == KIND_PUPIL],
                  sums=sums, value=sums.value(is_scored(indicator)), scored=is_scored(indicator),
                  min_pupils=MIN_PUPILS, formula=FORMULA,
                  class_form=class_form or ClassResultForm(), pupil_form=pupil_form or PupilResultForm(pupils),
                  status=status)


class _SummedEntry:
    """An entry as the totals count it (a class's mean score counts for each assessed pupil)."""

    def __init__(self, entry: DiagnosticEntry):
        self.assessed, self.high, self.middle, self.low = entry.assessed, entry.high, entry.middle, entry.low
        self.scored = entry.assessed if entry.score is not None else 0
        self.score_sum = (entry.score or 0) * entry.assessed


def _pupil_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(select(Pupil.id, Pupil.surname, Pupil.name, Pupil.class_label)
                              .where(Pupil.is_active.is_(True), Pupil.is_depersonalised.is_(False))
                              .order_by(Pupil.class_label, Pupil.surname, Pupil.name)).all()
    return [(row.id, _pupil_label(row)) for row in rows]


def _pupil_label(row) -> str:
    return f"{row.surname} {row.name}{f' ({row.class_label})' if row.class_label else ''}"


@bp.get("/i/<institution>/diagnostics/<int:diagnostic_id>/<point>")
@login_required
def show_diagnostic(diagnostic_id: int, point: str):
    indicator = diagnostic_indicator_or_404(diagnostic_id)
    return _page(indicator, _year(), _point(point))


def _done(indicator, year, point, message):
    flash(message, "success")
    return redirect(url_for("monitoring.show_diagnostic", diagnostic_id=indicator.id, point=point,
                            year=year.start_year))


def _class_entered(indicator: MonitoringIndicator, start_year: int, point: str, label: str,
                   other_than: int | None = None) -> bool:
    """Whether the class already has results at this point (other than the row ``other_than``)."""
    statement = select(DiagnosticEntry.id).where(
        DiagnosticEntry.indicator_id == indicator.id, DiagnosticEntry.start_year == start_year,
        DiagnosticEntry.point == point, DiagnosticEntry.kind == KIND_CLASS, DiagnosticEntry.class_label == label)
    if other_than is not None:
        statement = statement.where(DiagnosticEntry.id != other_than)
    return db.session.scalar(statement) is not None


@bp.post("/i/<institution>/diagnostics/<int:diagnostic_id>/<point>/classes")
@login_required
def add_class_result(diagnostic_id: int, point: str):
    indicator = diagnostic_indicator_or_404(diagnostic_id)
    point = _point(point)
    require_role(*MANAGERS)
    year = _year()
    form = ClassResultForm()
    if form.validate_on_submit():
        if not _class_entered(indicator, year.start_year, point, form.class_label.data):
            db.session.add(DiagnosticEntry(
                institution_id=g.institution.id, network_id=indicator.network_id, indicator_id=indicator.id,
                start_year=year.start_year, point=point, kind=KIND_CLASS, class_label=form.class_label.data,
                assessed=form.assessed.data, high=form.high.data or 0, middle=form.middle.data or 0,
                low=form.low.data or 0, score=None if form.score.data is None else float(form.score.data)))
            refresh_total(indicator, year.start_year, point)
            return _done(indicator, year, point, _("Результаты класса %(label)s сохранены.",
                                                   label=form.class_label.data))
        form.class_label.errors.append(_("Результаты этого класса в этом замере уже внесены: исправьте их в "
                                         "таблице выше."))
    return _page(indicator, year, point, class_form=form, status=422)


@bp.post("/i/<institution>/diagnostics/<int:diagnostic_id>/<point>/pupils")
@login_required
def add_pupil_result(diagnostic_id: int, point: str):
    indicator = diagnostic_indicator_or_404(diagnostic_id)
    point = _point(point)
    require_role(*MANAGERS)
    year = _year()
    form = PupilResultForm(_pupil_choices())
    if form.validate_on_submit():
        taken = db.session.scalar(select(DiagnosticEntry.id).where(
            DiagnosticEntry.indicator_id == indicator.id, DiagnosticEntry.start_year == year.start_year,
            DiagnosticEntry.point == point, DiagnosticEntry.pupil_id == form.pupil_id.data))
        if taken is None:
            level = form.level.data
            db.session.add(DiagnosticEntry(
                institution_id=g.institution.id, network_id=indicator.network_id, indicator_id=indicator.id,
                start_year=year.start_year, point=point, kind=KIND_PUPIL, pupil_id=form.pupil_id.data, assessed=1,
                high=int(level == "high"), middle=int(level == "middle"), low=int(level == "low"),
                score=None if form.score.data is None else float(form.score.data), note=form.note.data or ""))
            refresh_total(indicator, year.start_year, point)
            return _done(indicator, year, point, _("Результат обучающегося сохранён."))
        form.pupil_id.errors.append(_("Результат этого обучающегося в этом замере уже внесён: исправьте его в "
                                      "таблице выше."))
    return _page(indicator, year, point, pupil_form=form, status=422)


def _entry_form(entry: DiagnosticEntry):
    """The form of a row being corrected, filled from it on GET: a class's results, or a pupil's (the pupil fixed)."""
    if entry.kind == KIND_CLASS:
        return ClassResultForm(obj=entry if request.method == "GET" else None)
    pupil = db.session.execute(select(Pupil.id, Pupil.surname, Pupil.name, Pupil.class_label)
                               .where(Pupil.id == entry.pupil_id)).one()
    form = PupilResultForm([(pupil.id, _pupil_label(pupil))], obj=entry if request.method == "GET" else None)
    if request.method == "GET":
        form.level.data = entry.level or ""
    return form


@bp.route("/i/<institution>/diagnostics/<int:diagnostic_id>/entries/<int:diagnostic_entry_id>/edit",
          methods=["GET", "POST"])
@login_required
def edit_diagnostic(diagnostic_id: int, diagnostic_entry_id: int):
    """Correct a class's or a pupil's result (the school's admin and coordinator); the totals follow."""
    indicator = diagnostic_indicator_or_404(diagnostic_id)
    entry = entry_or_404(indicator, diagnostic_entry_id)
    year = AcademicYear(entry.start_year)
    form = _entry_form(entry)
    if form.validate_on_submit():
        if is_stale(entry, request.form.get("version")):
            form.form_errors.append(_("Этот результат изменил другой пользователь. Обновите страницу и повторите."))
        elif entry.kind == KIND_CLASS and _class_entered(indicator, entry.start_year, entry.point,
                                                       form.class_label.data, other_than=entry.id):
            form.class_label.errors.append(_("Результаты этого класса в этом замере уже внесены."))
        else:
            if entry.kind == KIND_CLASS:
                entry.class_label, entry.assessed = form.class_label.data, form.assessed.data
                entry.high, entry.middle, entry.low = form.high.data or 0, form.middle.data or 0, form.low.data or 0
            else:
                level = form.level.data
                entry.high, entry.middle, entry.low = int(level == "high"), int(level == "middle"), int(level == "low")
                entry.note = form.note.data or ""
            entry.score = None if form.score.data is None else float(form.score.data)
            refresh_total(indicator, year.start_year, entry.point)
            return _done(indicator, year, entry.point, _("Результат диагностики исправлен."))
    return render("monitoring/edit_diagnostic.html", indicator=indicator, entry=entry, form=form, year=year,
                  version=request.form.get("version", entry.version),
                  point_label=POINT_LABELS[entry.point], is_class=entry.kind == KIND_CLASS,
                  status=422 if form.errors or form.form_errors else 200)


@bp.get("/i/<institution>/diagnostics/<int:diagnostic_id>/entries/<int:diagnostic_entry_id>/delete")
@login_required
def confirm_delete_diagnostic(diagnostic_id: int, diagnostic_entry_id: int):
    indicator = diagnostic_indicator_or_404(diagnostic_id)
    entry = entry_or_404(indicator, diagnostic_entry_id)
    back = url_for("monitoring.show_diagnostic", diagnostic_id=indicator.id, point=entry.point,
                   year=entry.start_year)
    question = (_("Результаты класса %(label)s", label=entry.class_label) if entry.kind == KIND_CLASS
                else _("Результат обучающегося"))
    return confirm_page(heading=_("Удалить результат диагностики?"), question=question,
                        action=url_for("monitoring.delete_diagnostic", diagnostic_id=indicator.id,
                                       diagnostic_entry_id=entry.id),
                        confirm_label=_("Удалить"), cancel_url=back)


@bp.post("/i/<institution>/diagnostics/<int:diagnostic_id>/entries/<int:diagnostic_entry_id>/delete")
@login_required
def delete_diagnostic(diagnostic_id: int, diagnostic_entry_id: int):
    indicator = diagnostic_indicator_or_404(diagnostic_id)
    entry = entry_or_404(indicator, diagnostic_entry_id)
    year, point = AcademicYear(entry.start_year), entry.point
    db.session.delete(entry)
    refresh_total(indicator, year.start_year, point)
    return _done(indicator, year, point, _("Результат диагностики удалён."))
