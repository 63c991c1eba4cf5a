"""The end of the cycle through HTTP: the base's coordinator prepares the analysis of the year (its figures computed
from the plan, the reports, the agreements and the indicators — there is nothing to type), writes a conclusion and a
decision per partner and an overall conclusion, submits it; the council approves it by an e-vote; it is locked; next
year's plan made as a copy keeps the partner to continue with and drops the one the analysis ended."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import _building, post_form
from tests.council.test_approval_flow import _as, _close, _open_e_vote, _vote
from tests.cycle.helpers import analysis_url, approved_analysis, build_year
from workspace.cycle.models import AnalysisPartner, AnalysisStatus, PartnerDecision, YearlyAnalysis
from workspace.extensions import db
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanItemInstitution, PlanSection

LIBRARY_FACTS = ("Запланировано 5 мероприятий, проведено 3 мероприятия, отменено 1 мероприятие.",
                 "Доля проведённых мероприятий — 60 % (целевое значение — 90 %: ниже целевого значения).",
                 "По отчётам о проведённых мероприятиях — 98 участников (1–4 классы — 25, 5–9 классы — 68, "
                 "родители — 2, педагоги — 3).")
THEATRE_FACTS = ("Запланировано 2 мероприятия, проведено 1 мероприятие.", "По отчётам о проведённых мероприятиях — 30 участников "
                 "(10–11 классы — 30).", "Действующих в учебном году договоров с партнёром не было.")


def _analysis(read) -> YearlyAnalysis:
    with read():
        return db.session.scalar(select(YearlyAnalysis))


def _lines(read) -> dict[str, AnalysisPartner]:
    with read():
        return {line.name: line for line in db.session.scalars(select(AnalysisPartner))}


def _decide(client, c, analysis, line, decision, conclusion, version=1):
    url = analysis_url(c, f"{analysis.id}/partners/{line.id}")
    return post_form(client, url, {"decision": decision, "conclusion": conclusion, "version": str(version)},
                     page_url=url)


def test_prepared_decided_approved_and_next_years_plan_keeps_and_drops_partners(app, client, make, read):
    year = build_year(app, make)
    c = year.c
    _as(client, c.coordinator)
    listing = client.get(analysis_url(c)).get_data(as_text=True)
    assert "Аналитических справок пока нет." in listing and "2026/2027" in listing
    created = post_form(client, analysis_url(c), {"start_year": "2026"}, page_url=analysis_url(c))
    assert created.status_code == 302
    analysis = _analysis(read)
    assert analysis.start_year == 2026 and analysis.status == AnalysisStatus.DRAFT
    lines = _lines(read)
    assert set(lines) == {"МБУ «МИБС»", "Драмтеатр"}  # the partners, not the base

    page = client.get(analysis_url(c, str(analysis.id))).get_data(as_text=True)
    for fact in (*LIBRARY_FACTS, *THEATRE_FACTS):
        assert fact in page, fact
    assert "«О сотрудничестве в сфере чтения» (действует, срок до 31.08.2027)" in page
    assert "Всего в сетевом плане на год 7 мероприятий, проведено 4 мероприятия (57,1 %)." in page
    # the indicator: its target, and its fact computed by its source (events_held_share) from the plan
    assert "цель — 90 %, факт — 57,1 %, выполнение — 63,4 % · Доля проведённых мероприятий плана" in page
    assert "Нет вывода или решения: Драмтеатр, МБУ «МИБС»." in page

    # a partner reads it but does not write it; a bad form changes nothing
    _as(client, c.librarian)
    assert client.get(analysis_url(c, str(analysis.id))).status_code == 200
    assert client.get(analysis_url(c, f"{analysis.id}/partners/{lines['Драмтеатр'].id}")).status_code == 403
    _as(client, c.coordinator)
    bad = _decide(client, c, analysis, lines["Драмтеатр"], "", "")
    assert bad.status_code == 422
    assert _lines(read)["Драмтеатр"].decision is None
    assert _decide(client, c, analysis, lines["Драмтеатр"], "end",
                   "Из двух спектаклей состоялся один; театр закрыт на ремонт.").status_code == 302
    assert _decide(client, c, analysis, lines["МБУ «МИБС»"], "continue",
                   "Библиотека — основной партнёр программы.").status_code == 302
    edit = analysis_url(c, f"{analysis.id}/edit")
    assert post_form(client, edit, {"conclusion": "План выполнен на 57 %.", "version": "1"},
                     page_url=edit).status_code == 302
    lines = _lines(read)
    assert lines["Драмтеатр"].decision == PartnerDecision.END
    assert lines["МБУ «МИБС»"].decision == PartnerDecision.CONTINUE

    # submitted, approved by the council's e-vote, locked
    submit = f"/n/{c.network.slug}/council/approvals/analysis/{analysis.id}/submit"
    assert "Аналитическая справка о реализации программы" in client.get(submit).get_data(as_text=True)
    assert post_form(client, submit, {"comment": "Итоги года"}, page_url=submit).status_code == 302
    assert _analysis(read).status == AnalysisStatus.SUBMITTED
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read)
    for voter in (c.director, c.librarian, c.coordinator):
        _as(client, voter)
        assert _vote(client, c, meeting, item, "for").status_code == 302
    _as(client, c.director)
    assert _close(client, c, meeting, item).status_code == 302
    assert _analysis(read).status == AnalysisStatus.APPROVED
    _as(client, c.coordinator)
    page = client.get(analysis_url(c, str(analysis.id))).get_data(as_text=True)
    assert "Утверждена, протокол № 1" in page and "Вывод и решение" not in page
    rounds = page.split("История согласования")[1]  # the round of a справка (feminine), not the council's «Утверждён»
    assert "· Утверждена" in rounds and "Утверждён<" not in rounds and "· Утверждён\n" not in rounds
    locked = _decide(client, c, analysis, lines["МБУ «МИБС»"], "end", "—", version=2)
    assert locked.status_code == 403 and "утверждена координационным советом" in locked.get_data(as_text=True)
    assert "УТВЕРЖДЕНО" in client.get(analysis_url(c, f"{analysis.id}/print")).get_data(as_text=True)

    # the figures the council approved stay, though a report of the year is corrected afterwards
    with _building(app):
        db.session.execute(db.update(PlanItem).where(PlanItem.title == "Неделя детской книги")
                           .values(status=ItemStatus.CANCELLED))
    page = client.get(analysis_url(c, str(analysis.id))).get_data(as_text=True)
    assert LIBRARY_FACTS[0] in page and "когда совет утвердил справку" in page

    # next year's plan starts from it: the theatre's section and events are not copied
    copy = f"/n/{c.network.slug}/plans/copy?source_plan_id={c.plan.id}&start_year=2027"
    preview = client.get(copy).get_data(as_text=True)
    assert "План начинается с утверждённой аналитической справки за 2026/2027 учебный год." in preview
    assert "сотрудничество прекращается с партнёром: Драмтеатр — его разделы и мероприятия не переносятся (1 раздел, 2 мероприятия)" in preview
    assert post_form(client, f"/n/{c.network.slug}/plans/copy", {"source_plan_id": c.plan.id, "start_year": 2027},
                     page_url=copy).status_code == 302
    with read():
        new_plan = db.session.scalar(select(Plan).where(Plan.start_year == 2027))
        partners = db.session.scalars(select(PlanSection.partner_institution_id)
                                      .where(PlanSection.plan_id == new_plan.id)).all()
        items = db.session.scalar(select(db.func.count(PlanItem.id)).where(PlanItem.plan_id == new_plan.id))
    assert partners == [c.library.id] and items == 5

    # «Внести изменения»: back in draft, the figures are computed afresh
    amend = f"/n/{c.network.slug}/council/approvals/analysis/{analysis.id}/amend"
    assert post_form(client, amend, {}, page_url=amend).status_code == 302
    page = client.get(analysis_url(c, str(analysis.id))).get_data(as_text=True)
    assert "Запланировано 5 мероприятий, проведено 2 мероприятия, отменено 2 мероприятия." in page


def test_an_item_linked_only_to_an_ended_partner_is_dropped_and_its_links_to_them_everywhere(app, client, make, read):
    year = build_year(app, make)
    c = year.c
    shared = make.item(c.section, "Совместный фестиваль", "май", position=9)
    alone = make.item(c.section, "Гастроли", "июнь", position=10)
    with _building(app):
        db.session.add_all([
            PlanItemInstitution(network_id=c.network.id, item_id=shared.id, institution_id=year.theatre.id),
            PlanItemInstitution(network_id=c.network.id, item_id=shared.id, institution_id=c.library.id),
            PlanItemInstitution(network_id=c.network.id, item_id=alone.id, institution_id=year.theatre.id)])
    analysis = approved_analysis(app, c, {year.theatre: "end", c.library: "continue"})
    _as(client, c.coordinator)
    copy = f"/n/{c.network.slug}/plans/copy"
    assert post_form(client, copy, {"source_plan_id": c.plan.id, "start_year": 2027},
                     page_url=copy + f"?source_plan_id={c.plan.id}&start_year=2027").status_code == 302
    with read():
        new_plan = db.session.scalar(select(Plan).where(Plan.start_year == 2027))
        titles = set(db.session.scalars(select(PlanItem.title).where(PlanItem.plan_id == new_plan.id)))
        links = db.session.scalars(select(PlanItemInstitution.institution_id).join(
            PlanItem, PlanItem.id == PlanItemInstitution.item_id).where(PlanItem.plan_id == new_plan.id)).all()
    assert "Совместный фестиваль" in titles and "Гастроли" not in titles
    assert links == [c.library.id]
    assert analysis.status == AnalysisStatus.APPROVED

