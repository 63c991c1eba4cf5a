"""The one sanctioned change to the audit log: erasing a pupil's personal data (152-ФЗ, a parent's request
or the end of the retention period).

The log is append-only everywhere else: a flush that changes an entry raises (``recorder._append_only``)
and on PostgreSQL the application's role has no UPDATE grant on the audit tables. Here the entries about a
pupil's objects (the pupil, its applications and consents in the school's history; its enrollments and
certificates in the networks' histories) keep who did what and when, but their label becomes the pupil's
placeholder and their changes ``{"depersonalised": [null, true]}``. On PostgreSQL that is done by the
SECURITY DEFINER function ``workspace_depersonalise_audit`` of migration 0022 (it can do nothing else, and
only within the caller's own scope); on SQLite by the same Core UPDATE.
"""
from __future__ import annotations

from sqlalchemy import ARRAY, Integer, bindparam, text, update

from workspace.audit.models import InstitutionAuditEntry, NetworkAuditEntry
from workspace.extensions import db

INSTITUTION_KINDS = ("Pupil", "Application", "PupilConsent")
NETWORK_KINDS = ("Enrollment", "Certificate")
DEPERSONALISED = {"depersonalised": [None, True]}


def depersonalise_audit_entries(pupil_id: int, label: str, objects: dict[str, list[int]]) -> int:
    """Depersonalise the entries about ``objects`` ({object_type: [ids]}) of one pupil; the number changed.
    ``label`` must be ``workspace.pupils.erasure.placeholder(pupil_id)`` (PostgreSQL writes it itself)."""
    connection = db.session.connection()
    changed = 0
    for object_type, ids in objects.items():
        if not ids:
            continue
        if object_type not in INSTITUTION_KINDS + NETWORK_KINDS:
            raise ValueError(f"{object_type} is not a kind of pupil data")
        if connection.dialect.name == "postgresql":
            statement = text("SELECT workspace_depersonalise_audit(:pupil_id, :object_type, :ids)").bindparams(
                bindparam("ids", type_=ARRAY(Integer)))
            changed += connection.execute(statement, {"pupil_id": pupil_id, "object_type": object_type,
                                                      "ids": sorted(ids)}).scalar() or 0
            continue
        model = InstitutionAuditEntry if object_type in INSTITUTION_KINDS else NetworkAuditEntry
        table = model.__table__
        changed += connection.execute(
            update(table).where(table.c.object_type == object_type, table.c.object_id.in_(sorted(ids)))
            .values(object_label=label, changes=DEPERSONALISED)).rowcount
    return changed
