"""The demo's main network shows last year's analysis approved by the council's August meeting: its figures computed
from last year's plan and reports, a decision per partner, the .docx with the protocol; next year's plan copy from
last year's plan drops the theatre the analysis ended."""
from __future__ import annotations

import io
from datetime import timedelta

from docx import Document
from sqlalchemy import func, select

from tenants.scoping import unscoped
from tests.conftest import login, post_form
from workspace.core.dates import AcademicYear, local_today
from workspace.council.models import AgendaItem, Approval, ApprovalStatus, Meeting
from workspace.cycle.models import AnalysisPartner, AnalysisSnapshot, AnalysisStatus, YearlyAnalysis
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import load_demo
from workspace.extensions import db
from workspace.plans.models import Plan, PlanSection

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
        # the interaction model's partners without an account are lines of their own (workspace/demo/model.py)
        assert "Родители (законные представители)</h3>" in page
        assert "ОГИБДД Управления МВД России по г. Новокузнецку</h3>" in page
    client._cookies.clear()
    login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    assert "Внести изменения" in client.get(url).get_data(as_text=True)
    document = Document(io.BytesIO(client.get(f"{url}/analysis.docx").data))
    assert any(paragraph.text.startswith("УТВЕРЖДЕНО") for paragraph in document.paragraphs)
    preview = client.get(f"/n/sosh31-kultura/plans/copy?source_plan_id={last_plan}"
                         f"&start_year={LAST.start_year + 2}").get_data(as_text=True)
    assert "План начинается с утверждённой аналитической справки" in preview


def _login(client, email):
    client._cookies.clear()
    login(client, email, DEMO_PASSWORD)


def test_the_demo_coordinator_amends_decides_gets_it_approved_and_next_years_plan_drops_the_ended(app, client, read):
    """The demo's 2025/2026 (last year's) analysis through HTTP as the base's deputy director would: amended, the
    drama theatre decided «прекратить», approved by the council's e-vote, then next year's plan copied from last
    year's drops the drama theatre's section and the other ended theatre's, and keeps the library's."""
    with app.app_context():
        load_demo(today=LOAD_DAY)
        db.session.commit()
    with read():
        analysis = db.session.scalar(select(YearlyAnalysis))
        theatre = db.session.scalar(select(AnalysisPartner).where(AnalysisPartner.name.like("%драмтеатр%")))
        last_plan = db.session.scalar(select(Plan.id).where(Plan.start_year == LAST.start_year))
    network = "/n/sosh31-kultura"
    _login(client, "zam.vr@sosh31.example")
    amend = f"{network}/council/approvals/analysis/{analysis.id}/amend"
    assert post_form(client, amend, {}, page_url=amend).status_code == 302
    line = f"{network}/analysis/{analysis.id}/partners/{theatre.id}"
    assert post_form(client, line, {"decision": "end", "conclusion": "Театр закрыт на реконструкцию.",
                                    "version": str(theatre.version)}, page_url=line).status_code == 302
    # back in draft its figures are computed afresh
    assert "Запланировано 2 мероприятия, проведено 2 мероприятия." in client.get(
        f"{network}/analysis/{analysis.id}").get_data(as_text=True)
    submit = f"{network}/council/approvals/analysis/{analysis.id}/submit"
    assert post_form(client, submit, {"comment": "Изменено решение по драмтеатру"}, page_url=submit).status_code == 302
    with read():
        approval_id = db.session.scalar(select(Approval.id).where(Approval.subject_type == "analysis",
                                                                  Approval.status == ApprovalStatus.SUBMITTED))
    _login(client, "direktor@sosh31.example")
    deadline = (local_today() + timedelta(days=7)).isoformat()
    assert post_form(client, f"{network}/council/e-votes/new", {"approval_id": approval_id, "number": 9,
                                                                "deadline_on": deadline}).status_code == 302
    with read():
        meeting, item = db.session.execute(select(Meeting, AgendaItem).join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
                                           .where(AgendaItem.approval_id == approval_id)).one()
    for email in ("direktor@sosh31.example", "zam.vr@sosh31.example", "koordinator@mibs.example",
                  "koordinator@dramteatr.example", "roditel.sosh31@mail.example"):
        _login(client, email)
        vote = f"{network}/council/meetings/{meeting.id}/agenda/{item.id}/vote"
        assert post_form(client, vote, {"choice": "for"}, page_url=f"{network}/council/meetings/{meeting.id}"
                         ).status_code == 302
    _login(client, "direktor@sosh31.example")
    close = f"{network}/council/meetings/{meeting.id}/agenda/{item.id}/close"
    assert post_form(client, close, {"if_not_carried": "returned", "remarks": ""}).status_code == 302
    with read():
        assert db.session.scalar(select(YearlyAnalysis.status)) == AnalysisStatus.APPROVED
    _login(client, "zam.vr@sosh31.example")
    with read():  # kept at the approval
        assert db.session.scalar(select(func.count(AnalysisSnapshot.id))) == 1
    year = LAST.start_year + 2
    copy = f"{network}/plans/copy"
    preview = client.get(f"{copy}?source_plan_id={last_plan}&start_year={year}").get_data(as_text=True)
    assert "Новокузнецкий драмтеатр" in preview and "не переносятся" in preview
    assert post_form(client, copy, {"source_plan_id": last_plan, "start_year": year},
                     page_url=f"{copy}?source_plan_id={last_plan}&start_year={year}").status_code == 302
    with read():
        new_plan = db.session.scalar(select(Plan.id).where(Plan.start_year == year))
        titles = db.session.scalars(select(PlanSection.title).where(PlanSection.plan_id == new_plan)).all()
    assert titles == ["План мероприятий с МБУ «МИБС»"]
