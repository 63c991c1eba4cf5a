"""Access to an agreement and its parts, one helper per kind: each loads the object through its agreement
(404 for one the user may not see), then checks the right and the agreement's stage (403 for a member
who lacks the right, or when the stage no longer allows the change: a signed agreement is locked)."""
from __future__ import annotations

from flask import g

from tenants.permissions import MANAGERS, has_role
from workspace.agreements.models import AgreementLink, AgreementStatus, Obligation
from workspace.agreements.queries import (
    Loaded,
    Party,
    get_agreement_or_404,
    get_file_or_404,
    get_link_or_404,
    get_obligation_or_404,
    get_party_or_404,
)
from workspace.core.access import require

WRITE = "write"          # a party's admins and coordinators, at any stage (scans, publication)
DRAFT = "draft"          # the same, while the agreement is a draft (its text, parties, obligations, links)
ACCEPT = "accept"        # the head of a party that has not accepted yet
RETURN = "return"        # a writer, while it is being signed
TERMINATE = "terminate"  # a writer, once it is signed or active


def may_create() -> bool:
    return has_role(*MANAGERS) and g.get("membership") is not None


def _allowed(loaded: Loaded, right: str) -> bool:
    if right == WRITE:
        return loaded.may_write
    if right == DRAFT:
        return loaded.may_write and loaded.is_draft
    if right == ACCEPT:
        return loaded.may_accept
    if right == RETURN:
        return loaded.may_write and loaded.agreement.status is AgreementStatus.SIGNING
    if right == TERMINATE:
        return loaded.may_write and loaded.agreement.effective_status() in (AgreementStatus.ACTIVE,
                                                                              AgreementStatus.SIGNING)
    raise ValueError(right)


def agreement_or_404(agreement_id: int, right: str) -> Loaded:
    loaded = get_agreement_or_404(agreement_id)
    require(_allowed(loaded, right))
    return loaded


def editable_agreement_or_404(agreement_id: int) -> Loaded:
    """A draft, to its writers."""
    return agreement_or_404(agreement_id, DRAFT)


def editable_party_or_404(agreement_id: int, party_id: int) -> tuple[Loaded, Party]:
    loaded = get_agreement_or_404(agreement_id)
    party = get_party_or_404(loaded, party_id)
    require(_allowed(loaded, DRAFT))
    return loaded, party


def editable_obligation_or_404(agreement_id: int, obligation_id: int) -> tuple[Loaded, Obligation]:
    loaded = get_agreement_or_404(agreement_id)
    obligation = get_obligation_or_404(loaded, obligation_id)
    require(_allowed(loaded, DRAFT))
    return loaded, obligation


def editable_link_or_404(agreement_id: int, link_id: int) -> tuple[Loaded, AgreementLink]:
    loaded = get_agreement_or_404(agreement_id)
    link = get_link_or_404(loaded, link_id)
    require(_allowed(loaded, DRAFT))
    return loaded, link


def removable_scan_or_404(agreement_id: int, scan_id: int):
    """A signed scan is removed by the writers at any stage."""
    loaded = get_agreement_or_404(agreement_id)
    stored = get_file_or_404(loaded, scan_id)
    require(_allowed(loaded, WRITE))
    return loaded, stored
