"""The demo's main network shows last year's analysis approved by the council's August meeting: its figures computed
from last year's plan and reports, a decision per partner, the .docx with the protocol; next year's plan copy from
last year's plan drops the theatre the analysis ended."""
from __future__ import annotations

import io

from docx import Document
from sqlalchemy import select

from tenants.scoping import unscoped
from tests.conftest import login
from workspace.core.dates import AcademicYear
from workspace.cycle.models import AnalysisStatus, YearlyAnalysis
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import load_demo
from workspace.extensions import db
from workspace.plans.models import Plan

LOAD_DAY = AcademicYear.current().date_of(11, 15)
LAST = AcademicYear(AcademicYear.current().start_year - 1)


def test_the_demo_network_has_an_approved_analysis_of_last_year(app, client):
    with app.app_context():
        load_demo(today=LOAD_DAY)
        db.session.commit()
        with unscoped():
            analysis = db.session.scalar(select(YearlyAnalysis))
            last_plan = db.session.scalar(select(Plan.id).where(Plan.start_year == LAST.start_year))
            assert analysis.status == AnalysisStatus.APPROVED and analysis.start_year == LAST.start_year
    url = f"/n/sosh31-kultura/analysis/{analysis.id}"
    for email in ("uchitel@sosh31.example", "koordinator@mibs.example", "roditel.sosh31@mail.example"):
        client._cookies.clear()
        login(client, email, DEMO_PASSWORD)
        page = client.get(url).get_data(as_text=True)
        assert "Утверждена, протокол № 1 от " in page
        # hand-checked against workspace/demo/monitoring.py LAST_YEAR: the library 2 held of 2 (56 + 50 + 47),
        # the drama theatre 1 of 2 (45 eighth-graders), 3 of 4 in all
        assert "Запланировано 2 мероприятия, проведено 2 мероприятия." in page
        assert "По отчётам о проведённых мероприятиях — 153 участника (1–4 классы — 97, 5–9 классы — 56)." in page
        assert "Запланировано 2 мероприятия, проведено 1 мероприятие, отменено 1 мероприятие." in page
        assert "Всего в сетевом плане на год 4 мероприятия, проведено 3 мероприятия (75 %)." in page
        assert "Изменить форму взаимодействия" in page and "Прекратить сотрудничество" in page
    client._cookies.clear()
    login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    assert "Внести изменения" in client.get(url).get_data(as_text=True)
    document = Document(io.BytesIO(client.get(f"{url}/analysis.docx").data))
    assert any(paragraph.text.startswith("УТВЕРЖДЕНО") for paragraph in document.paragraphs)
    preview = client.get(f"/n/sosh31-kultura/plans/copy?source_plan_id={last_plan}"
                         f"&start_year={LAST.start_year + 2}").get_data(as_text=True)
    assert "План начинается с утверждённой аналитической справки" in preview
