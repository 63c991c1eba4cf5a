"""The monitoring dashboards (network, institution), its printable page and Excel report, and the
network's indicators with their hand-entered values."""
from __future__ import annotations

from decimal import Decimal

from flask import abort, current_app, flash, g, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import func, select

from tenants.permissions import can_manage_council
from workspace.core.access import require
from workspace.core.dates import AcademicYear
from workspace.core.excel import xlsx_response
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db
from workspace.monitoring import bp
from workspace.monitoring.access import editable_indicator_or_404, may_manage
from workspace.monitoring.catalogue import (
    LEVEL_LABELS,
    METHOD_LABELS,
    POINT_LABELS,
    TEMPLATES,
    level_counts,
)
from workspace.monitoring.catalogue import (
    apply_template as copy_template,
)
from workspace.monitoring.charts import format_number
from workspace.monitoring.drawing import drawn_sections
from workspace.monitoring.exports import monitoring_workbook
from workspace.monitoring.figure_rows import link_rows
from workspace.monitoring.forms import IndicatorForm, ValueForm
from workspace.monitoring.models import POINT_FINAL, POINTS, MonitoringIndicator, MonitoringValue
from workspace.monitoring.queries import get_value, indicator_rows
from workspace.monitoring.registry import MonitoringScope, build_sections, share_rows, source_choices
from workspace.networks.interaction import interaction_options


def _year() -> AcademicYear:
    value = request.args.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return AcademicYear(int(value))
    return AcademicYear.current()


def _years(chosen: AcademicYear) -> list[AcademicYear]:
    current = AcademicYear.current().start_year
    return [AcademicYear(year) for year in sorted({*range(current - 3, current + 2), chosen.start_year}, reverse=True)]


def _network_scope() -> MonitoringScope:
    return MonitoringScope(network_ids=[g.network.id], institution_id=None, year=_year())


def _context(scope: MonitoringScope, *, is_network: bool) -> dict:
    """What the dashboard and its printable page show (the sections drawn: ``drawing.drawn_sections``)."""
    share_rows(scope, current_app.config["MONITORING_CACHE_SECONDS"])
    return {"scope": scope, "sections_html": drawn_sections(scope), "years": _years(scope.year), "points": POINTS,
            "point_labels": POINT_LABELS, "level_labels": LEVEL_LABELS, "level_counts": level_counts,
            "indicators": indicator_rows(scope) if is_network else None,
            "can_manage": is_network and can_manage_council(g.network), "is_network": is_network}


def _as_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@bp.get("/n/<network>/monitoring/")
@login_required
def network_dashboard():
    return render("monitoring/dashboard.html", **_context(_network_scope(), is_network=True),
                  heading=g.network.name)


@bp.get("/i/<institution>/monitoring/")
@login_required
def institution_dashboard():
    scope = MonitoringScope(network_ids=list(g.network_ids), institution_id=g.institution.id, year=_year())
    return render("monitoring/dashboard.html", **_context(scope, is_network=False), heading=g.institution.short_name)


@bp.get("/n/<network>/monitoring/print")
@login_required
def print_report():
    return render("monitoring/print.html", **_context(_network_scope(), is_network=True), heading=g.network.name)


@bp.get("/n/<network>/monitoring/report.xlsx")
@login_required
def export_report():
    scope = _network_scope()
    share_rows(scope, current_app.config["MONITORING_CACHE_SECONDS"])
    sections = build_sections(scope)
    link_rows(sections, scope)
    title = _("Мониторинг эффективности сетевого взаимодействия: %(name)s", name=g.network.name)
    content = monitoring_workbook(title, scope, sections, indicator_rows(scope))
    return xlsx_response(content, f"monitoring-{scope.year.start_year}-{scope.year.start_year + 1}.xlsx")


# ---------------------------------------------------------------- indicators

def _model_rows() -> list[tuple[int, str]]:
    """(row id, partner's name) of the network's interaction model: what an indicator may measure the effect of."""
    return [(row_id, name) for row_id, name, _forms in interaction_options()]


def _indicators_page(form: IndicatorForm, status: int = 200):
    indicators = db.session.scalars(select(MonitoringIndicator)
                                    .order_by(MonitoringIndicator.position, MonitoringIndicator.id)).all()
    labels = dict(source_choices())
    return render("monitoring/indicators.html", indicators=indicators, form=form, source_labels=labels,
                  row_names=dict(form.interaction_row.choices[1:]),
                  can_manage=may_manage(), status=status, templates=TEMPLATES.values(),
                  method_labels=METHOD_LABELS)


@bp.route("/n/<network>/monitoring/indicators", methods=["GET", "POST"])
@login_required
def list_indicators():
    form = IndicatorForm(source_choices(), rows=_model_rows())
    if request.method == "POST":
        require(may_manage())
        if form.validate_on_submit():
            position = db.session.scalar(select(func.coalesce(func.max(MonitoringIndicator.position), 0))) + 1
            db.session.add(MonitoringIndicator(
                network_id=g.network.id, position=position, title=form.title.data, criterion=form.criterion.data or "",
                unit=form.unit.data or "", target=_as_float(form.target.data), source=form.source.data,
                note=form.note.data or "", level_high=_as_float(form.level_high.data),
                level_middle=_as_float(form.level_middle.data), interaction_row_id=form.interaction_row_id))
            flash(_("Показатель добавлен."), "success")
            return redirect(url_for("monitoring.list_indicators"))
        return _indicators_page(form, status=422)
    return _indicators_page(form)


@bp.route("/n/<network>/monitoring/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
@login_required
def edit_indicator(indicator_id: int):
    indicator = editable_indicator_or_404(indicator_id)
    form = IndicatorForm(source_choices(), obj=indicator if request.method == "GET" else None, rows=_model_rows())
    status = 200
    if request.method == "GET":
        form.version.data = str(indicator.version)
    elif form.validate_on_submit():
        if is_stale(indicator, form.version.data):
            form.version.data = str(indicator.version)
            form.form_errors.append(_("Этот показатель только что изменил другой пользователь. Проверьте его "
                                      "текущие значения и сохраните ещё раз."))
            status = 409
        else:
            indicator.title, indicator.criterion, indicator.unit = (form.title.data, form.criterion.data or "",
                                                                    form.unit.data or "")
            indicator.target, indicator.source = _as_float(form.target.data), form.source.data
            indicator.note = form.note.data or ""
            indicator.level_high = _as_float(form.level_high.data)
            indicator.level_middle = _as_float(form.level_middle.data)
            indicator.interaction_row_id = form.interaction_row_id
            flash(_("Показатель сохранён."), "success")
            return redirect(url_for("monitoring.list_indicators"))
    else:
        status = 422
    return render("monitoring/edit_indicator.html", indicator=indicator, form=form, status=status)


@bp.get("/n/<network>/monitoring/indicators/<int:indicator_id>/delete")
@login_required
def confirm_delete_indicator(indicator_id: int):
    indicator = editable_indicator_or_404(indicator_id)
    return confirm_page(heading=_("Удалить показатель?"), question=indicator.title,
                        action=url_for("monitoring.delete_indicator", indicator_id=indicator.id),
                        confirm_label=_("Удалить"), cancel_url=url_for("monitoring.list_indicators"))


@bp.post("/n/<network>/monitoring/indicators/<int:indicator_id>/delete")
@login_required
def delete_indicator(indicator_id: int):
    indicator = editable_indicator_or_404(indicator_id)
    db.session.delete(indicator)
    flash(_("Показатель удалён вместе с введёнными значениями."), "success")
    return redirect(url_for("monitoring.list_indicators"))


def _template_or_404(key: str):
    template = TEMPLATES.get(key)
    if template is None:
        abort(404)
    require(may_manage())
    return template


@bp.get("/n/<network>/monitoring/templates/<template_key>")
@login_required
def confirm_template(template_key: str):
    template = _template_or_404(template_key)
    return confirm_page(
        heading=_("Добавить показатели из шаблона?"),
        question=_("«%(title)s»: критериев — %(criteria)d, показателей — %(indicators)d. Показатели с теми же "
                   "критерием и названием, что уже есть в сети, не повторяются; после добавления их можно "
                   "изменить или удалить.", title=template.title, criteria=len(template.criteria),
                   indicators=template.indicator_count),
        action=url_for("monitoring.apply_template", template_key=template_key), confirm_label=_("Добавить"),
        cancel_url=url_for("monitoring.list_indicators"))


@bp.post("/n/<network>/monitoring/templates/<template_key>")
@login_required
def apply_template(template_key: str):
    """Copy a template's criteria and indicators into the network's own (those already there are skipped)."""
    template = _template_or_404(template_key)
    added = copy_template(g.network.id, template)
    flash(_("Из шаблона добавлено показателей: %(n)d.", n=added), "success")
    return redirect(url_for("monitoring.list_indicators"))


@bp.route("/n/<network>/monitoring/indicators/<int:indicator_id>/value", methods=["GET", "POST"])
@login_required
def edit_value(indicator_id: int):
    """The fact of a hand-entered indicator at one measurement point of an academic year."""
    indicator = editable_indicator_or_404(indicator_id, manual=True)
    year = _year() if request.method == "GET" else _posted_year()
    point = ValueForm.point_of(request.values.get("point", POINT_FINAL))
    if point is None:
        abort(400)
    stored = get_value(indicator, year.start_year, point)
    form = ValueForm()
    status = 200
    if request.method == "GET":
        form.value.data = Decimal(str(stored.value)) if stored else None
        form.version.data = str(stored.version) if stored else "0"
    elif form.validate_on_submit():
        if is_stale(stored, form.version.data):
            form.version.data = str(stored.version) if stored else "0"
            form.form_errors.append(_("Значение только что сохранил другой пользователь: сейчас записано "
                                      "«%(value)s». Сохраните ещё раз, если ваше вернее.",
                                      value=f"{stored.value:g}" if stored else "—"))
            status = 409
        else:
            if stored is None:
                db.session.add(MonitoringValue(network_id=g.network.id, indicator_id=indicator.id, point=point,
                                               start_year=year.start_year, value=float(form.value.data)))
            else:
                stored.value = float(form.value.data)
            flash(_("Значение показателя за %(year)s (%(point)s) сохранено.", year=year.label,
                    point=str(POINT_LABELS[point]).lower()), "success")
            return redirect(url_for("monitoring.network_dashboard", year=year.start_year, _anchor="indicators"))
    else:
        status = 422
    form.start_year.data, form.point.data = str(year.start_year), point
    return render("monitoring/edit_value.html", indicator=indicator, form=form, year=year, status=status,
                  point_label=POINT_LABELS[point])


def _posted_year() -> AcademicYear:
    value = (request.form.get("start_year") or "").strip()
    if not (value.isdigit() and 2000 <= int(value) <= 2100):
        abort(400)
    return AcademicYear(int(value))


@bp.app_template_filter("number")
def number(value) -> str:
    """75 → «75», 83.33 → «83,3» (Russian decimal comma), None → «—»; text (a table's label column) as is."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    return format_number(float(value))
