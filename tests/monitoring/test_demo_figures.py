"""The dashboard's figures on the demo data, against numbers computed by hand from
workspace/demo/data.py (this year's plan), workspace/demo/plans.py (this year's reports) and
workspace/demo/monitoring.py (last year, survey).

This year (data.PLANS): МИБС 5 items — «сентябрь», «октябрь», «22-24.11.», «апрель», «в течение года»
(read as starting in September); драмтеатр 3 — «ноябрь – декабрь», «февраль», «март – апрель». Held with
reports: МИБС №1 (3 кл. 52, 4 кл. 48, МИБС staff 6), МИБС №2 (5 кл. 27, 6 кл. 25, 7 кл. 30), драмтеатр №1
(9 кл. 24, 10 кл. 22, 11 кл. 18). Last year: МИБС 2 items both held (5 кл. 56; 2 кл. 50 + 3 кл. 47),
драмтеатр 2 items, one held (8 кл. 45), one cancelled.

The areas merged later (workspace/demo/agreements.py, projects.py, programmes.py): agreements «14/<year>» on signing
(cooperation) and «9/<year - 1>» active (joint activity, from 340 days ago to 20 days ahead); the project «Читающая школа —
читающий город» submitted; СОШ №31's 18 pupils (k = 7 … 24, grade 5 + k mod 4): «Маска» enrols k = 7 … 15, «Юный
инженер-исследователь» k = 17 … 20. The journal's marks are drawn at random per group and day (demo/journal.py), so
attendance is not computed by hand here: only that last year, without lessons, has no figure.
"""
from __future__ import annotations

import pytest

from tests.conftest import login
from workspace.core.dates import AcademicYear
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import load_demo
from workspace.demo.monitoring import CREATIVITY
from workspace.extensions import db

NETWORK = "sosh31-kultura"
MIBS, DRAMA, SCHOOL = "МБУ «МИБС»", "Новокузнецкий драмтеатр", "МБОУ «СОШ №31»"


# The demo is loaded as of this day of the current academic year, whatever day the suite runs: the figures below
# are those of a network on 4 December (the events of September, October and 20 November held, the drawing
# contest of 22–24 November waiting for its report, the council's August and November meetings held).
LOAD_DAY = AcademicYear.current().date_of(12, 4)


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo(today=LOAD_DAY)
        db.session.commit()


def _sections(app, institution_slug=None):
    from sqlalchemy import select

    from tenants.models import Network
    from tenants.scoping import set_scope
    from workspace.monitoring.queries import indicator_rows
    from workspace.monitoring.registry import MonitoringScope, build_sections
    with app.test_request_context():
        network_id = db.session.scalar(select(Network.id).where(Network.slug == NETWORK))
        institution_id = None
        if institution_slug is not None:
            from tenants.models import Institution
            institution_id = db.session.scalar(select(Institution.id).where(Institution.slug == institution_slug))
        set_scope(institution_id=institution_id, network_ids=[network_id])
        scope = MonitoringScope(network_ids=[network_id], institution_id=institution_id, year=AcademicYear.current())
        sections = {entry.key: content for entry, content in build_sections(scope)}
        indicators = {row.indicator.title: row for row in indicator_rows(scope)}
        return sections, indicators


def _figure(content, key):
    return next(figure for figure in content.figures if figure.key == key)


def test_events_planned_and_held_by_partner_and_month(app, demo):
    sections, _indicators = _sections(app)
    events = sections["events"]
    assert [(h.value, h.previous) for h in events.headlines] == [(8, 4), (3, 3), (37.5, 75.0)]
    by_partner = _figure(events, "events-by-partner")
    assert by_partner.categories == [MIBS, DRAMA]
    assert [values for _name, values in by_partner.series] == [[5, 3], [2, 1], [2, 2], [2, 1]]
    by_month = _figure(events, "events-by-month")  # September … August
    planned, held, held_last_year = (values for _name, values in by_month.series)
    assert planned == [2, 1, 2, 0, 0, 1, 1, 1, 0, 0, 0, 0]
    assert held == [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert held_last_year == [0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    shares = _figure(events, "events-status-shares")
    assert shares.rows[0][:3] == [MIBS, 2, 3]        # held 2, planned 3 (of 5): 40 % and 60 %
    assert shares.rows[0][-4:-2] == [40.0, 60.0]


def test_coverage_by_institution_and_class(app, demo):
    sections, _indicators = _sections(app)
    coverage = sections["coverage"]
    # issue 20 part 3: the demo's reports of this year name parents and teachers too (workspace/demo/plans.py,
    # HELD_THIS_YEAR): pupils 52 + 48 + 27 + 25 + 30 + 24 + 22 + 18 = 246, parents 14 + 9 = 23, teachers
    # 4 + 3 + 3 = 10, other adults 6 (МИБС staff) → 285 in all (it was 252: pupils and the 6 staff); last year's
    # reports (before categories) had pupils only: 56 + 50 + 47 + 45 = 198
    assert [(h.value, h.previous) for h in coverage.headlines] == [(285, 198), (246, 198), (23, 0), (10, 0), (2, 1)]
    by_institution = _figure(coverage, "coverage-by-institution")
    assert by_institution.rows == [[SCHOOL, 246 + 23 + 10, 198], [MIBS, 6, 0]]
    by_class = _figure(coverage, "coverage-by-class")
    assert "без класса" not in by_class.categories   # pupils only: every demo pupils row names its class
    this, last = (values for _name, values in by_class.series)
    assert this == [0, 52, 48, 27, 25, 30, 0, 24, 22, 18]       # 2 … 11 класс
    assert last == [50, 47, 0, 56, 0, 0, 45, 0, 0, 0]
    assert _figure(coverage, "coverage-by-category").rows == [
        ["Обучающиеся", 246, 198], ["Родители", 23, 0], ["Педагоги", 10, 0], ["Другие взрослые", 6, 0]]


def test_agreements_projects_pupils_and_attendance(app, demo):
    sections, _indicators = _sections(app)
    # «9/…» began 340 days before 4 December: in force last year too
    last_year = 1
    agreements = sections["agreements"]
    assert [(h.value, h.previous) for h in agreements.headlines] == [(1, last_year)]
    assert _figure(agreements, "agreements-by-kind").rows == [["О совместной деятельности", 1, last_year]]
    assert _figure(agreements, "agreements-by-status").rows == [["На подписании", 1], ["Действует", 1]]
    projects = sections["projects"]
    assert _figure(projects, "projects-by-status").rows == [["На согласовании", 1, 0]]
    assert projects.headlines[0].value == 0 and _figure(projects, "projects-indicators").rows == []
    pupils = sections["pupils"]
    # 9 + 4 different pupils of СОШ №31: grades 5: k 8, 12, 20; 6: 9, 13, 17; 7: 10, 14, 18; 8: 7, 11, 15, 19
    assert [(h.value, h.previous) for h in pupils.headlines] == [(13, 0)]
    assert _figure(pupils, "pupils-by-school").rows == [[SCHOOL, 13, 0]]
    assert _figure(pupils, "pupils-by-class").rows == [
        ["5 класс", 3, 0], ["6 класс", 3, 0], ["7 класс", 3, 0], ["8 класс", 4, 0]]
    attendance = sections["attendance"]
    assert attendance.headlines[0].previous is None and attendance.headlines[1].previous == 0
    # the school's own dashboard: 13 of its 18 active pupils → 72,2 %
    sections, _indicators = _sections(app, "sosh31")
    assert [(h.value, h.previous) for h in sections["pupils"].headlines] == [(13, 0), (72.2, None)]


def test_surveys_and_council(app, demo):
    sections, _indicators = _sections(app)
    # 30 answers; the two satisfaction scales: 12×5, 12×4, 4×3, 2×2 and 10×5, 14×4, 5×3, 1×1; satisfied (4 or 5):
    # 12 + 12 + 10 + 14 = 48 of 60 marks = 80 % (issue 20: it was the mean 246 / 60 = 4,1 of 5 = 82 %)
    # last year (issue 20 part 3: round 1 of the same survey, 2025/26): 24 answers, 32 of 48 marks 4–5 = 66,7 %
    assert [(h.value, h.previous) for h in sections["surveys"].headlines] == [(30, 24), (80.0, 66.7)]
    # decisions: two questions of the November meeting this year; last year, the two of the August meeting
    # (28 August, before this academic year began) — workspace/demo/chronicle.py — and the programme passport's
    # approval voted at that meeting (workspace/demo/passport.py), and the approval of last year's analysis
    # (workspace/demo/cycle.py)
    assert [(h.value, h.previous) for h in sections["council"].headlines] == [(2, 4)]


def test_indicators_plan_versus_fact(app, demo):
    _sections_, rows = _sections(app)
    expected = {
        "Доля проведённых мероприятий сетевого плана": (37.5, 75.0, 41.7),          # 37,5 of 90
        # pupils only (issue 20: the source was every participant, 252 with the 6 library staff): 246 of 600
        "Число участий обучающихся в сетевых мероприятиях": (246, 198, 41.0),
        "Удовлетворённость родителей сетевыми мероприятиями": (80.0, 66.7, 100.0),  # 80 of 80 (48 of 60 marks 4–5)
        "Доля обучающихся, посетивших учреждения культуры не реже раза в четверть": (64, 58, 85.3),
        "Число совместных проектов с учреждениями культуры": (3, 2, 75.0),
        "Число призёров конкурсов и фестивалей партнёров": (None, 9, None),
        # the five hand-entered indicators of the programme made from the template (see the next test):
        # fact = this December's промежуточный замер (issue 20 part 3: it was September's входная, the latest point
        # before the December point was added), previous = last May's итоговая, progress = fact / target
        "Доля педагогов, применяющих в работе ресурсы партнёров сети": (63, 52, 90.0),           # 63 of 70
        "Экспертная оценка деятельности сети советом": (4.2, 3.8, 105.0),                         # 4,2 of 4
        "Доля педагогов, участвующих в инновационных проектах сети": (33, 24, 82.5),             # 33 of 40
        "Число новых педагогических практик, представленных сетью": (2, 3, 40.0),                 # 2 of 5
        "Доля педагогов с высоким и средним уровнем готовности к сетевой работе": (73, 68, 97.3),  # 73 of 75
        # СОШ №31's creativity diagnostic, computed from its entries (tests/monitoring/test_diagnostics.py): 74 of 55
        "Доля обучающихся с высоким и средним уровнем креативности": (74.0, 74.5, 134.5),
    }
    assert {title: (row.fact, row.previous, row.progress) for title, row in rows.items()} == expected
    met = [title for title, row in rows.items() if row.is_met]
    assert met == ["Удовлетворённость родителей сетевыми мероприятиями", "Экспертная оценка деятельности сети советом",
                   "Доля обучающихся с высоким и средним уровнем креативности"]


def test_the_programme_from_the_template_levels_and_changes(app, client, demo):
    """The demo network's programme is the template of network interaction (workspace/monitoring/catalogue.py):
    seven criteria; the two computed ones (events held, satisfaction) were already among the network's
    indicators (same sources), so five hand-entered indicators were added, measured last year in September
    (входная) and May (итоговая) and this year in September and December (промежуточный, issue 20 part 3: the
    December point changed the facts below from September's to December's; workspace/demo/monitoring.py
    PROGRAMME_VALUES, MIDDLE_VALUES).

    By hand, with the thresholds (высокий от / средний от) of the template:
      indicator                   thr.   2025 Sep -> May (within)  2026 Sep -> Dec (within)  level now (last)   change
      ресурсы партнёров, %        70/40  35 -> 52   (+17)          58 -> 63   (+5)           средний (средний)   63-52 = +11
      экспертная оценка, баллы    4/3    3,2 -> 3,8 (+0,6)         4,1 -> 4,2 (+0,1)         высокий (средний)   +0,4
      инновационные проекты, %    40/20  12 -> 24   (+12)          28 -> 33   (+5)           средний (средний)   +9
      новые практики, шт.         5/2    0 -> 3     (+3)           1 -> 2     (+1)           средний (средний)   2-3 = -1
      готовность педагогов, %     75/50  46 -> 68   (+22)          71 -> 73   (+2)           средний (средний)   +5
    Levels this year: высокий 1, средний 4, низкий 0; last year (the May values): средний 5. The two computed
    indicators of the demo carry no thresholds (they were made by hand before the template), so no level.
    """
    _sections_, rows = _sections(app)
    programme = {title: row for title, row in rows.items() if row.indicator.level_middle is not None
                 and title != CREATIVITY[1]}  # the school's diagnostic: tests/monitoring/test_diagnostics.py
    assert {title: (row.level, row.previous_level, row.change) for title, row in programme.items()} == {
        "Доля педагогов, применяющих в работе ресурсы партнёров сети": ("middle", "middle", 11),
        "Экспертная оценка деятельности сети советом": ("high", "middle", 0.4),
        "Доля педагогов, участвующих в инновационных проектах сети": ("middle", "middle", 9),
        "Число новых педагогических практик, представленных сетью": ("middle", "middle", -1),
        "Доля педагогов с высоким и средним уровнем готовности к сетевой работе": ("middle", "middle", 5),
    }
    previous = AcademicYear.current().start_year - 1
    assert [row.change_within(previous) for row in programme.values()] == [17, 0.6, 12, 3, 22]
    assert [row.change_within(previous + 1) for row in programme.values()] == [5, 0.1, 5, 1, 2]  # Sep -> Dec
    criteria = {row.indicator.criterion for row in programme.values()}
    assert len(criteria) == 5 and "Готовность педагогов к работе в сетевом режиме" in criteria

    login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    page = client.get(f"/n/{NETWORK}/monitoring/").get_data(as_text=True)
    # with the creativity diagnostic (высокий this year, 74,0, and last year, 74,5) and December's points
    assert "высокий — 2, средний — 4, низкий — 0" in page
    assert "высокий — 1, средний — 5, низкий — 0" in page
    for text in ("Критерий: Внешняя оценка деятельности", f"{AcademicYear(previous).label}, с входной: +17", "+0,4", "-1", "был средний",
                 "Как считается", "Входная диагностика"):
        assert text in page, text


def test_the_dashboard_page_shows_the_same_numbers(app, client, demo):
    login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    page = client.get(f"/n/{NETWORK}/monitoring/").get_data(as_text=True)
    assert "Мониторинг эффективности" in page
    for text in ("37,5", "41,7 %", "285 чел.", "100 %", "80 %", "85,3 %"):
        assert text in page, text
    assert page.count('role="img"') >= 6


def test_the_survey_results_on_the_demo(app, client, demo):
    from sqlalchemy import select

    from tenants.scoping import unscoped
    from workspace.surveys.models import Survey
    login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    with app.app_context(), unscoped():
        survey_id = db.session.scalar(select(Survey.id).where(Survey.round_number == 2))
    page = client.get(f"/n/{NETWORK}/surveys/{survey_id}/results").get_data(as_text=True)
    # Q1: 11, 9, 7, 3 of 30 → 36,7 %, 30 %, 23,3 %, 10 %; the scales' means 124/30 = 4,13 and 122/30 = 4,07;
    # Q4 (multiple, not required): 15, 10, 8, 6 chosen by 27 respondents (3 chose nothing)
    for text in ("36,7", "23,3", "средний балл: 4,1 из 5", "Ответили: 27", "Нужны семейные выходные в музеях."):
        assert text in page, text
    assert "<strong>80 %</strong>" in page  # satisfaction of this survey: 48 of 60 marks are 4 or 5 (was 82: mean × 20)
    # the comparison of rounds (issue 20 part 3: the demo's parents' survey ran in 2025/26 too): round 1 had 24
    # answers, satisfied 7 + 9 + 6 + 10 = 32 of 48 marks = 66,7 %; round 2: 30 answers, 80 %
    rounds = page[page.index('id="rounds"'):]
    rounds = rounds[:rounds.index("</table>")]
    previous = AcademicYear.current().start_year - 1
    for text in ("Сравнение раундов", "Раунд 1", f"{previous}/{previous + 1}", ">24<", "66,7", "Раунд 2", ">30<", ">80<"):
        assert text in rounds, text


def test_the_base_schools_own_dashboard_counts_the_events_it_leads(app, demo):
    """Issue 20: СОШ №31's own dashboard read «Запланировано 0 / Проведено 0» for its 8-event plan, because it
    counted only the sections it is the partner of. As the base of «sosh31-kultura» it leads every event of that
    network's plan: this year 5 (МИБС) + 3 (драмтеатр) = 8 planned, 3 held (МИБС №1, №2, драмтеатр №1) → 37,5 %;
    last year 2 + 2 = 4 planned, 3 held (one cancelled) → 75 %."""
    sections, _indicators = _sections(app, "sosh31")
    assert [(h.value, h.previous) for h in sections["events"].headlines] == [(8, 4), (3, 3), (37.5, 75.0)]


def test_every_counted_figure_links_the_rows_behind_it(app, client, demo):
    """Issue 20 part 3: «Как считается» of each figure links «Строки, из которых посчитано». The demo's rows,
    counted by hand: the coverage rows are this year's 5 + 4 + 5 = 14 rows of the three reports (HELD_THIS_YEAR)
    and last year's 1 + 2 + 1 = 4 (LAST_YEAR); the МИБС's own dashboard lists only its own row (6 staff)."""
    login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    page = client.get(f"/n/{NETWORK}/monitoring/").get_data(as_text=True)
    year = AcademicYear.current().start_year
    for key in ("events-by-partner", "events-by-month", "events-status-shares", "coverage-by-institution",
                "coverage-by-class", "coverage-by-category", "agreements-by-kind", "agreements-by-status",
                "projects-by-status", "attendance-by-month", "council-decisions", "pupils-by-school"):
        assert f"/n/{NETWORK}/monitoring/rows/{key}?year={year}" in page, key
    assert f'/n/{NETWORK}/surveys/' in page  # the surveys' figure links the list of surveys (its own rows)
    rows = client.get(f"/n/{NETWORK}/monitoring/rows/coverage-by-category?year={year}").get_data(as_text=True)
    assert "Строки, из которых посчитано: 18" in rows
    for text in ("Родители", "Педагоги", "Другие взрослые", ">14<", ">52<", "9 кл."):
        assert text in rows, text
    events = client.get(f"/n/{NETWORK}/monitoring/rows/events-by-partner?year={year}").get_data(as_text=True)
    assert "Строки, из которых посчитано: 12" in events  # 8 events this year, 4 last year
    agreements = client.get(f"/n/{NETWORK}/monitoring/rows/agreements-by-kind?year={year}").get_data(as_text=True)
    assert "Договоры, из которых посчитано" in agreements
    # the council: this year's two decisions and last year's four (see test_surveys_and_council)
    council = client.get(f"/n/{NETWORK}/monitoring/rows/council-decisions?year={year}").get_data(as_text=True)
    assert "Строки, из которых посчитано: 6" in council
    assert client.get(f"/n/{NETWORK}/monitoring/rows/no-such-figure").status_code == 404

    client = app.test_client()
    login(client, "koordinator@mibs.example", DEMO_PASSWORD)
    own = client.get(f"/i/mibs/monitoring/rows/coverage-by-category?year={year}").get_data(as_text=True)
    assert "Строки, из которых посчитано: 1" in own and ">6<" in own and ">52<" not in own
    dashboard = client.get("/i/mibs/monitoring/").get_data(as_text=True)
    assert f"/i/mibs/monitoring/rows/coverage-by-category?year={year}" in dashboard


def test_the_parents_row_shows_the_indicator_measuring_its_effect(app, client, demo):
    """Issue 20 part 3: the demo ties the parents' satisfaction to the model's parents row; the row's page shows
    it with its target: 80 % of 80 (48 of 60 marks 4–5, see test_surveys_and_council)."""
    from sqlalchemy import select

    from tenants.models import Network
    from tenants.scoping import unscoped
    from workspace.networks.models import InteractionRow, PartnerKind
    with app.app_context(), unscoped():
        row_id = db.session.scalar(select(InteractionRow.id).join(Network, Network.id == InteractionRow.network_id)
                                   .where(Network.slug == NETWORK, InteractionRow.kind == PartnerKind.PARENTS))
    login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    page = client.get(f"/n/{NETWORK}/model/{row_id}").get_data(as_text=True)
    assert "<dt>Удовлетворённость родителей сетевыми мероприятиями</dt><dd>80 % / цель 80</dd>" in page
