"""Access to a school's pupils and their consents: loaded in the school (404 for a foreign one), acted on by
its admin and coordinator (403 for the school's other roles); a depersonalised pupil has nothing left to act
on (404). Reading the registry needs no helper beyond the scoped loads of ``queries.py``."""
from __future__ import annotations

from flask import abort

from tenants.permissions import MANAGERS, require_role
from workspace.pupils.consents import get_consent_or_404
from workspace.pupils.models import Pupil, PupilConsent
from workspace.pupils.queries import get_pupil_or_404


def manageable_pupil_or_404(pupil_id: int) -> Pupil:
    """A pupil of the school whose data its admin or coordinator may act on (consents, export, erasure):
    403 for other roles of the school; a depersonalised pupil has nothing left to act on (404)."""
    pupil = get_pupil_or_404(pupil_id)
    require_role(*MANAGERS)
    if pupil.is_depersonalised:
        abort(404)
    return pupil


def manageable_consent_or_404(pupil_id: int, consent_id: int) -> tuple[Pupil, PupilConsent]:
    """The pupil and its consent (both loaded before the right is checked: a consent that is not there is 404
    for everyone), for the school's admin and coordinator."""
    consent = get_consent_or_404(get_pupil_or_404(pupil_id), consent_id)
    return manageable_pupil_or_404(pupil_id), consent
