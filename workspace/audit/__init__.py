"""Audit trail: every change to a shared object leaves an entry (who, when, what, before → after).

Models opt in by defining ``audit_label()`` (owned models need nothing more; Institution, Network,
Membership and User also say whose history they belong to with ``audit_owner()``); one flush
listener writes the entries, so no view can forget it. Entries are owned by an institution or a network and scoped like everything else;
the application never updates or deletes them.
"""
from flask import Blueprint

bp = Blueprint("audit", __name__)

from workspace.audit import labels, views  # noqa: E402,F401

bp.add_app_template_filter(labels.object_type, "audit_object")
bp.add_app_template_filter(labels.field, "audit_field")
bp.add_app_template_filter(labels.action, "audit_action")
