"""The analysis of a stage of the programme's passport (этап «Практический»): prepared from the stage's dates, its
figures counting the events of the plans falling into them, titled «… за этап «…» (дд.мм.гггг–дд.мм.гггг)» on the
page, in print and in the .docx, approved by the council the same way; next year's plan still starts from an approved
analysis of a YEAR only."""
from __future__ import annotations

import io
from datetime import date

from docx import Document
from sqlalchemy import func, select

from tests.conftest import _building, post_form
from tests.council.test_approval_flow import _as, _close, _open_e_vote, _vote
from tests.cycle.helpers import analysis_url, build_year
from workspace.cycle.models import AnalysisStatus, YearlyAnalysis
from workspace.extensions import db
from workspace.passport.models import PassportStage

PRACTICAL = "Практический (01.09.2026–31.05.2027)"
TITLE = "за этап «Практический» (01.09.2026–31.05.2027)"


def _stages(app, make, c):
    """The passport's stages: two with dates (the first covers the 2026/2027 plan, the second the 2027/2028 plan), one
    without — and the plan of 2027/2028 with one event of the library."""
    make.passport(c.network, stages=(("Практический", date(2026, 9, 1), date(2027, 5, 31), "Реализация"),
                                     ("Обобщающий", date(2027, 9, 1), date(2028, 5, 31), "Итоги"),
                                     ("Без дат", None, None, "")))
    later = make.plan(c.network, 2027)
    section = make.section(later, "План мероприятий с МБУ «МИБС»", c.library)
    make.item(section, "Фестиваль чтения", "октябрь")
    with _building(app):
        return {title: stage_id for stage_id, title in db.session.execute(
            select(PassportStage.id, PassportStage.title).where(PassportStage.network_id == c.network.id))}


def _analyses(read) -> list[YearlyAnalysis]:
    with read():
        return list(db.session.scalars(select(YearlyAnalysis).order_by(YearlyAnalysis.id)))


def test_a_stage_analysis_counts_the_events_of_the_plans_in_its_period(app, client, make, read):
    year = build_year(app, make)
    c = year.c
    stages = _stages(app, make, c)
    _as(client, c.coordinator)
    listing = client.get(analysis_url(c)).get_data(as_text=True)
    assert "Справка за этап программы" in listing and PRACTICAL in listing
    assert "Обобщающий (01.09.2027–31.05.2028)" in listing and "Без дат" not in listing
    created = post_form(client, analysis_url(c, "stages"), {"stage-stage_id": stages["Практический"]},
                        page_url=analysis_url(c))
    assert created.status_code == 302
    [analysis] = _analyses(read)
    assert (analysis.stage_id, analysis.stage_title, analysis.starts_on, analysis.ends_on, analysis.start_year) == (
        stages["Практический"], "Практический", date(2026, 9, 1), date(2027, 5, 31), 2026)

    page = client.get(analysis_url(c, str(analysis.id))).get_data(as_text=True)
    assert f"Аналитическая справка {TITLE}" in page
    # the 2026/2027 plan's 7 events; the 2027/2028 plan's festival is outside the stage
    assert "Всего в сетевых планах этапа 7 мероприятий, проведено 4 мероприятия (57,1 %)." in page
    assert "Запланировано 5 мероприятий, проведено 3 мероприятия, отменено 1 мероприятие." in page

    later = post_form(client, analysis_url(c, "stages"), {"stage-stage_id": stages["Обобщающий"]},
                      page_url=analysis_url(c))
    assert later.status_code == 302
    page = client.get(later.location).get_data(as_text=True)
    assert "Всего в сетевых планах этапа 1 мероприятие, проведено 0 мероприятий (0 %)." in page
    assert "Действующих в период этапа договоров с партнёром не было." in page

    listing = client.get(analysis_url(c)).get_data(as_text=True)
    assert "За этап «Практический» (01.09.2026–31.05.2027)" in listing
    assert "таких этапов без справки нет" in listing and "Без дат" not in listing


def test_a_year_and_a_stage_of_the_same_year_have_their_own_analyses(app, client, make, read):
    year = build_year(app, make)
    c = year.c
    stages = _stages(app, make, c)
    _as(client, c.coordinator)
    assert post_form(client, analysis_url(c, "stages"), {"stage-stage_id": stages["Практический"]},
                     page_url=analysis_url(c)).status_code == 302
    listing = client.get(analysis_url(c)).get_data(as_text=True)
    assert '<option value="2026">2026/2027</option>' in listing  # the year is still free
    assert post_form(client, analysis_url(c), {"start_year": "2026"}, page_url=analysis_url(c)).status_code == 302
    assert [(analysis.start_year, analysis.stage_id) for analysis in _analyses(read)] == [
        (2026, stages["Практический"]), (2026, None)]


def test_a_stage_twice_a_foreign_stage_or_a_partner_is_refused_and_nothing_is_made(app, client, make, read):
    year = build_year(app, make)
    c = year.c
    stages = _stages(app, make, c)
    other = make.network(make.institution("Чужая школа", slug="alien"), name="Чужая", slug="alien-net")
    foreign = make.passport(other, stages=(("Практический", date(2026, 9, 1), date(2027, 5, 31), ""),))
    with _building(app):
        foreign_stage = db.session.scalar(select(PassportStage.id).where(PassportStage.passport_id == foreign.id))
    _as(client, c.coordinator)
    assert post_form(client, analysis_url(c, "stages"), {"stage-stage_id": stages["Практический"]},
                     page_url=analysis_url(c)).status_code == 302
    for stage_id in (stages["Практический"], foreign_stage, stages["Без дат"], "x"):
        refused = post_form(client, analysis_url(c, "stages"), {"stage-stage_id": stage_id},
                            page_url=analysis_url(c))
        assert refused.status_code == 422, stage_id
        assert "Выберите этап из списка: этап паспорта с датами, справки за который ещё нет." in \
            refused.get_data(as_text=True), stage_id
    with _building(app):   # a stage whose dates were typed the wrong way round
        passport_id = db.session.scalar(select(PassportStage.passport_id).where(PassportStage.id == stages["Без дат"]))
        db.session.add(PassportStage(network_id=c.network.id, passport_id=passport_id, position=9, title="Кривой",
                                     starts_on=date(2027, 5, 31), ends_on=date(2026, 9, 1)))
        db.session.flush()
        crooked = db.session.scalar(select(PassportStage.id).where(PassportStage.title == "Кривой"))
    refused = post_form(client, analysis_url(c, "stages"), {"stage-stage_id": crooked}, page_url=analysis_url(c))
    assert refused.status_code == 422
    assert "дата начала позже даты окончания" in refused.get_data(as_text=True)
    _as(client, c.librarian)
    assert "Справка за этап программы" not in client.get(analysis_url(c)).get_data(as_text=True)
    assert post_form(client, analysis_url(c, "stages"), {"stage-stage_id": stages["Обобщающий"]},
                     page_url=analysis_url(c)).status_code == 403
    with read():
        assert db.session.scalar(select(func.count()).select_from(YearlyAnalysis)) == 1


def test_a_stage_analysis_is_approved_like_a_years_and_prints_its_stage(app, client, make, read):
    year = build_year(app, make)
    c = year.c
    stages = _stages(app, make, c)
    _as(client, c.coordinator)
    created = post_form(client, analysis_url(c, "stages"), {"stage-stage_id": stages["Практический"]},
                        page_url=analysis_url(c))
    [analysis] = _analyses(read)
    submit = f"/n/{c.network.slug}/council/approvals/analysis/{analysis.id}/submit"
    assert f"Аналитическая справка о реализации программы сетевого взаимодействия {TITLE}" in \
        client.get(submit).get_data(as_text=True)
    assert created.status_code == 302
    assert post_form(client, submit, {"comment": "Итоги этапа"}, page_url=submit).status_code == 302
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read)
    for voter in (c.director, c.librarian, c.coordinator):
        _as(client, voter)
        assert _vote(client, c, meeting, item, "for").status_code == 302
    _as(client, c.director)
    assert _close(client, c, meeting, item).status_code == 302
    assert _analyses(read)[0].status == AnalysisStatus.APPROVED

    _as(client, c.coordinator)
    page = client.get(analysis_url(c, str(analysis.id))).get_data(as_text=True)
    assert "Утверждена, протокол № 1" in page and "а не за этап" in page
    printed = client.get(analysis_url(c, f"{analysis.id}/print")).get_data(as_text=True)
    assert "УТВЕРЖДЕНО" in printed and f"«Культура рядом» {TITLE}" in printed

    response = client.get(analysis_url(c, f"{analysis.id}/analysis.docx"))
    assert response.status_code == 200
    assert "analysis-stage-20260901-20270531.docx" in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.data))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in text
    assert f"о реализации программы сетевого взаимодействия «Культура рядом» {TITLE}" in text
    assert "Всего в сетевых планах этапа 7 мероприятий, проведено 4 мероприятия (57,1 %)." in text
    assert "УТВЕРЖДЕНО" in text

    # the approved stage analysis of 2026 is not the year's: the copy of the 2026/2027 plan starts from no analysis
    copy = f"/n/{c.network.slug}/plans/copy?source_plan_id={c.plan.id}&start_year=2028"
    preview = client.get(copy).get_data(as_text=True)
    assert "План начинается с утверждённой аналитической справки" not in preview
