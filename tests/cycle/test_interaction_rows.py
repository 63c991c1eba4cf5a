"""Every row of the interaction model is a partner line of the analysis — a member's row and a partner's without an
account (parents, ГИБДД): a non-member row's events are the plan items that realise it, it has no agreements of its
own; ending the cooperation with it leaves its events out of next year's plan copy."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.conftest import _building, post_form
from tests.council.test_approval_flow import _as
from tests.cycle.helpers import _held, analysis_url, build_year
from workspace.cycle.models import AnalysisPartner, AnalysisStatus, YearlyAnalysis
from workspace.extensions import db
from workspace.networks.models import InteractionRow, PartnerKind
from workspace.plans.models import Plan, PlanItem


def _rows(app, make, year):
    c = year.c
    with _building(app):
        rows = [InteractionRow(network_id=c.network.id, position=1, kind=PartnerKind.MEMBER,
                               institution_id=c.library.id, forms="Библиотечные уроки"),
                InteractionRow(network_id=c.network.id, position=2, kind=PartnerKind.PARENTS,
                               partner_name="Родители обучающихся", forms="Родительский лекторий"),
                InteractionRow(network_id=c.network.id, position=3, kind=PartnerKind.AGENCY,
                               partner_name="ОГИБДД по г. Новокузнецку", forms="Беседы о безопасности")]
        db.session.add_all(rows)
    common = make.section(c.plan, "Общие мероприятия", None, position=3)
    lecture = make.item(common, "Родительский лекторий", "ноябрь")
    make.item(common, "Семейный праздник", "май", position=2)
    traffic = make.item(common, "Неделя безопасности дорожного движения", "сентябрь", position=3)
    _held(app, make, lecture, date(2026, 11, 20), [(c.school, None, None, 40, "parents")])
    _held(app, make, traffic, date(2026, 9, 15), [(c.school, 5, 9, 60)])
    with _building(app):
        for item in db.session.scalars(select(PlanItem).where(PlanItem.section_id == common.id)):
            item.interaction_row_id = rows[2].id if item.id == traffic.id else rows[1].id
        db.session.execute(db.update(PlanItem).where(PlanItem.id == c.item.id).values(interaction_row_id=rows[0].id))
    return rows


def test_each_row_is_a_line_and_an_ended_agency_leaves_next_years_plan(app, client, make, read):
    year = build_year(app, make)
    c = year.c
    rows = _rows(app, make, year)
    _as(client, c.coordinator)
    assert post_form(client, analysis_url(c), {"start_year": "2026"}, page_url=analysis_url(c)).status_code == 302
    with read():
        analysis = db.session.scalar(select(YearlyAnalysis))
        lines = db.session.execute(select(AnalysisPartner.name, AnalysisPartner.institution_id,
                                          AnalysisPartner.interaction_row_id, AnalysisPartner.id)
                                   .order_by(AnalysisPartner.position)).all()
    # the model's rows in its order, then the member without a row
    assert [(name, institution, row) for name, institution, row, _id in lines] == [
        ("МБУ «МИБС»", c.library.id, rows[0].id), ("Родители обучающихся", None, rows[1].id),
        ("ОГИБДД по г. Новокузнецку", None, rows[2].id), ("Драмтеатр", year.theatre.id, None)]
    page = client.get(analysis_url(c, str(analysis.id))).get_data(as_text=True)
    parents = page[page.index("Родители обучающихся</h3>"):page.index("ОГИБДД по г. Новокузнецку</h3>")]
    assert "Запланировано 2 мероприятия, проведено 1 мероприятие." in parents
    assert "По отчётам о проведённых мероприятиях — 40 участников (родители — 40)" in parents
    assert "договор" not in parents  # a partner without an account signs no agreement in the product
    agency = page[page.index("ОГИБДД по г. Новокузнецку</h3>"):page.index("Драмтеатр</h3>")]
    assert "Запланировано 1 мероприятие, проведено 1 мероприятие." in agency
    # the library's figures are its own, the event realising its row counted once
    assert "Запланировано 5 мероприятий, проведено 3 мероприятия, отменено 1 мероприятие." in page

    decisions = {"МБУ «МИБС»": "continue", "Родители обучающихся": "change_form",
                 "ОГИБДД по г. Новокузнецку": "end", "Драмтеатр": "continue"}
    for name, _institution, _row, line_id in lines:
        url = analysis_url(c, f"{analysis.id}/partners/{line_id}")
        assert post_form(client, url, {"decision": decisions[name], "conclusion": "Вывод", "version": "1"},
                         page_url=url).status_code == 302
    with _building(app):  # approved (the council's flow is test_analysis_flow.py's)
        db.session.execute(db.update(YearlyAnalysis).values(status=AnalysisStatus.APPROVED))
    copy = f"/n/{c.network.slug}/plans/copy"
    preview = client.get(f"{copy}?source_plan_id={c.plan.id}&start_year=2027").get_data(as_text=True)
    assert "сотрудничество прекращается с партнёром: ОГИБДД по г. Новокузнецку — его разделы и мероприятия не переносятся (1 мероприятие)" \
        in preview
    assert post_form(client, copy, {"source_plan_id": c.plan.id, "start_year": 2027},
                     page_url=f"{copy}?source_plan_id={c.plan.id}&start_year=2027").status_code == 302
    with read():
        new_plan = db.session.scalar(select(Plan.id).where(Plan.start_year == 2027))
        titles = dict(db.session.execute(select(PlanItem.title, PlanItem.interaction_row_id)
                                         .where(PlanItem.plan_id == new_plan)).all())
    # the events kept still realise their rows
    assert titles["Родительский лекторий"] == titles["Семейный праздник"] == rows[1].id
    assert "Неделя безопасности дорожного движения" not in titles


def test_a_member_line_made_before_its_row_names_the_row_when_saved(app, client, make, read):
    year = build_year(app, make)
    c = year.c
    analysis = make.analysis(c.network, 2026, lines=((c.library, None, ""),))
    rows = _rows(app, make, year)
    _as(client, c.coordinator)
    edit = analysis_url(c, f"{analysis.id}/edit")
    assert post_form(client, edit, {"conclusion": "Итоги", "version": "1"}, page_url=edit).status_code == 302
    with read():
        lines = db.session.execute(select(AnalysisPartner.name, AnalysisPartner.interaction_row_id)
                                   .order_by(AnalysisPartner.position)).all()
    assert lines == [("МБУ «МИБС»", rows[0].id), ("Родители обучающихся", rows[1].id),
                     ("ОГИБДД по г. Новокузнецку", rows[2].id), ("Драмтеатр", None)]
