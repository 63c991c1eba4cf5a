"""Consents of parents (legal representatives) and what they allow.

Without an active consent to the processing of personal data for learning in a network programme
(``ConsentPurpose.PROCESSING``) a pupil is not processed further: not put into a new request to a
provider, and an application for them is not accepted (``programmes.school_views``). A parent's
application that carries the consent records it when it is matched to a pupil.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import exists, select

from workspace.extensions import db
from workspace.pupils.models import ConsentPurpose, Pupil, PupilConsent


def processing_consent_exists():
    """A correlated EXISTS for selects of pupils: has the pupil an active consent to processing?"""
    return (exists().where(PupilConsent.pupil_id == Pupil.id, PupilConsent.purpose == ConsentPurpose.PROCESSING,
                           PupilConsent.withdrawn_on.is_(None))
            .correlate(Pupil))


def consenting(pupil_ids: Iterable[int]) -> set[int]:
    """Of ``pupil_ids``, those with an active consent to processing (one statement)."""
    ids = sorted(set(pupil_ids))
    if not ids:
        return set()
    return set(db.session.scalars(select(PupilConsent.pupil_id).where(
        PupilConsent.pupil_id.in_(ids), PupilConsent.purpose == ConsentPurpose.PROCESSING,
        PupilConsent.withdrawn_on.is_(None))))


def has_processing_consent(pupil_id: int) -> bool:
    return pupil_id in consenting([pupil_id])


def consents_of(pupil_id: int) -> list[PupilConsent]:
    return list(db.session.scalars(select(PupilConsent).where(PupilConsent.pupil_id == pupil_id)
                                   .order_by(PupilConsent.given_on.desc(), PupilConsent.id.desc())))


def get_consent_or_404(pupil: Pupil, consent_id: int) -> PupilConsent:
    """A consent of this pupil (loaded through the pupil, scoped to the school)."""
    return db.first_or_404(select(PupilConsent).where(PupilConsent.id == consent_id,
                                                      PupilConsent.pupil_id == pupil.id))


def consent_from_application(application, pupil: Pupil) -> PupilConsent | None:
    """The consent a parent's application carries, recorded for the pupil it was matched to (unless the
    pupil already has an active consent to processing)."""
    if not application.has_consent or has_processing_consent(pupil.id):
        return None
    consent = PupilConsent(institution_id=pupil.institution_id, pupil_id=pupil.id,
                           purpose=ConsentPurpose.PROCESSING, given_by=application.parent_name or "",
                           given_on=application.submitted_on, application_id=application.id,
                           document=f"Заявление родителя № {application.id}")
    db.session.add(consent)
    return consent
