"""The analyses of the network: the list (and the choice of a year to prepare one for), an analysis's page with its
computed figures, the overall conclusion, each partner's conclusion and decision."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_login import login_required

from workspace.core.access import require
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.rendering import render
from workspace.council.approval import approval_history, approved_protocol
from workspace.cycle import bp
from workspace.cycle.access import editable_analysis_or_404, editable_line_or_404, may_edit, may_prepare
from workspace.cycle.content import indicator_lines, partner_sections, period_words, totals_fact
from workspace.cycle.figures import analysis_figures, period_figures
from workspace.cycle.forms import ConclusionForm, LineForm, NewAnalysisForm, NewStageAnalysisForm
from workspace.cycle.models import AnalysisPartner, PartnerDecision, YearlyAnalysis
from workspace.cycle.queries import (
    analyses_of_network,
    dated_stages,
    get_analysis_or_404,
    interaction_rows,
    lines_of,
    partner_members,
    plan_years,
)
from workspace.extensions import db


@bp.context_processor
def _period_words():
    """«за 2025/2026 учебный год» / «за этап «Практический» (…)» in the area's pages."""
    return {"period_words": period_words}


def _free_years(analyses) -> list[int]:
    taken = {analysis.start_year for analysis in analyses if not analysis.is_stage}
    return [year for year in plan_years() if year not in taken]


def _free_stages(analyses) -> list:
    """The passport's dated stages that have no analysis yet."""
    taken = {analysis.stage_id for analysis in analyses if analysis.stage_id is not None}
    return [stage for stage in dated_stages() if stage.id not in taken]


def _list_page(analyses, form=None, stage_form=None, status=200):
    if may_prepare():
        form = form or NewAnalysisForm(_free_years(analyses), formdata=None)
        stage_form = stage_form or NewStageAnalysisForm(_free_stages(analyses), formdata=None, prefix="stage")
    return render("cycle/list.html", analyses=analyses, form=form, stage_form=stage_form, network=g.network,
                  status=status)


@bp.get("/")
@login_required
def list_analyses():
    return _list_page(analyses_of_network())


def sync_lines(analysis: YearlyAnalysis) -> None:
    """A line for every row of the network's interaction model, in its order — a member's row or a partner's
    without an account (parents, ГИБДД…) — then for every partner member without a row; a row or a member added
    since gets one, a line whose partner has gone stays (the year happened)."""
    lines = lines_of(analysis.id)
    by_institution = {line.institution_id: line for line in lines if line.institution_id is not None}
    by_row = {line.interaction_row_id for line in lines if line.interaction_row_id is not None}
    covered: set[int | None] = set()
    position = len(lines)
    base_id = g.network.base_institution_id

    def add(institution_id, row_id, name):
        nonlocal position
        position += 1
        db.session.add(AnalysisPartner(network_id=g.network.id, analysis_id=analysis.id, institution_id=institution_id,
                                       interaction_row_id=row_id, name=name, position=position))

    for row_id, institution_id, name in interaction_rows():
        if row_id in by_row or institution_id == base_id or (institution_id is not None and institution_id in covered):
            continue
        line = by_institution.get(institution_id) if institution_id is not None else None
        if line is not None:      # the member's line made before its row: now it names the row too
            if line.interaction_row_id is None:
                line.interaction_row_id = row_id
            continue
        add(institution_id, row_id, name)
        covered.add(institution_id)
    for institution_id, name in partner_members():
        if institution_id not in by_institution and institution_id not in covered:
            add(institution_id, None, name)


@bp.post("/")
@login_required
def create_analysis():
    require(may_prepare())
    analyses = analyses_of_network()
    form = NewAnalysisForm(_free_years(analyses))
    if not form.validate_on_submit():
        return _list_page(analyses, form=form, status=422)
    return _created(YearlyAnalysis(network_id=g.network.id, start_year=form.start_year.data))


def _created(analysis: YearlyAnalysis):
    db.session.add(analysis)
    db.session.flush()
    sync_lines(analysis)
    flash(_("Аналитическая справка создана: показатели рассчитаны по данным сети. Напишите выводы и решения по "
            "каждому партнёру."), "success")
    return redirect(url_for("cycle.show_analysis", analysis_id=analysis.id))


@bp.post("/stages")
@login_required
def create_stage_analysis():
    """An analysis of a stage of the passport: the stage's name and dates are kept as they are now."""
    require(may_prepare())
    analyses = analyses_of_network()
    stages = _free_stages(analyses)
    form = NewStageAnalysisForm(stages, prefix="stage")
    if not form.validate_on_submit():
        return _list_page(analyses, stage_form=form, status=422)
    stage = next(stage for stage in stages if stage.id == form.stage_id.data)
    return _created(YearlyAnalysis(network_id=g.network.id, stage_id=stage.id, stage_title=stage.title,
                                   starts_on=stage.starts_on, ends_on=stage.ends_on,
                                   start_year=AcademicYear.containing(stage.starts_on).start_year))


def page_context(analysis: YearlyAnalysis, **overrides) -> dict:
    lines = lines_of(analysis.id)
    history = approval_history("analysis", analysis.id)
    figures = analysis_figures(analysis)
    context = {
        "analysis": analysis, "lines": lines, "sections": partner_sections(lines, figures),
        "totals": totals_fact(figures), "kept_at": figures.kept_at,
        "indicator_lines": indicator_lines(figures),
        "approval_rounds": history, "protocol": approved_protocol(history),
        "is_editor": may_prepare(), "can_edit": may_edit(analysis),
        "undecided": [line.name for line in lines if line.decision is None or not line.conclusion],
    }
    context.update(overrides)
    return context


@bp.get("/<int:analysis_id>")
@login_required
def show_analysis(analysis_id: int):
    return render("cycle/page.html", **page_context(get_analysis_or_404(analysis_id)))


@bp.route("/<int:analysis_id>/edit", methods=["GET", "POST"])
@login_required
def edit_analysis(analysis_id: int):
    analysis = editable_analysis_or_404(analysis_id)
    form = ConclusionForm(obj=analysis if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(analysis.version)
    status = 200
    if form.validate_on_submit():
        if is_stale(analysis, form.version.data):
            form.version.data = str(analysis.version)
            form.form_errors.append(_("Справку только что изменил другой пользователь. Проверьте текст и сохраните "
                                      "ещё раз."))
            status = 409
        else:
            analysis.conclusion = form.conclusion.data or ""
            sync_lines(analysis)
            flash(_("Общий вывод сохранён."), "success")
            return redirect(url_for("cycle.show_analysis", analysis_id=analysis.id, _anchor="conclusion"))
    elif form.errors:
        status = 422
    return render("cycle/edit.html", form=form, analysis=analysis, status=status)


@bp.route("/<int:analysis_id>/partners/<int:analysis_line_id>", methods=["GET", "POST"])
@login_required
def edit_line(analysis_id: int, analysis_line_id: int):
    analysis, line = editable_line_or_404(analysis_id, analysis_line_id)
    form = LineForm(obj=line if request.method == "GET" else None)
    if request.method == "GET":
        form.decision.data = line.decision.value if line.decision else None
        form.version.data = str(line.version)
    status = 200
    if form.validate_on_submit():
        if is_stale(line, form.version.data):
            form.version.data = str(line.version)
            form.form_errors.append(_("Вывод по партнёру только что изменил другой пользователь. Проверьте текст и "
                                      "сохраните ещё раз."))
            status = 409
        else:
            line.conclusion = form.conclusion.data
            line.decision = PartnerDecision(form.decision.data)
            flash(_("Вывод и решение по партнёру %(name)s сохранены.", name=line.name), "success")
            return redirect(url_for("cycle.show_analysis", analysis_id=analysis.id, _anchor=f"line-{line.id}"))
    elif form.errors:
        status = 422
    facts = partner_sections([line], period_figures(analysis.period))[0].facts
    return render("cycle/edit_line.html", form=form, analysis=analysis, line=line, facts=facts, status=status)
