"""What an agreement covers: a generic (kind, id) link table. Each linkable kind names how its objects
are listed for the form and how linked ones are shown. Only plan sections exist today; projects and
programmes register here when their areas arrive (``LINKABLE["project"] = LinkKind(...)``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workspace.agreements.models import AgreementLink
from workspace.extensions import db


@dataclass
class LinkKind:
    label: object
    choices: Callable[[], list[tuple[int, str]]]           # the network's objects one may link
    describe: Callable[[list[int]], dict[int, tuple[str, str]]]  # id → (title, url) of linked ones


def _plan_section_choices() -> list[tuple[int, str]]:
    from workspace.plans.models import Plan, PlanSection
    rows = db.session.execute(select(PlanSection.id, PlanSection.title, Plan.start_year)
                              .join(Plan, Plan.id == PlanSection.plan_id)
                              .order_by(Plan.start_year.desc(), PlanSection.position, PlanSection.id))
    return [(row.id, f"{row.start_year}/{row.start_year + 1}: {row.title}") for row in rows]


def _describe_plan_sections(ids: list[int]) -> dict[int, tuple[str, str]]:
    from workspace.plans.models import Plan, PlanSection
    rows = db.session.execute(select(PlanSection.id, PlanSection.title, PlanSection.plan_id, Plan.start_year)
                              .join(Plan, Plan.id == PlanSection.plan_id).where(PlanSection.id.in_(ids)))
    return {row.id: (f"{row.title} ({row.start_year}/{row.start_year + 1})",
                     url_for("plans.show_plan", plan_id=row.plan_id)) for row in rows}


LINKABLE: dict[str, LinkKind] = {
    "plan_section": LinkKind(_l("Раздел сетевого плана"), _plan_section_choices, _describe_plan_sections),
}


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
