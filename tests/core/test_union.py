"""``ordered_union``: several differently shaped selects asked in one statement come back split, each in its own
order, with counts and extracted months as Python ints on both databases."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from workspace.core.union import ordered_union
from workspace.extensions import db


def test_parts_come_back_split_in_their_own_order_with_integer_types(app, make, read):
    from tenants.models import Institution
    from workspace.plans.models import PlanItem
    school = make.institution("Школа", slug="school")
    make.institution("Библиотека", slug="library", kind="library")
    network = make.network(school, name="Сеть", slug="net")
    section = make.section(make.plan(network, 2026, title="План"), "Раздел", school)
    for month in (10, 10, 3):
        make.item(section, f"Мероприятие {month}", "", starts_on=date(2026 if month > 8 else 2027, month, 5))
    month = func.extract("month", PlanItem.starts_on)
    union = ordered_union([
        (select(Institution.short_name, Institution.id), (Institution.short_name.desc(),)),
        (select(month, func.count(PlanItem.id)).where(PlanItem.network_id == network.id).group_by(month), (month,)),
    ])
    with read():
        names, months = union.split(db.session.execute(union.statement))
    assert [row.short_name for row in names] == ["Школа", "Библиотека"]
    assert [tuple(row) for row in months] == [(3, 1), (10, 2)]
    assert all(type(value) is int for row in months for value in row)


def test_a_distinct_part_is_refused():
    from tenants.models import Institution
    with pytest.raises(ValueError):
        ordered_union([(select(Institution.kind).distinct(), ())])
