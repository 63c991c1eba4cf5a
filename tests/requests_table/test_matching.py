"""The scoring of suggested matches: simple, explainable, checked by hand."""
from __future__ import annotations

from datetime import date

from workspace.requests_table.matching import Row, periods_overlap, score, stems, suggestions
from workspace.requests_table.models import RequestCategory as C
from workspace.requests_table.models import RequestKind as K
from workspace.requests_table.models import RequestStatus as S


def row(id, institution, kind, category, title, description="", starts=None, ends=None, status=S.OPEN):
    return Row(id, institution, kind, category, title, description, starts, ends, status)


def test_words_are_folded_stemmed_and_stop_words_dropped():
    assert stems("Нужна БИБЛИОТЕКА для квеста") == {"библи": "библиотека", "квест": "квеста"}
    assert set(stems("Ёлка и елка")) == {"елка"}


def test_a_room_answers_a_venue_with_shared_words_and_overlapping_dates():
    need = row(1, 10, K.NEED, C.VENUE, "Нужен зал для квеста", starts=date(2026, 10, 1), ends=date(2026, 10, 31))
    offer = row(2, 20, K.OFFER, C.ROOM, "Читальный зал для квестов и чтений", starts=date(2026, 10, 15))
    found = score(need, offer)
    assert found.shared_words == ("зал", "квеста")
    assert found.periods_overlap is True
    assert found.score == 2 * 2 + 3


def test_no_suggestion_across_families_within_one_institution_or_when_closed():
    need = row(1, 10, K.NEED, C.VENUE, "Нужен зал для квеста")
    assert score(need, row(2, 20, K.OFFER, C.EQUIPMENT, "Зал и проектор для квеста")) is None
    assert score(need, row(2, 10, K.OFFER, C.ROOM, "Зал для квеста")) is None
    assert score(need, row(2, 20, K.OFFER, C.ROOM, "Зал для квеста", status=S.CLOSED)) is None
    assert score(need, row(2, 20, K.OFFER, C.ROOM, "Зал для квеста", status=S.AGREED)) is None


def test_periods_rule_a_pair_in_or_out():
    need = row(1, 10, K.NEED, C.SPECIALIST, "Мастер-класс", starts=date(2026, 3, 1), ends=date(2026, 3, 31))
    later = row(2, 20, K.OFFER, C.PROGRAMME, "Мастер-класс по лепке", starts=date(2026, 5, 1))
    undated_no_words = row(3, 20, K.OFFER, C.SPECIALIST, "Психолог")
    same_month = row(4, 20, K.OFFER, C.SPECIALIST, "Психолог", starts=date(2026, 3, 10))
    assert periods_overlap(need, later) is False and score(need, later) is None
    assert score(need, undated_no_words) is None
    found = score(need, same_month)
    assert found.shared_words == () and found.periods_overlap and found.score == 3


def test_suggestions_are_sorted_best_first():
    rows = [row(1, 10, K.NEED, C.VENUE, "Зал для квеста и концерта"),
            row(2, 20, K.OFFER, C.ROOM, "Зал"),
            row(3, 30, K.OFFER, C.ROOM, "Зал для концерта и квеста"),
            row(4, 30, K.OFFER, C.EXHIBIT, "Выставка")]
    assert [(s.need.id, s.offer.id, s.score) for s in suggestions(rows)] == [(1, 3, 6), (1, 2, 2)]
