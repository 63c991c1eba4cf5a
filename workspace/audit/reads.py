"""Reads of another institution's personal data (pupils) leave an entry in the owner's history.

Areas that show pupils outside their home school (enrollment, the network journal) call
``record_read`` once per page with what was shown; the home school sees who looked, and when.
"""
from __future__ import annotations

from sqlalchemy import insert

from workspace.audit.models import InstitutionAuditEntry
from workspace.audit.recorder import actor
from workspace.core.models import utcnow
from workspace.extensions import db


def record_read(*, owner_institution_id: int, object_type: str, object_ids: list[int], label: str) -> None:
    """Append one "read" entry to the owning institution's history (appending needs no scope)."""
    if not object_ids:
        return
    actor_id, actor_name = actor()
    db.session.connection().execute(insert(InstitutionAuditEntry.__table__).inline().values(
        created_at=utcnow(), actor_id=actor_id, actor_name=actor_name, action="read",
        object_type=object_type, object_id=object_ids[0], object_label=label,
        changes={"ids": sorted(object_ids)}, institution_id=owner_institution_id,
    ))
