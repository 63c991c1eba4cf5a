"""Writing plan items: every edit keeps the typed text and re-reads it into dates and grades."""
from __future__ import annotations

from functools import cache

from flask import g
from sqlalchemy import Integer, String, bindparam, delete, func, literal, select, union_all

from tenants.models import Institution, Membership
from workspace.accounts.models import User
from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanItemInstitution, PlanItemPerson, PlanSection
from workspace.plans.periods import set_timing
from workspace.reading.audience import read_audience
from workspace.reading.matching import Candidate, Person, find_institutions, find_people


def read_into(item: PlanItem, field: str, value: str, year: AcademicYear) -> None:
    if field == "timing":
        set_timing(item, value, year)
    elif field == "audience":
        audience = read_audience(value)
        item.audience = value
        item.grade_from, item.grade_to = audience.grade_from, audience.grade_to
    else:
        setattr(item, field, value)


def apply_cell(item: PlanItem, field: str, value: str, year: AcademicYear) -> list[str] | None:
    """The cell's new value; for the responsible, the names now linked (``relink``)."""
    if field == "status":
        item.status = ItemStatus(value)
        return None
    read_into(item, field, value, year)
    return relink(item) if field == "responsible" else None


def apply_new_item(plan: Plan, section: PlanSection, form) -> PlanItem:
    position = db.session.scalar(select(func.coalesce(func.max(PlanItem.position), 0))
                                 .where(PlanItem.section_id == section.id)) + 1
    count = db.session.scalar(select(func.count()).select_from(PlanItem).where(PlanItem.section_id == section.id))
    item = PlanItem(network_id=g.network.id, plan_id=plan.id, section_id=section.id, position=position,
                    number=str(count + 1), title="")
    year = AcademicYear(plan.start_year)
    for field in ("title", "audience", "timing", "responsible", "report_form"):
        read_into(item, field, getattr(form, field).data or "", year)
    chosen = getattr(form, "chosen_interaction", None)   # the plan's add-form names the model's row and form
    if chosen is not None:
        item.interaction_row_id, item.interaction_form = chosen()
    db.session.add(item)
    db.session.flush()
    relink(item)
    return item


@cache
def _named_statement():
    """Member institutions and their active staff in one UNION statement, built once with a bound parameter."""
    network_id = bindparam("network_id", type_=Integer)
    both = union_all(
        select(literal(0).label("kind"), Institution.id, Institution.short_name.label("name"), Institution.full_name)
        .join(Membership, Membership.institution_id == Institution.id).where(Membership.network_id == network_id),
        select(literal(1), User.id, User.full_name, literal(None, String))
        .join(Membership, Membership.institution_id == User.institution_id)
        .where(Membership.network_id == network_id, User.is_enabled.is_(True))).subquery()
    return select(both)


def network_people_and_institutions():
    """Who can be named among the responsible: member institutions and their active staff."""

    institutions, people = [], []
    for kind, row_id, name, full_name in db.session.execute(_named_statement(), {"network_id": g.network.id}):
        if kind == 0:
            institutions.append(Candidate(row_id, name, full_name))
        else:
            people.append(Person(row_id, name))
    return institutions, people


def relink(item: PlanItem, named=None) -> list[str]:
    """Link the institutions and colleagues the responsible text names (replacing earlier links); the names
    linked, the institutions then the colleagues, each in alphabetical order (as ``links_of`` reads them back)."""

    # An empty text names no one: the network's institutions and people are not read for it. The link rows are
    # never loaded as objects, so the DELETEs skip the session's synchronisation (its evaluation of the WHERE
    # against the identity map cost more than the statements).
    institutions, people = (named or network_people_and_institutions()) if item.responsible else ([], [])
    for model in (PlanItemInstitution, PlanItemPerson):
        db.session.execute(delete(model).where(model.item_id == item.id),
                           execution_options={"synchronize_session": False})
    linked_institutions = {c.id: c.short_name for c in find_institutions(item.responsible, institutions)}
    linked_people = {p.id: p.full_name for p in find_people(item.responsible, people)}
    for institution_id in sorted(linked_institutions):
        db.session.add(PlanItemInstitution(network_id=item.network_id, item_id=item.id, institution_id=institution_id))
    for user_id in sorted(linked_people):
        db.session.add(PlanItemPerson(network_id=item.network_id, item_id=item.id, user_id=user_id))
    return sorted(linked_institutions.values()) + sorted(linked_people.values())
