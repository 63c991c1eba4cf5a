"""The desk's network cards built from its rows, and the note a handler acts on (what the desk lists, in one
statement: workspace/desk/lists.py)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from workspace.desk.models import Note
from workspace.extensions import db


@dataclass
class NetworkCard:
    network: object  # a row: id, slug, name, starts_on, ends_on
    own: object | None  # a row: network_id, institution_id, role, short_name
    partners: list = field(default_factory=list)


def network_cards(networks: list, memberships: list, institution_id: int) -> list[NetworkCard]:
    """The cards of the institution's networks (in their order) with their members (in theirs), from the desk's
    rows (workspace/desk/lists.py)."""
    by_network: dict[int, list] = defaultdict(list)
    for membership in memberships:
        by_network[membership.network_id].append(membership)
    cards = []
    for network in networks:
        members = by_network[network.id]
        own = next((m for m in members if m.institution_id == institution_id), None)
        cards.append(NetworkCard(network, own, [m for m in members if m.institution_id != institution_id]))
    return cards


def get_note_or_404(note_id: int) -> Note:
    return db.first_or_404(select(Note).where(Note.id == note_id))
