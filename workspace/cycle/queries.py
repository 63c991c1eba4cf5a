"""Scoped loads of the analyses: every load names the current network (the URL's), never a form field."""
from __future__ import annotations

from flask import g
from sqlalchemy import select

from tenants.models import Institution, Membership
from workspace.cycle.models import AnalysisPartner, AnalysisStatus, YearlyAnalysis
from workspace.extensions import db
from workspace.networks.models import PARTNER_KIND_LABELS, InteractionRow
from workspace.passport.models import PassportStage
from workspace.plans.models import Plan


def analyses_of_network() -> list[YearlyAnalysis]:
    return list(db.session.scalars(select(YearlyAnalysis).where(YearlyAnalysis.network_id == g.network.id)
                                   .order_by(YearlyAnalysis.start_year.desc(), YearlyAnalysis.starts_on.is_not(None),
                                             YearlyAnalysis.starts_on.desc())))


def dated_stages() -> list[PassportStage]:
    """The stages of the network's passport with both dates, in order: those an analysis can be prepared for."""
    return list(db.session.scalars(select(PassportStage).where(
        PassportStage.network_id == g.network.id, PassportStage.starts_on.is_not(None),
        PassportStage.ends_on.is_not(None)).order_by(PassportStage.position, PassportStage.id)))


def plan_years() -> list[int]:
    """The academic years the network has a plan for, newest first."""
    return list(db.session.scalars(select(Plan.start_year).where(Plan.network_id == g.network.id).distinct()
                                   .order_by(Plan.start_year.desc())))


def get_analysis_or_404(analysis_id: int) -> YearlyAnalysis:
    return db.first_or_404(select(YearlyAnalysis).where(YearlyAnalysis.id == analysis_id,
                                                        YearlyAnalysis.network_id == g.network.id))


def get_line_or_404(analysis: YearlyAnalysis, line_id: int) -> AnalysisPartner:
    return db.first_or_404(select(AnalysisPartner).where(AnalysisPartner.id == line_id,
                                                         AnalysisPartner.analysis_id == analysis.id))


def lines_of(analysis_id: int) -> list[AnalysisPartner]:
    return list(db.session.scalars(select(AnalysisPartner).where(AnalysisPartner.analysis_id == analysis_id)
                                   .order_by(AnalysisPartner.position, AnalysisPartner.id)))


def partner_members() -> list[tuple[int, str]]:
    """(institution id, short name) of the network's members other than the base, by name (one statement)."""
    return [(row.id, row.short_name or row.full_name) for row in db.session.execute(
        select(Institution.id, Institution.short_name, Institution.full_name)
        .join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == g.network.id, Institution.id != g.network.base_institution_id)
        .order_by(Institution.short_name, Institution.id))]


def interaction_rows() -> list:
    """The rows of the network's interaction model in order: (id, institution id or None, name) — a member's row by
    its institution's short name, a partner's without an account by its own name or its kind (one statement)."""
    return [(row.id, row.institution_id, row.short_name or row.partner_name or str(PARTNER_KIND_LABELS[row.kind]))
            for row in db.session.execute(
                select(InteractionRow.id, InteractionRow.institution_id, InteractionRow.partner_name,
                       InteractionRow.kind, Institution.short_name)
                .outerjoin(Institution, Institution.id == InteractionRow.institution_id)
                .where(InteractionRow.network_id == g.network.id)
                .order_by(InteractionRow.position, InteractionRow.id))]


def base_names() -> tuple[str, str]:
    """(full name, short name) of the network's base institution."""
    row = db.session.execute(select(Institution.full_name, Institution.short_name)
                             .where(Institution.id == g.network.base_institution_id)).one()
    return row.full_name or row.short_name, row.short_name or row.full_name


def approved_analysis(start_year: int) -> YearlyAnalysis | None:
    """The network's approved analysis of the academic year, if any: what next year's plan starts from."""
    return db.session.scalar(select(YearlyAnalysis).where(YearlyAnalysis.network_id == g.network.id,
                                                          YearlyAnalysis.start_year == start_year,
                                                          YearlyAnalysis.starts_on.is_(None),   # a year's, not a stage's
                                                          YearlyAnalysis.status == AnalysisStatus.APPROVED))
