"""Quorum and majority, applied exactly: integer arithmetic, no rounding, ties never pass."""
from __future__ import annotations

from dataclasses import dataclass

from workspace.council.models import MajorityRule, QuorumRule


@dataclass(frozen=True)
class Tally:
    votes_for: int = 0
    votes_against: int = 0
    votes_abstain: int = 0

    @property
    def cast(self) -> int:
        """Every vote given, abstentions included (a seat that abstained took part in the vote)."""
        return self.votes_for + self.votes_against + self.votes_abstain


def has_quorum(rule: QuorumRule, tally: Tally, seats: int) -> bool:
    if seats <= 0:
        return False
    if rule == QuorumRule.MORE_THAN_HALF:
        return 2 * tally.cast > seats
    if rule == QuorumRule.TWO_THIRDS:
        return 3 * tally.cast >= 2 * seats
    if rule == QuorumRule.ALL:
        return tally.cast >= seats
    raise ValueError(rule)


def is_carried(rule: MajorityRule, tally: Tally) -> bool:
    """Whether the motion («утвердить») passes among the votes cast; a tie never passes."""
    if tally.cast == 0:
        return False
    if rule == MajorityRule.SIMPLE_OF_CAST:
        return 2 * tally.votes_for > tally.cast
    if rule == MajorityRule.FOR_OVER_AGAINST:
        return tally.votes_for > tally.votes_against
    if rule == MajorityRule.TWO_THIRDS_OF_CAST:
        return 3 * tally.votes_for >= 2 * tally.cast
    raise ValueError(rule)


@dataclass(frozen=True)
class Result:
    quorum: bool
    carried: bool


def count(quorum: QuorumRule, majority: MajorityRule, tally: Tally, seats: int) -> Result:
    quorate = has_quorum(quorum, tally, seats)
    return Result(quorum=quorate, carried=quorate and is_carried(majority, tally))
