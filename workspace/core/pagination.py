"""Pagination of list pages: a page of rows plus the total, two statements whatever the size."""
from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from flask import current_app, request
from sqlalchemy import Select, func, select

from workspace.extensions import db


@dataclass
class Page:
    items: list
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def paginate(statement: Select, *, scalars: bool = True) -> Page:
    size = current_app.config["PAGE_SIZE"]
    number = request.args.get("page", 1, type=int) or 1
    number = max(1, number)
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    runner = db.session.scalars if scalars else db.session.execute
    items = list(runner(statement.limit(size).offset((number - 1) * size)))
    return Page(items=items, number=number, size=size, total=total)
