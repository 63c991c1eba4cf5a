"""The flush listener that writes audit entries for every audited object."""
from __future__ import annotations

import enum
from datetime import date, datetime, time

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from tenants.scoping import InstitutionOwned, NetworkOwned
from workspace.audit.models import AUDIT_MODELS, InstitutionAuditEntry, NetworkAuditEntry
from workspace.core.models import utcnow

SECRET_FIELDS = {"password_hash"}
NOISY_FIELDS = {"version", "session_generation", "failed_logins", "last_login_at", "language", "created_at"}


class AuditLogIsAppendOnly(RuntimeError):
    pass


def _plain(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"{len(value)} B"  # file contents are not copied into the log
    return value


def _changes(obj, action: str) -> dict:
    state = inspect(obj)
    result = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in NOISY_FIELDS or key == "id":
            continue
        history = state.attrs[key].history
        if action == "created":
            before, after = None, getattr(obj, key)
        elif action == "deleted":
            before, after = getattr(obj, key), None
        else:
            if not history.has_changes():
                continue
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
        if key in SECRET_FIELDS:
            if action == "changed" or after is not None:
                result["password"] = [None, "***"]
            continue
        if before is None and after in (None, "") and action != "changed":
            continue
        result[key] = [_plain(before), _plain(after)]
    return result


def actor() -> tuple[int | None, str]:
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id, current_user.full_name
    return None, "система"


def owner_of(obj) -> tuple[str, int] | None:
    """Whose history an audited object's changes go to. An audited model (one with ``audit_label()``)
    that is institution- or network-owned needs nothing more; the others say it with ``audit_owner()``."""
    explicit = getattr(obj, "audit_owner", None)
    if explicit is not None:
        return explicit()
    if not hasattr(obj, "audit_label"):
        return None
    if isinstance(obj, InstitutionOwned):
        return ("institution", obj.institution_id)
    if isinstance(obj, NetworkOwned):
        return ("network", obj.network_id)
    return None


def subject_of(session: Session, obj) -> tuple[str, int, str]:
    """The shared object whose own page lists this change: a child names its parent with ``audit_subject()``
    (class name and id); the parent's label is taken from the session when the handler loaded it."""
    explicit = getattr(obj, "audit_subject", None)
    if explicit is None:
        return type(obj).__name__, obj.id, ""
    parent_class, parent_id = explicit()
    parent = session.identity_map.get(identity_key(parent_class, parent_id)) if parent_id is not None else None
    return parent_class.__name__, parent_id, parent.audit_label() if parent is not None else ""


@event.listens_for(Session, "before_flush")
def _append_only(session: Session, _context, _instances) -> None:
    for obj in session.dirty | session.deleted:
        if isinstance(obj, AUDIT_MODELS):
            raise AuditLogIsAppendOnly("audit entries cannot be changed or deleted")


@event.listens_for(Session, "after_flush")
def _record(session: Session, _context) -> None:
    rows: dict[type, list[dict]] = {InstitutionAuditEntry: [], NetworkAuditEntry: []}
    actor_id, actor_name = None, None
    for action, objects in (("created", session.new), ("changed", session.dirty), ("deleted", session.deleted)):
        for obj in objects:
            if action == "changed" and not session.is_modified(obj, include_collections=False):
                continue
            kind_and_id = owner_of(obj)
            if kind_and_id is None:
                continue
            changes = _changes(obj, action)
            if action == "changed" and not changes:
                continue
            if actor_name is None:
                actor_id, actor_name = actor()
            kind, owner_id = kind_and_id
            model = InstitutionAuditEntry if kind == "institution" else NetworkAuditEntry
            subject_type, subject_id, subject_label = subject_of(session, obj)
            owners = getattr(obj, "audit_pupil_owners", None)
            home_id, provider_id = owners(session) if owners is not None else (None, None)
            row = {
                "at": utcnow(), "actor_id": actor_id, "actor_name": actor_name, "action": action,
                "object_type": type(obj).__name__, "object_id": obj.id,
                "object_label": obj.audit_label() if hasattr(obj, "audit_label") else "",
                "changes": changes, "subject_type": subject_type, "subject_id": subject_id,
                "subject_label": subject_label[:400], "pupil_home_institution_id": home_id,
                "pupil_provider_institution_id": provider_id, ("institution_id" if kind == "institution" else "network_id"): owner_id,
            }
            rows[model].append(row)
    for model, values in rows.items():
        if values:
            # Core executemany without RETURNING: rows are appended, never read back here; inline, so that on
            # PostgreSQL the id comes from the column's default in the INSERT itself, not from a nextval asked first.
            session.connection().execute(insert(model.__table__).inline(), [_columns(model, v) for v in values])


def _columns(model, values: dict) -> dict:
    # "at" is the attribute; the column is created_at.
    values = dict(values)
    values["created_at"] = values.pop("at")
    return values
