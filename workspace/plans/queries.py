"""Scoped loads of the plan area: a fixed number of statements whatever the plan's size."""
from __future__ import annotations

from collections import defaultdict
from functools import cache

from flask import abort, g
from sqlalchemy import Integer, bindparam, func, literal, literal_column, select, union_all

from tenants.models import Institution, Membership
from workspace.accounts.models import User
from workspace.extensions import db
from workspace.plans.models import Plan, PlanItem, PlanItemInstitution, PlanItemPerson, PlanSection


def get_plan_or_404(plan_id: int) -> Plan:
    return db.first_or_404(select(Plan).where(Plan.id == plan_id))


def get_section_or_404(plan: Plan, section_id: int) -> PlanSection:
    return db.first_or_404(select(PlanSection).where(PlanSection.id == section_id,
                                                    PlanSection.plan_id == plan.id))


def get_item_or_404(plan: Plan, item_id: int) -> PlanItem:
    return db.first_or_404(select(PlanItem).where(PlanItem.id == item_id, PlanItem.plan_id == plan.id))


@cache
def _item_statement():
    """The statement of ``item_with_plan_or_404``, built once with bound parameters."""
    return (select(Plan, PlanItem, PlanSection).join(PlanItem, PlanItem.plan_id == Plan.id)
            .join(PlanSection, (PlanSection.id == PlanItem.section_id) & (PlanSection.plan_id == Plan.id))
            .where(Plan.id == bindparam("plan_id", type_=Integer), PlanItem.id == bindparam("item_id", type_=Integer)))


def item_with_plan_or_404(plan_id: int, item_id: int) -> tuple[Plan, PlanItem, PlanSection]:
    """An item with its plan and its section, in one statement (``get_plan_or_404``, ``get_item_or_404`` and
    ``get_section_or_404`` in turn): 404 when any of them is not seen."""
    row = db.session.execute(_item_statement(), {"plan_id": plan_id, "item_id": item_id}).first()
    if row is None:
        abort(404)
    return row[0], row[1], row[2]


def plans_of_network() -> list[tuple[Plan, int, int]]:
    """Each plan with its numbers of items planned and held."""
    rows = db.session.execute(
        select(Plan, func.count(PlanItem.id), func.count(PlanItem.id).filter(PlanItem.status == "held"))
        .outerjoin(PlanItem, PlanItem.plan_id == Plan.id)
        .group_by(Plan.id).order_by(Plan.start_year.desc()))
    return [(plan, total, held) for plan, total, held in rows]


def sections_with_items(plan: Plan) -> list[tuple[PlanSection, list[PlanItem]]]:
    sections = db.session.scalars(select(PlanSection).where(PlanSection.plan_id == plan.id)
                                  .order_by(PlanSection.position, PlanSection.id)).all()
    items = db.session.scalars(select(PlanItem).where(PlanItem.plan_id == plan.id)
                               .order_by(PlanItem.position, PlanItem.id)).all()
    by_section: dict[int, list[PlanItem]] = defaultdict(list)
    for item in items:
        by_section[item.section_id].append(item)
    return [(section, by_section[section.id]) for section in sections]


def section_outline(plan: Plan) -> list[tuple[PlanSection, int, int]]:
    """Every section of the plan with its numbers of items and of items held (one statement)."""
    rows = db.session.execute(
        select(PlanSection, func.count(PlanItem.id), func.count(PlanItem.id).filter(PlanItem.status == "held"))
        .outerjoin(PlanItem, PlanItem.section_id == PlanSection.id)
        .where(PlanSection.plan_id == plan.id)
        .group_by(PlanSection.id).order_by(PlanSection.position, PlanSection.id))
    return [(section, total, held) for section, total, held in rows]


@cache
def _outline_statement():
    """The statement of ``plan_and_outline_or_404``, built once with a bound parameter."""
    return (select(Plan, PlanSection, func.count(PlanItem.id),
                   func.count(PlanItem.id).filter(PlanItem.status == "held"))
            .outerjoin(PlanSection, PlanSection.plan_id == Plan.id)
            .outerjoin(PlanItem, PlanItem.section_id == PlanSection.id)
            .where(Plan.id == bindparam("plan_id", type_=Integer))
            .group_by(Plan.id, PlanSection.id).order_by(PlanSection.position, PlanSection.id))


def plan_and_outline_or_404(plan_id: int) -> tuple[Plan, list[tuple[PlanSection, int, int]]]:
    """The plan and its outline (``section_outline``) in one statement; 404 for a plan not seen."""
    rows = db.session.execute(_outline_statement(), {"plan_id": plan_id}).all()
    if not rows:
        abort(404)
    return rows[0][0], [(section, total, held) for _plan, section, total, held in rows if section is not None]


# What a plan's row shows (plans/rows.py), read as column tuples: the page is read-only, and a hundred ORM objects
# cost more to load and to read attribute by attribute than the rows drawn from them.
ROW_COLUMNS = (PlanItem.id, PlanItem.section_id, PlanItem.number, PlanItem.title, PlanItem.audience,
               PlanItem.grade_from, PlanItem.grade_to, PlanItem.timing, PlanItem.starts_on, PlanItem.ends_on,
               PlanItem.periods, PlanItem.timing_is_read, PlanItem.responsible, PlanItem.report_form,
               PlanItem.status, PlanItem.interaction_row_id, PlanItem.interaction_form)


@cache
def _items_statement(limit: int | None):
    """The statement of ``items_and_links``, built once per page size (or unpaged) with bound parameters.

    The page's ids and the names linked to them are read once each (two CTEs, the names' materialised on
    PostgreSQL), then joined to the items. Joined as subqueries, PostgreSQL's generic plan of the prepared statement
    (psycopg prepares a statement at its fifth execution) could not know the page's size under row-level security
    and read the names again for every item of the page: 95 times the section's links, 23 ms at city scale against
    2 ms planned with the values. The page size is written into the SQL, not bound: a bound LIMIT is guessed at a
    tenth of the rows."""
    plan_id, section_ids = bindparam("plan_id", type_=Integer), bindparam("section_ids", expanding=True)
    page = (select(PlanItem.id).where(PlanItem.plan_id == plan_id, PlanItem.section_id.in_(section_ids))
            .order_by(PlanItem.position, PlanItem.id).offset(bindparam("offset", type_=Integer)))
    if limit is not None:
        page = page.limit(literal_column(str(int(limit)), Integer))
    page = page.cte("page")
    names = _links(select(page.c.id)).cte("names").prefix_with("MATERIALIZED", dialect="postgresql")
    return (select(*ROW_COLUMNS, names.c.name).join(page, page.c.id == PlanItem.id)
            .outerjoin(names, names.c.item_id == PlanItem.id)
            .order_by(PlanItem.position, PlanItem.id, names.c.kind, names.c.name))


def items_and_links(plan: Plan, section_ids: list[int], offset: int = 0,
                    limit: int | None = None) -> tuple[dict[int, list], dict[int, list[str]]]:
    """The items of some sections in their order (one page of them when ``limit`` is given), as rows of
    ``ROW_COLUMNS``, with the ``links_of`` those items, in one statement: the page of items joined to the
    names linked to them (an item comes once per name, in the names' order)."""
    by_section: dict[int, list[PlanItem]] = {section_id: [] for section_id in section_ids}
    links: dict[int, list[str]] = defaultdict(list)
    if not section_ids:
        return by_section, links
    last = None
    for row in db.session.execute(_items_statement(limit),
                                  {"plan_id": plan.id, "section_ids": section_ids, "offset": offset}):
        if row.id != last:
            by_section[row.section_id].append(row)
            last = row.id
        if row.name is not None:
            links[row.id].append(row.name)
    return by_section, links


def member_institutions() -> list[tuple[int, str]]:
    return [(row.id, row.short_name) for row in db.session.execute(
        select(Institution.id, Institution.short_name).join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == g.network.id).order_by(Institution.short_name))]


def links_of(plan_id: int, item_id: int) -> dict[int, list[str]]:
    """item id → the institutions, then the colleagues, linked to the item (one statement)."""
    links: dict[int, list[str]] = defaultdict(list)
    both = _links(select(PlanItem.id).where(PlanItem.plan_id == plan_id, PlanItem.id == item_id)).subquery()
    for item, _kind, name in db.session.execute(select(both).order_by(both.c.item_id, both.c.kind, both.c.name)):
        links[item].append(name)
    return links


def _links(item_ids):
    """(item_id, kind, name) of the institutions (kind 0), then the colleagues (kind 1), linked to the items whose
    ids the select ``item_ids`` gives."""
    institutions = (select(PlanItemInstitution.item_id.label("item_id"), literal(0).label("kind"),
                           Institution.short_name.label("name"))
                    .join(Institution, Institution.id == PlanItemInstitution.institution_id)
                    .where(PlanItemInstitution.item_id.in_(item_ids)))
    people = (select(PlanItemPerson.item_id.label("item_id"), literal(1).label("kind"), User.full_name.label("name"))
              .join(User, User.id == PlanItemPerson.user_id).where(PlanItemPerson.item_id.in_(item_ids)))
    return union_all(institutions, people)
