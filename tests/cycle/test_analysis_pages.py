"""The analyses' pages: who prepares and who reads, the empty states, an edit made on an old version, a member who
joined since, the amendment of an approved analysis; the levels participants are counted by."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import post_form
from tests.council.helpers import build_council
from tests.council.test_approval_flow import _as
from tests.cycle.helpers import analysis_url
from workspace.council.models import Approval, ApprovalStatus
from workspace.cycle.figures import level_of
from workspace.cycle.models import AnalysisPartner, AnalysisStatus, YearlyAnalysis
from workspace.extensions import db


@pytest.mark.parametrize("grades, level", [((1, 4), "primary"), ((3, 3), "primary"), ((5, None), "basic"),
                                           ((7, 9), "basic"), ((10, 11), "secondary"), ((4, 5), "mixed"),
                                           ((None, None), "no_class")])
def test_participants_are_counted_by_level_of_education(grades, level):
    assert level_of(*grades) == level


@pytest.mark.parametrize("category, level", [("parents", "parents"), ("teachers", "teachers"), ("others", "other")])
def test_adults_are_counted_by_their_category(category, level):
    assert level_of(None, None, category) == level


def test_the_base_prepares_the_others_read(client, make, read):
    c = build_council(make)
    for user in (c.librarian, c.teacher, c.parent):
        _as(client, user)
        page = client.get(analysis_url(c)).get_data(as_text=True)
        assert "Аналитических справок пока нет." in page and "Подготовить справку" not in page
        assert post_form(client, analysis_url(c), {"start_year": "2026"}, page_url=analysis_url(c)).status_code == 403
    _as(client, c.director)  # the base's admin prepares too
    assert post_form(client, analysis_url(c), {"start_year": "2026"}, page_url=analysis_url(c)).status_code == 302
    with read():
        analysis = db.session.scalar(select(YearlyAnalysis))
    for user in (c.librarian, c.teacher, c.parent):
        _as(client, user)
        page = client.get(analysis_url(c, str(analysis.id))).get_data(as_text=True)
        assert "Итоги по партнёрам" in page and "Отправить на утверждение" not in page
        assert "Вывод и решение" not in page and "Изменить общий вывод" not in page
        assert client.get(analysis_url(c, f"{analysis.id}/edit")).status_code == 403


def _only_analysis_id(read) -> int:
    with read():
        return db.session.scalar(select(YearlyAnalysis.id))


def test_a_network_without_plans_and_a_network_without_partners(client, make, read):
    school = make.institution("Школа", slug="alone-school")
    network = make.network(school, name="Одна школа", slug="alone")
    coordinator = make.user(school, "coordinator", full_name="Иванова О. Н.")
    _as(client, coordinator)
    page = client.get(f"/n/{network.slug}/analysis/").get_data(as_text=True)
    assert "Справку готовят за учебный год, на который в сети есть план мероприятий" in page
    make.plan(network, 2026)
    assert post_form(client, f"/n/{network.slug}/analysis/", {"start_year": "2026"},
                     page_url=f"/n/{network.slug}/analysis/").status_code == 302
    page = client.get(f"/n/{network.slug}/analysis/").get_data(as_text=True)
    assert "За 2026/2027 учебный год" in page
    analysis_page = client.get(f"/n/{network.slug}/analysis/{_only_analysis_id(read)}").get_data(as_text=True)
    assert "В сети нет партнёров, кроме базовой организации." in analysis_page
    assert "Всего в сетевом плане на год 0 мероприятий, проведено 0 мероприятий." in analysis_page


def test_an_old_version_is_refused_and_a_member_who_joined_gets_a_line(client, make, read):
    c = build_council(make)
    analysis = make.analysis(c.network, 2026, lines=((c.library, None, ""),))
    _as(client, c.coordinator)
    line_url = analysis_url(c, f"{analysis.id}/partners/{analysis.line_ids[0]}")
    assert post_form(client, line_url, {"decision": "continue", "conclusion": "Хорошо", "version": "1"},
                     page_url=line_url).status_code == 302
    stale = post_form(client, line_url, {"decision": "end", "conclusion": "Плохо", "version": "1"}, page_url=line_url)
    assert stale.status_code == 409 and "только что изменил другой пользователь" in stale.get_data(as_text=True)
    museum = make.institution("Музей", kind="museum", slug="kultura-muzey")
    make.member(c.network, museum, "social_partner")
    edit = analysis_url(c, f"{analysis.id}/edit")
    assert post_form(client, edit, {"conclusion": "Итоги", "version": "1"}, page_url=edit).status_code == 302
    with read():
        lines = db.session.execute(select(AnalysisPartner.name, AnalysisPartner.conclusion)
                                   .order_by(AnalysisPartner.position)).all()
    assert lines == [("МБУ «МИБС»", "Хорошо"), ("Музей", "")]


def test_an_approved_analysis_is_amended_through_a_new_round(client, make, read):
    c = build_council(make)
    analysis = make.analysis(c.network, 2026, status="approved", lines=((c.library, "continue", "Хорошо"),))
    with read():
        db.session.add(Approval(network_id=c.network.id, subject_type="analysis", subject_id=analysis.id, round=1,
                                title="Аналитическая справка", status=ApprovalStatus.APPROVED,
                                submitted_by_id=c.coordinator.id, submitted_by_name="Иванова О. Н."))
        db.session.commit()
    _as(client, c.coordinator)
    page = client.get(analysis_url(c, str(analysis.id))).get_data(as_text=True)
    assert "Внести изменения" in page and "Вывод и решение" not in page
    amend = f"/n/{c.network.slug}/council/approvals/analysis/{analysis.id}/amend"
    assert post_form(client, amend, {}, page_url=amend).status_code == 302
    with read():
        assert db.session.scalar(select(YearlyAnalysis.status)) == AnalysisStatus.DRAFT
        assert db.session.scalar(select(func.count(Approval.id))) == 1  # the approved round stays in the history
    page = client.get(analysis_url(c, str(analysis.id))).get_data(as_text=True)
    assert "Вывод и решение" in page and "Отправить на утверждение в совет" in page
