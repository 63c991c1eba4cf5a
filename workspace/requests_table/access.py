"""Access to the request table's rows and conversations, one helper per kind: each loads the object (404 for
a foreign one, and a conversation is foreign to everyone but its two sides) and checks the right (403 for a
member who lacks it). Reading a row needs no helper beyond the scoped loads of ``queries.py``."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from workspace.core.access import require
from workspace.requests_table.models import Conversation, RequestKind, ResourceRequest
from workspace.requests_table.queries import (
    can_edit_request,
    get_conversation_or_404,
    get_request_or_404,
    is_side_manager,
)


def editable_request_or_404(request_id: int) -> ResourceRequest:
    row = get_request_or_404(request_id)
    require(can_edit_request(row))
    return row


def matched_pair_or_404(need_id: int, offer_id: int) -> tuple[ResourceRequest, ResourceRequest]:
    """A need and an offer, read by a user of one of the two sides (any role: an existing conversation is
    theirs to open; starting one takes a side's manager, checked where it is started)."""
    need, offer = get_request_or_404(need_id), get_request_or_404(offer_id)
    if need.kind is not RequestKind.NEED or offer.kind is not RequestKind.OFFER:
        abort(404)
    require(current_user.institution_id in (need.institution_id, offer.institution_id))
    return need, offer


def writable_conversation_or_404(conversation_id: int) -> Conversation:
    """A conversation its two sides' users read; their coordinators and admins write, agree and act on it."""
    conversation = get_conversation_or_404(conversation_id)
    require(is_side_manager(conversation))
    return conversation
