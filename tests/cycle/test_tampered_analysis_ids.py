"""Ids of another network's analysis and lines tampered into the URLs the base's coordinator may use: 404 like a
missing one, and nothing changes; a line of another analysis of the same network under this one's URL is 404 too;
a year that has no plan, or has its analysis already, is refused by the form."""
from __future__ import annotations

from sqlalchemy import func, select

from tests.conftest import post_form
from tests.council.helpers import build_council
from tests.council.test_approval_flow import _as
from tests.cycle.helpers import analysis_url
from workspace.cycle.models import AnalysisPartner, YearlyAnalysis
from workspace.extensions import db


def test_another_networks_analysis_and_lines_answer_404(client, make, read, csrf_off):
    c = build_council(make)
    own = make.analysis(c.network, 2026, lines=((c.library, None, ""),))
    older = make.analysis(c.network, 2025, lines=((c.library, None, "Прошлый год"),))
    other = build_council(make, slug="chuzhaya")
    foreign = make.analysis(other.network, 2026, conclusion="Чужой вывод", lines=((other.library, "end", "Чужой"),))
    _as(client, c.coordinator)
    council = f"/n/{c.network.slug}/council/approvals/analysis"
    for bad in (foreign.id, 999999):
        for rest in ("", "/edit", "/print", "/analysis.docx", f"/partners/{foreign.line_ids[0]}"):
            assert client.get(analysis_url(c, f"{bad}{rest}")).status_code == 404, rest
        assert client.post(analysis_url(c, f"{bad}/edit"), data={"conclusion": "Взлом", "version": "1"}
                           ).status_code == 404
        for url in (f"{council}/{bad}", f"{council}/{bad}/submit", f"{council}/{bad}/amend"):
            assert client.get(url).status_code == 404, url
        assert client.post(f"{council}/{bad}/submit", data={"comment": "x"}).status_code == 404
    for bad in (foreign.line_ids[0], older.line_ids[0], 999999):
        url = analysis_url(c, f"{own.id}/partners/{bad}")
        assert client.get(url).status_code == 404, bad
        assert client.post(url, data={"decision": "end", "conclusion": "Взлом", "version": "1"}).status_code == 404
    assert client.get(analysis_url(other)).status_code == 404
    with read():
        assert db.session.scalar(select(YearlyAnalysis.conclusion).where(YearlyAnalysis.id == foreign.id)) \
            == "Чужой вывод"
        assert set(db.session.scalars(select(AnalysisPartner.conclusion))) == {"", "Прошлый год", "Чужой"}


def test_the_year_must_have_a_plan_and_no_analysis(client, make, read):
    c = build_council(make)  # a plan of 2026/2027 only
    make.analysis(c.network, 2026)
    _as(client, c.coordinator)
    for bad in ("2026", "2019", "x", ""):
        response = post_form(client, analysis_url(c), {"start_year": bad}, page_url=analysis_url(c))
        assert response.status_code == 422, bad
    with read():
        assert db.session.scalar(select(func.count(YearlyAnalysis.id))) == 1
    page = client.get(analysis_url(c)).get_data(as_text=True)
    assert "на все такие годы справки уже есть" in page
