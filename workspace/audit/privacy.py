"""Who may read a history entry in full.

An entry about a pupil-bearing object (a request list, an enrollment, a certificate: models that define
``audit_pupil_owners``) names a pupil. DESIGN.md: a pupil is read by the home school, and by the provider for
its own programmes; the council and every other member only see aggregates. Everybody else reads such an
entry without the person: «Зачисление: обучающийся МБОУ «СОШ №31»» and its status, nothing more.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache

from flask_login import current_user
from sqlalchemy import Select, and_, or_

from tenants.permissions import MANAGERS, has_role
from workspace.extensions import db

# Shared objects that not every member reads (an agreement: its parties and the council): the area registers
# a function answering the ids the current user reads (a SELECT), or None when the user reads them all.
_SUBJECT_READERS: dict[str, Callable[[], Select | None]] = {}


def register_subject_readers(subject_type: str, readable_ids: Callable[[], Select | None]) -> None:
    _SUBJECT_READERS[subject_type] = readable_ids


def readable_condition(model):
    """SQL: the entries whose subject the current user may read (a whole history page stays one query)."""
    conditions = []
    for subject_type, readable_ids in _SUBJECT_READERS.items():
        ids = readable_ids()
        if ids is not None:
            conditions.append(or_(model.subject_type.is_(None), model.subject_type != subject_type,
                                  model.subject_id.in_(ids)))
    return and_(True, *conditions)


# What a depersonalised entry still shows: the state of the object, never a name, a class or a reason.
IMPERSONAL_FIELDS = frozenset({"status"})


@cache
def pupil_types() -> frozenset[str]:
    return frozenset(mapper.class_.__name__ for mapper in db.Model.registry.mappers
                     if hasattr(mapper.class_, "audit_pupil_owners"))


def names_pupil(entry) -> bool:
    return entry.object_type in pupil_types()


def may_read_in_full(entry) -> bool:
    """The home school's users (they keep the registry) and the provider's managers (who decide on requests; a
    teacher reads the pupils of their own group in its journal, not the requests and refusals of every school)."""
    if not names_pupil(entry):
        return True
    institution_id = current_user.institution_id if current_user.is_authenticated else None
    if institution_id is None:
        return False
    if institution_id == entry.pupil_home_institution_id:
        return True
    return institution_id == entry.pupil_provider_institution_id and has_role(*MANAGERS)
