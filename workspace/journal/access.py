"""Access to a group's journal: its lessons, its marks and the certificates it issues, one helper per kind.
A group is the provider's: those who may not act on it inside the provider get 403 only where the object
is no secret to them (a colleague's mark cell); everywhere else, as for the grid, they get 404."""
from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from tenants.permissions import MANAGERS, has_role
from workspace.core.access import require
from workspace.extensions import db
from workspace.journal.grid import cell_subject, load_head_and_lessons
from workspace.journal.models import Certificate


def lesson_group_or_404(group_id: int):
    """The group (404 if not of this network) and its lessons; only its teacher and the provider's
    coordinators and admin manage lessons, others of the network get 404 as for the grid."""
    head, lessons = load_head_and_lessons(group_id)
    if current_user.institution_id != head.provider_institution_id:
        abort(404)
    if head.teacher_id != current_user.id and not has_role(*MANAGERS):
        abort(404)
    return head, lessons


def markable_cell_or_404(group_id: int, lesson_id: int, enrollment_id: int) -> dict:
    """One cell of the grid, written by the group's teacher: 403 to the provider's other staff, 404 to
    anyone else."""
    subject = cell_subject(group_id, lesson_id, enrollment_id)
    head = subject["head"]
    if head.teacher_id != current_user.id and current_user.institution_id != head.provider_institution_id:
        abort(404)
    require(head.teacher_id == current_user.id)
    return subject


def is_provider_manager(provider_institution_id: int) -> bool:
    return current_user.institution_id == provider_institution_id and has_role(*MANAGERS)


def certificate_group_or_404(group_id: int):
    """The group whose certificates the provider's coordinators and admin issue (404 to anyone else)."""
    head, lessons = load_head_and_lessons(group_id)
    if not is_provider_manager(head.provider_institution_id):
        abort(404)
    return head, lessons


def get_certificate_or_404(certificate_id: int) -> Certificate:
    """A certificate of this network, seen by its provider's and its pupil's school's managers."""
    certificate = db.session.scalar(select(Certificate).where(Certificate.id == certificate_id))
    if certificate is None or not has_role(*MANAGERS) or current_user.institution_id not in (
            certificate.provider_institution_id, certificate.home_institution_id):
        abort(404)
    return certificate
