"""History entries as a person reads them: Russian names of objects and fields, names instead of ids,
Russian dates, statuses and yes/no instead of stored values; pupils only for those who may read them.

``readable(entries)`` turns one page of entries into ``Line`` rows; the names behind the ids of a page
are read in one statement (``_names``), whatever the number of entries.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy import Boolean, Date, DateTime, Enum, String, cast, literal, select, union_all

from workspace.audit import labels
from workspace.audit.privacy import IMPERSONAL_FIELDS, may_read_in_full
from workspace.core.dates import ru_date, ru_datetime
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.extensions import db

# Keys that are not facts for a reader: kept in the log, never shown.
HIDDEN_FIELDS = frozenset({"search_text", "pupil_id", "party_id", "request_id", "enrollment_id", "response_id",
                           "question_id", "comment_id", "source_id", "conversation_id", "report_id", "token",
                           "client_hash", "content_type", "size", "content", "weekday",
                           "subject_id", "network_id", "application_id",
                           "periods"})  # the periods are read from the timing, which the history shows

# Ids shown by the name of what they point to: the key's table and the column that names a row.
_PEOPLE = ("users", "full_name")
_INSTITUTIONS = ("institutions", "short_name")
NAMED_IDS = {
    "author_id": _PEOPLE, "accepted_by_id": _PEOPLE, "decided_by_id": _PEOPLE, "teacher_id": _PEOPLE,
    "sent_by_id": _PEOPLE, "issued_by_id": _PEOPLE, "submitted_by_id": _PEOPLE, "load_agreed_by_id": _PEOPLE,
    "updated_by_id": _PEOPLE, "user_id": _PEOPLE, "actor_id": _PEOPLE, "decided_by": _PEOPLE,
    "created_by_id": _PEOPLE, "invited_by_id": _PEOPLE, "answered_by_id": _PEOPLE,
    "institution_id": _INSTITUTIONS, "base_institution_id": _INSTITUTIONS, "partner_institution_id": _INSTITUTIONS,
    "lead_institution_id": _INSTITUTIONS, "provider_institution_id": _INSTITUTIONS,
    "home_institution_id": _INSTITUTIONS, "need_institution_id": _INSTITUTIONS, "offer_institution_id": _INSTITUTIONS,
    "network_id": ("networks", "name"), "plan_id": ("plans", "title"), "section_id": ("plan_sections", "title"),
    "item_id": ("plan_items", "title"), "stage_id": ("project_stages", "title"), "project_id": ("projects", "title"),
    "programme_id": ("programmes", "title"), "group_id": ("network_groups", "name"),
    "agreement_id": ("agreements", "title"), "meeting_id": ("meetings", "number"),
    "agenda_item_id": ("agenda_items", "title"), "approval_id": ("approvals", "title"),
    "material_id": ("materials", "title"), "document_id": ("normative_documents", "title"),
    "indicator_id": ("monitoring_indicators", "title"), "survey_id": ("surveys", "title"),
    "need_id": ("resource_requests", "title"), "offer_id": ("resource_requests", "title"),
    "plan_item_id": ("plan_items", "title"), "project_task_id": ("project_tasks", "title"),
}


@dataclass
class Change:
    name: str
    before: str | None
    after: str


@dataclass
class Line:
    entry: object
    title: str
    subject: str
    action: str
    changes: list[Change] = field(default_factory=list)


@cache
def _models() -> dict[str, type]:
    return {mapper.class_.__name__: mapper.class_ for mapper in db.Model.registry.mappers}


@cache
def _column_type(object_type: str, key: str):
    model = _models().get(object_type)
    if model is None:
        return None
    attribute = model.__mapper__.column_attrs.get(key)
    return attribute.columns[0].type if attribute is not None else None


def _shown_keys(entry, full: bool) -> list[str]:
    keys = [key for key in (entry.changes or {}) if key not in HIDDEN_FIELDS]
    if not full:
        keys = [key for key in keys if key in IMPERSONAL_FIELDS]
    return [key for key in keys if not key.endswith("_id") or key in NAMED_IDS]


def _names(entries_and_keys) -> dict[tuple[str, int], str]:
    """Every id the page shows, named in one statement (a UNION of one SELECT per table)."""
    wanted: dict[tuple[str, str], set[int]] = {}
    for entry, keys in entries_and_keys:
        for key in keys:
            if key in NAMED_IDS and isinstance(entry.changes[key], list):
                for value in entry.changes[key]:
                    if isinstance(value, int):
                        wanted.setdefault(NAMED_IDS[key], set()).add(value)
    if not wanted:
        return {}
    tables = db.Model.metadata.tables
    parts = [select(literal(table).label("t"), tables[table].c.id, cast(tables[table].c[column], String).label("name"))
             .where(tables[table].c.id.in_(sorted(ids)))
             for (table, column), ids in wanted.items()]
    statement = parts[0] if len(parts) == 1 else union_all(*parts)
    return {(table, row_id): str(name) for table, row_id, name in db.session.execute(statement)}


def _value(object_type: str, key: str, value, names: dict) -> str:
    if value is None or value == "":
        return "—"
    if key in NAMED_IDS and isinstance(value, int):
        table, _column = NAMED_IDS[key]
        return names.get((table, value), _("удалено"))
    if key in labels.VALUES and value in labels.VALUES[key]:
        return str(labels.VALUES[key][value])
    column_type = _column_type(object_type, key)
    if isinstance(column_type, Enum) and column_type.enum_class is not None:
        try:
            return label(column_type.enum_class(value))
        except ValueError:
            return str(value)
    if isinstance(column_type, Boolean) or isinstance(value, bool):
        return _("да") if value else _("нет")
    if isinstance(column_type, (Date, DateTime)) and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:  # a date column once given a text (an old entry): shown as it was written
            return value
        return ru_datetime(moment) if isinstance(column_type, DateTime) else ru_date(moment.date())
    if isinstance(value, enum.Enum):
        return label(value)
    return str(value)


def _title(entry, full: bool, institution_names: dict) -> str:
    kind = labels.object_type(entry.object_type)
    model = _models().get(entry.object_type)
    if full:
        if not entry.object_label:
            return kind
        shown = getattr(model, "audit_label_shown", None)  # a label kept as a code («special_needs») named
        return f"{kind}: {shown(entry.object_label) if shown else entry.object_label}"
    school = institution_names.get(("institutions", entry.pupil_home_institution_id), _("другого учреждения"))
    words = getattr(model, "audit_impersonal_label", None)
    return f"{kind}: {words % {'school': school}}" if words else _("%(kind)s: обучающийся %(school)s", kind=kind,
                                                                                     school=school)


def readable(entries) -> list[Line]:
    """One page of entries as lines to show (same order)."""
    full = [may_read_in_full(entry) for entry in entries]
    keys = [_shown_keys(entry, is_full) for entry, is_full in zip(entries, full)]
    homes = [(_HomeOnly(entry), ["home_institution_id"]) for entry, is_full in zip(entries, full)
             if not is_full and entry.pupil_home_institution_id]
    names = _names([*zip(entries, keys), *homes])
    lines = []
    for entry, is_full, shown in zip(entries, full, keys):
        subject = ""
        if entry.subject_label and (entry.subject_type, entry.subject_id) != (entry.object_type, entry.object_id):
            subject = f"{labels.object_type(entry.subject_type)}: {entry.subject_label}"
        lines.append(Line(
            entry=entry, title=_title(entry, is_full, names), subject=subject, action=labels.action(entry.action),
            changes=[_change(entry, key, names) for key in shown]))
    return lines


def _change(entry, key: str, names: dict) -> Change:
    name = labels.field(key, entry.object_type)
    if key == "ids":  # a read: the ids of the records shown, counted
        return Change(name, None, str(len(entry.changes[key])))
    before, after = entry.changes[key]
    return Change(name, None if before is None else _value(entry.object_type, key, before, names),
                  _value(entry.object_type, key, after, names))


class _HomeOnly:
    """A depersonalised entry still names the pupil's school: its id asked like a change's."""

    def __init__(self, entry):
        self.changes = {"home_institution_id": [None, entry.pupil_home_institution_id]}

