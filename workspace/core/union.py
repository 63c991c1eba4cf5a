"""ONE statement of several differently shaped selects, and its rows split back by select.

The global search (one part per kind) and the monitoring dashboards (one grouped read per area) each ask the
database many small questions for one page; ``ordered_union`` asks them together::

    union = ordered_union([(select(Plan.id, Plan.title), (Plan.id,)),
                           (select(Decision.decided_on, func.count(Decision.id)).group_by(...), ())])
    plans, decisions = union.split(db.session.execute(union.statement))   # named tuples of each select's columns

Each select keeps its own order (a row number over it, ``union_row``) and its own LIMIT; the rows come select by
select. Columns of one family (text, integer, each other type) share a slot of the statement, so it is as wide as
the widest select of each family; a select without a column of a slot gives a NULL of the slot's type there, so
that both dialects unite the selects. Integer expressions (counts, sums, extracted months) are cast to BIGINT:
PostgreSQL would unite an extracted month (numeric) with a count into numeric and hand every row a Decimal."""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    Enum,
    Integer,
    Select,
    String,
    cast,
    func,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.sql.sqltypes import NullType

PART = "union_part"
ROW = "union_row"


@dataclass(frozen=True)
class Union:
    statement: Select
    positions: list[list[int]]        # for each select, where its own columns stand in a row of the statement
    row_classes: list[type]           # for each select, the named tuple of its columns

    def split(self, rows: Iterable) -> list[list[tuple]]:
        """The rows of each select, in its order, as named tuples of its own columns."""
        found: list[list[tuple]] = [[] for _ in self.row_classes]
        for row in rows:
            number = row[0]
            found[number].append(self.row_classes[number]._make([row[index] for index in self.positions[number]]))
        return found


def _family(column) -> object:
    kind = column.type
    if isinstance(kind, String) and not isinstance(kind, Enum):
        return "text"
    if isinstance(kind, Integer):
        return "integer"
    return type(kind), getattr(kind, "enum_class", None)


def _typed(column, family):
    """A column as its slot takes it: an integer expression (not a table's column) cast to BIGINT (see the module
    docstring)."""
    return cast(column, BigInteger) if family == "integer" and not isinstance(column, Column) else column


def _typed_null(column, family):
    if family == "integer":
        return cast(null(), BigInteger)
    return null() if isinstance(column.type, NullType) else cast(null(), column.type)


def _slots(columns: list[list]) -> tuple[list[list[int]], list, list]:
    """For every select, the slot of each of its columns; the column that types each slot; each slot's family."""
    first_of_slot: list = []
    families: list = []
    placed = []
    for own in columns:
        taken: set[int] = set()
        positions = []
        for column in own:
            family = _family(column)
            slot = next((index for index, owner in enumerate(families) if owner == family and index not in taken),
                        None)
            if slot is None:
                slot = len(families)
                families.append(family)
                first_of_slot.append(column)
            taken.add(slot)
            positions.append(slot)
        placed.append(positions)
    return placed, first_of_slot, families


def ordered_union(parts: Sequence[tuple[Select, tuple]]) -> Union:
    """ONE statement of ``parts`` — (select, its order) — whose rows come part by part, each part's in its order.
    A part is grouped rather than DISTINCT: its row number would make every row distinct."""
    if any(part._distinct for part, _order in parts):
        raise ValueError("a part of an ordered union cannot be DISTINCT: group it instead")
    subqueries = [part.add_columns(func.row_number().over(order_by=order or None).label(ROW)).order_by(*order)
                  .subquery() for part, order in parts]
    columns = [[column for column in subquery.c if column.key != ROW] for subquery in subqueries]
    row_classes = [namedtuple("Row", [column.key for column in own], rename=True)  # unlabelled: named by place
                   for own in columns]
    placed, first_of_slot, families = _slots(columns)
    selects = []
    for number, subquery in enumerate(subqueries):
        slots = [_typed_null(column, family) for column, family in zip(first_of_slot, families)]
        for column, slot in zip(columns[number], placed[number]):
            slots[slot] = _typed(column, families[slot])
        selects.append(select(literal_column(str(number), Integer).label(PART), subquery.c[ROW],
                              *(slot.label(f"slot_{index}") for index, slot in enumerate(slots))))
    positions = [[slot + 2 for slot in own] for own in placed]
    if len(selects) == 1:
        return Union(selects[0].order_by(subqueries[0].c[ROW]), positions, row_classes)
    every = union_all(*selects).subquery()
    return Union(select(every).order_by(every.c[PART], every.c[ROW]), positions, row_classes)
