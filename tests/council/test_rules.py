"""Quorum and majority arithmetic, exactly: ties, no quorum, abstentions."""
from __future__ import annotations

import pytest

from workspace.council.models import MajorityRule, QuorumRule
from workspace.council.rules import Tally, count, has_quorum, is_carried


@pytest.mark.parametrize(("cast", "seats", "expected"), [
    (0, 5, False), (2, 5, False), (3, 5, True), (2, 4, False), (3, 4, True), (1, 1, True), (1, 2, False),
    (0, 0, False),
])
def test_quorum_is_more_than_half_of_the_seats(cast, seats, expected):
    assert has_quorum(QuorumRule.MORE_THAN_HALF, Tally(votes_abstain=cast), seats) is expected


@pytest.mark.parametrize(("cast", "seats", "expected"), [(3, 5, False), (4, 6, True), (4, 5, True), (5, 9, False),
                                                         (6, 9, True)])
def test_two_thirds_quorum(cast, seats, expected):
    assert has_quorum(QuorumRule.TWO_THIRDS, Tally(votes_for=cast), seats) is expected


def test_quorum_of_all_seats():
    assert has_quorum(QuorumRule.ALL, Tally(1, 1, 1), 3)
    assert not has_quorum(QuorumRule.ALL, Tally(1, 1, 0), 3)


def test_abstentions_count_towards_the_quorum():
    assert has_quorum(QuorumRule.MORE_THAN_HALF, Tally(votes_for=1, votes_abstain=2), 5)


@pytest.mark.parametrize(("tally", "expected"), [
    (Tally(3, 2, 0), True),    # 3 of 5
    (Tally(2, 2, 0), False),   # a tie never passes
    (Tally(2, 1, 1), False),   # 2 of 4 cast is not more than half: an abstention weighs against
    (Tally(3, 1, 1), True),
    (Tally(0, 0, 3), False),
    (Tally(1, 0, 0), True),
    (Tally(0, 0, 0), False),
])
def test_simple_majority_of_votes_cast(tally, expected):
    assert is_carried(MajorityRule.SIMPLE_OF_CAST, tally) is expected


@pytest.mark.parametrize(("tally", "expected"), [
    (Tally(2, 1, 5), True),    # abstentions do not decide
    (Tally(2, 2, 1), False),   # tie
    (Tally(0, 0, 4), False),
])
def test_for_over_against(tally, expected):
    assert is_carried(MajorityRule.FOR_OVER_AGAINST, tally) is expected


@pytest.mark.parametrize(("tally", "expected"), [(Tally(2, 1, 0), True), (Tally(4, 2, 1), False), (Tally(6, 3, 0), True),
                                                 (Tally(5, 3, 0), False)])
def test_two_thirds_of_cast(tally, expected):
    assert is_carried(MajorityRule.TWO_THIRDS_OF_CAST, tally) is expected


def test_no_quorum_means_not_carried_whatever_the_votes():
    result = count(QuorumRule.MORE_THAN_HALF, MajorityRule.SIMPLE_OF_CAST, Tally(2, 0, 0), seats=5)
    assert result.quorum is False and result.carried is False
    result = count(QuorumRule.MORE_THAN_HALF, MajorityRule.SIMPLE_OF_CAST, Tally(2, 1, 0), seats=5)
    assert result.quorum is True and result.carried is True
