"""The demo's main network shows a filled passport approved by the council's August meeting; every member reads it,
the meeting's question is voted and decided like the others, the .docx carries the protocol."""
from __future__ import annotations

import io

from docx import Document
from sqlalchemy import func, select

from tenants.scoping import unscoped
from tests.conftest import login
from workspace.core.dates import AcademicYear
from workspace.council.models import AgendaItem, Decision, Meeting
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import load_demo
from workspace.extensions import db
from workspace.passport.models import PassportStage, PassportStatus, ProgrammePassport

LOAD_DAY = AcademicYear.current().date_of(11, 15)


def test_the_demo_network_has_an_approved_passport(app, client):
    with app.app_context():
        load_demo(today=LOAD_DAY)
        db.session.commit()
        with unscoped():
            passport = db.session.scalar(select(ProgrammePassport))
            assert passport.status == PassportStatus.APPROVED
            assert db.session.scalar(select(func.count()).select_from(PassportStage)) == 4
            meeting = db.session.scalar(select(Meeting).join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
                                        .where(AgendaItem.title.like("Об утверждении: Паспорт программы%")))
            items = db.session.scalar(select(func.count()).select_from(AgendaItem)
                                      .where(AgendaItem.meeting_id == meeting.id))
            decided = db.session.scalar(select(func.count()).select_from(Decision).join(
                AgendaItem, AgendaItem.id == Decision.agenda_item_id).where(AgendaItem.meeting_id == meeting.id))
            # its two questions, the passport and last year's analysis (workspace/demo/cycle.py)
            assert meeting.number == 1 and items == decided == 4
    protocol = f"Утверждён, протокол № 1 от {meeting.held_on:%d.%m.%Y}"
    for email in ("uchitel@sosh31.example", "koordinator@mibs.example", "roditel.sosh31@mail.example"):
        client._cookies.clear()
        login(client, email, DEMO_PASSWORD)
        page = client.get("/n/sosh31-kultura/passport/").get_data(as_text=True)
        assert protocol in page and "Культурно-образовательная среда школы №31" in page
        # a title that names its kind is not preceded by it again
        assert "Положение о сетевом взаимодействии МБОУ «СОШ №31» с учреждениями культуры от " in page
        assert "Положение от" not in page
    client._cookies.clear()
    login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    page = client.get("/n/sosh31-kultura/passport/").get_data(as_text=True)
    assert "Внести изменения" in page and "Не заполнено" not in page
    document = Document(io.BytesIO(client.get("/n/sosh31-kultura/passport/passport.docx").data))
    assert any(paragraph.text.startswith("УТВЕРЖДЕНО") for paragraph in document.paragraphs)
    assert len(document.tables[0].rows) == 11
