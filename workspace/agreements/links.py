"""What an agreement covers: a generic (kind, id) link table. Each linkable kind names how its objects
are listed for the form and how linked ones are shown: plan sections, joint projects, network programmes."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for
from sqlalchemy import String, cast, literal, select, union_all

from tenants.models import Institution
from workspace.agreements.models import AgreementLink
from workspace.core.i18n import lazy_gettext as _l
from workspace.extensions import db
from workspace.plans.models import Plan, PlanSection
from workspace.programmes.models import Programme
from workspace.programmes.queries import is_visible_programme
from workspace.projects.models import Project


@dataclass
class LinkKind:
    label: object
    describe: Callable[[list[int]], dict[int, tuple[str, str]]]  # id → (title, url) of linked ones


def _describe_plan_sections(ids: list[int]) -> dict[int, tuple[str, str]]:
    rows = db.session.execute(select(PlanSection.id, PlanSection.title, PlanSection.plan_id, Plan.start_year)
                              .join(Plan, Plan.id == PlanSection.plan_id).where(PlanSection.id.in_(ids)))
    return {row.id: (f"{row.title} ({row.start_year}/{row.start_year + 1})",
                     url_for("plans.show_plan", plan_id=row.plan_id)) for row in rows}


def _describe_projects(ids: list[int]) -> dict[int, tuple[str, str]]:
    return {row.id: (row.title, url_for("projects.show_project", project_id=row.id))
            for row in db.session.execute(select(Project.id, Project.title).where(Project.id.in_(ids)))}


def _describe_programmes(ids: list[int]) -> dict[int, tuple[str, str]]:
    return {row.id: (row.title, url_for("programmes.show_programme", programme_id=row.id))
            for row in db.session.execute(select(Programme.id, Programme.title)
                                          .where(Programme.id.in_(ids), is_visible_programme()))}


LINKABLE: dict[str, LinkKind] = {
    "plan_section": LinkKind(_l("Раздел сетевого плана"), _describe_plan_sections),
    "project": LinkKind(_l("Сетевой проект"), _describe_projects),
    "programme": LinkKind(_l("Сетевая образовательная программа"), _describe_programmes),
}


def link_choices() -> dict[str, list[tuple[str, str]]]:
    """The form's choices, grouped by kind: value «kind:id» (the network's objects only: the scope).
    One statement for every kind (a UNION of each kind's ``choices`` query shape)."""

    both = union_all(
        select(literal("plan_section").label("kind"), PlanSection.id.label("id"), PlanSection.title.label("title"),
               cast(Plan.start_year, String).label("extra"), PlanSection.position.label("position"))
        .join(Plan, Plan.id == PlanSection.plan_id),
        select(literal("project"), Project.id, Project.title, literal(""), literal(0)),
        select(literal("programme"), Programme.id, Programme.title, Institution.short_name, literal(0))
        .join(Institution, Institution.id == Programme.provider_institution_id)
        .where(is_visible_programme())).subquery()  # another provider's draft is not the network's yet
    grouped: dict[str, list[tuple[str, str]]] = {name: [] for name in LINKABLE}
    rows = db.session.execute(select(both).order_by(both.c.kind, both.c.extra.desc(), both.c.position,
                                                    both.c.title, both.c.id))
    for kind, object_id, title, extra, _position in rows:
        if kind == "plan_section":
            text = f"{extra}/{int(extra) + 1}: {title}"
        elif kind == "programme":
            text = f"{title} ({extra})"
        else:
            text = title
        grouped[kind].append((f"{kind}:{object_id}", text))
    return {str(LINKABLE[name].label): values for name, values in grouped.items() if values}


def parse_target(value: str) -> tuple[str, int]:
    """«kind:id» of a choice the form has already checked against ``link_choices()``."""
    kind, _sep, object_id = value.partition(":")
    return kind, int(object_id)


def links_of(agreement_id: int) -> list[tuple[AgreementLink, str, str, str]]:
    """(link, kind label, title, url) — one statement, plus one per linked kind present."""
    links = list(db.session.scalars(select(AgreementLink).where(AgreementLink.agreement_id == agreement_id)
                                    .order_by(AgreementLink.target_kind, AgreementLink.id)))
    described: dict[str, dict[int, tuple[str, str]]] = {}
    for kind in {link.target_kind for link in links}:
        if kind in LINKABLE:
            described[kind] = LINKABLE[kind].describe([link.target_id for link in links if link.target_kind == kind])
    result = []
    for link in links:
        title, url = described.get(link.target_kind, {}).get(link.target_id, ("—", ""))
        kind = LINKABLE.get(link.target_kind)
        result.append((link, str(kind.label) if kind else link.target_kind, title, url))
    return result
