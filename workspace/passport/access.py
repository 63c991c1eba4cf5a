"""Access to the passport and its parts, one helper per kind: each loads the object through the network's
passport (404 for a foreign or missing one), checks the right (403 for a member who lacks it) and the lock of a
passport on approval or approved (403 with the reason). "May edit and not locked" is checked here and nowhere else.

Reading needs no helper beyond the scoped loads of ``queries.py``: every member of the network and every seat of
its council reads the passport."""
from __future__ import annotations

from flask import g

from tenants.permissions import is_base_manager
from workspace.core.access import require
from workspace.passport.approval import is_editable, require_editable
from workspace.passport.models import PassportStage, ProgrammePassport
from workspace.passport.queries import current_passport, get_passport_or_404, get_stage_or_404


def may_edit_passport() -> bool:
    """The rule of the network plan as a whole (plans/access.py may_create_plan): the base institution's admins
    and coordinators."""
    return is_base_manager(g.network)


def may_edit(passport: ProgrammePassport | None) -> bool:
    """The same rule as a yes/no with the lock, for pages that show or hide the editing controls."""
    return may_edit_passport() and (passport is None or is_editable(passport))


def editable_or_new_passport() -> ProgrammePassport | None:
    """The passport to fill in: the network's, while it is not locked, or None when the base starts it."""
    passport = current_passport()
    require(may_edit_passport())
    if passport is not None:
        require_editable(passport)
    return passport


def editable_passport_or_404() -> ProgrammePassport:
    passport = get_passport_or_404()
    require(may_edit_passport())
    require_editable(passport)
    return passport


def editable_stage_or_404(stage_id: int) -> tuple[ProgrammePassport, PassportStage]:
    passport = get_passport_or_404()
    stage = get_stage_or_404(passport, stage_id)
    require(may_edit_passport())
    require_editable(passport)
    return passport, stage
