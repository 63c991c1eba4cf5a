"""Scoped loads of the pupils registry (the scope keeps every row to the home school)."""
from __future__ import annotations

from sqlalchemy import Select, select

from workspace.core.text import matches_search_text
from workspace.extensions import db
from workspace.pupils.models import Pupil


def get_pupil_or_404(pupil_id: int) -> Pupil:
    return db.first_or_404(select(Pupil).where(Pupil.id == pupil_id))


def pupils_query(query: str = "", class_label: str = "", *, active_only: bool = False) -> Select:
    statement = select(Pupil).order_by(Pupil.surname, Pupil.name, Pupil.id)
    if query:
        statement = statement.where(matches_search_text(Pupil, query))
    if class_label:
        statement = statement.where(Pupil.class_label == class_label)
    if active_only:
        statement = statement.where(Pupil.is_active.is_(True))
    return statement


def class_labels() -> list[str]:
    labels = db.session.scalars(select(Pupil.class_label).distinct()).all()
    return sorted((label for label in labels if label), key=lambda label: (len(label), label))


def pupil_choices(active_only: bool = True) -> list[tuple[int, str]]:
    """(id, «Фамилия Имя Отчество, 5А») of the school's pupils, for selects (column tuples)."""
    statement = select(Pupil.id, Pupil.surname, Pupil.name, Pupil.patronymic, Pupil.class_label) \
        .order_by(Pupil.class_label, Pupil.surname, Pupil.name)
    if active_only:
        statement = statement.where(Pupil.is_active.is_(True))
    return [(row.id, f"{row.surname} {row.name} {row.patronymic}".strip() + f", {row.class_label}")
            for row in db.session.execute(statement)]
