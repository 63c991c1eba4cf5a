"""An item of several periods («октябрь, март»): each period kept, shown on the plan, in the calendar (October and
March, not the months between) and in the feed; and inline editing flags a timing as the import does."""
from __future__ import annotations

import io
import re
from datetime import date

from icalendar import Calendar
from openpyxl import Workbook
from sqlalchemy import select

from tests.calendar.test_feeds import _create
from tests.conftest import post_form
from tests.plans.test_plan_import import _import
from workspace.extensions import db
from workspace.plans.models import PlanItem
from workspace.plans.periods import decode_periods

D = date


def _network(make):
    school = make.institution("Школа №31", slug="s31")
    library = make.institution("МБУ «МИБС»", kind="library", slug="mibs")
    network = make.network(school, name="Культура рядом", slug="kultura")
    make.member(network, library, "social_partner")
    plan = make.plan(network, 2026, title="План 2026/2027")
    section = make.section(plan, "План мероприятий с МБУ «МИБС»", library)
    coordinator = make.user(school, "coordinator")
    return school, plan, section, coordinator


def _plan_file(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["№", "Мероприятие", "Классы", "Сроки", "Ответственные", "Форма отчётности"])
    for number, (title, timing) in enumerate(rows, start=1):
        sheet.append([number, title, "5-7 классы", timing, "Иванова И. И.", "Фотоотчёт"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _saved(read, title: str) -> PlanItem:
    with read():
        return db.session.scalar(select(PlanItem).where(PlanItem.title == title))


def _month(client, month: str) -> str:
    response = client.get(f"/n/kultura/calendar/?month={month}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_imported_october_and_march_stay_two_periods_everywhere(client, make, login_as, read):
    _school, plan, _section, coordinator = _network(make)
    login_as(coordinator)
    _import(client, plan, _plan_file(("Неделя детской книги", "октябрь, март")))
    item = _saved(read, "Неделя детской книги")
    assert (item.starts_on, item.ends_on) == (D(2026, 10, 1), D(2027, 3, 31))  # the span, for the desk
    assert item.periods == "2026-10-01/2026-10-31;2027-03-01/2027-03-31"
    assert decode_periods(item.periods, item.starts_on, item.ends_on) == [
        (D(2026, 10, 1), D(2026, 10, 31)), (D(2027, 3, 1), D(2027, 3, 31))]

    page = client.get(f"/n/kultura/plans/{plan.id}").get_data(as_text=True)
    assert "октябрь, март" in page and "01.10–31.10.2026;<br>01.03–31.03.2027" in page
    assert "01.10.2026 — 31.03.2027" not in page

    # The month grid (and the phone's agenda): October and March, not the months between.
    for month in ("2026-10", "2027-03"):
        assert "Неделя детской книги" in _month(client, month), month
    for month in ("2026-11", "2026-12", "2027-01", "2027-02"):
        shown = _month(client, month)
        assert "Неделя детской книги" not in shown and "В этом месяце мероприятий нет." in shown, month

    # The list of the year: once under October, once under March.
    listed = client.get("/n/kultura/calendar/?view=list&month=2026-10").get_data(as_text=True)
    assert listed.count("Неделя детской книги") == 2
    assert listed.index("октябрь 2026") < listed.index("Неделя детской книги") < listed.index("март 2027")
    assert "ноябрь 2026" not in listed
    # A day of the list («ещё N» of a busy day): a day in November has nothing, one in March has the item.
    assert "Неделя детской книги" not in client.get(
        "/n/kultura/calendar/?view=list&day=2026-11-15").get_data(as_text=True)
    assert "Неделя детской книги" in client.get(
        "/n/kultura/calendar/?view=list&day=2027-03-15").get_data(as_text=True)

    # The institution's calendar (all its networks) reads the same way.
    institution = client.get("/i/s31/calendar/?month=2027-01").get_data(as_text=True)
    assert "Неделя детской книги" not in institution
    assert "Неделя детской книги" in client.get("/i/s31/calendar/?month=2027-03").get_data(as_text=True)

    # The feed: one all-day event per period, each with its own UID.
    path = _create(client, "/n/kultura/calendar/")
    feed = client.application.test_client().get(path)
    events = [event for event in Calendar.from_ical(feed.data).walk("VEVENT")
              if str(event["SUMMARY"]) == "Неделя детской книги"]
    assert sorted((event.decoded("DTSTART"), event.decoded("DTEND")) for event in events) == [
        (D(2026, 10, 1), D(2026, 11, 1)), (D(2027, 3, 1), D(2027, 4, 1))]
    assert len({str(event["UID"]) for event in events}) == 2


def test_one_period_is_stored_as_its_span_only(client, make, login_as, read):
    _school, plan, _section, coordinator = _network(make)
    login_as(coordinator)
    _import(client, plan, _plan_file(("Библиосумерки", "сентябрь - октябрь")))
    item = _saved(read, "Библиосумерки")
    assert (item.starts_on, item.ends_on, item.periods) == (D(2026, 9, 1), D(2026, 10, 31), "")
    assert "Библиосумерки" in _month(client, "2026-10")
    page = client.get(f"/n/kultura/plans/{plan.id}").get_data(as_text=True)
    assert "01.09.2026 — 31.10.2026" in page


def _edit_timing(client, plan, item, value: str, version: int = 1):
    url = f"/n/kultura/plans/{plan.id}/items/{item.id}/cells/timing"
    return post_form(client, url, {"value": value, "version": str(version)},
                     headers={"HX-Request": "true", "HX-Target": f"item-{item.id}-timing"})


def test_inline_edit_keeps_each_month(client, make, login_as, read):
    _school, plan, section, coordinator = _network(make)
    item = make.item(section, "Литературная гостиная", "сентябрь")
    login_as(coordinator)
    response = _edit_timing(client, plan, item, "сентябрь, январь, май")
    cell = response.get_data(as_text=True)
    assert response.status_code == 200 and cell.startswith('<td data-label="Сроки"')
    assert "01.09–30.09.2026;<br>01.01–31.01.2027;<br>01.05–31.05.2027" in cell and "flagged" not in cell
    saved = _saved(read, "Литературная гостиная")
    assert saved.periods.count(";") == 2 and (saved.starts_on, saved.ends_on) == (D(2026, 9, 1), D(2027, 5, 31))
    assert "Литературная гостиная" in _month(client, "2027-01")
    assert "Литературная гостиная" not in _month(client, "2026-12")

    # Back to one month: the periods go.
    _edit_timing(client, plan, item, "декабрь", version=2)
    saved = _saved(read, "Литературная гостиная")
    assert (saved.periods, saved.starts_on) == ("", D(2026, 12, 1))


def test_inline_edit_of_every_quarter_is_four_periods(client, make, login_as, read):
    _school, plan, section, coordinator = _network(make)
    item = make.item(section, "Единый классный час", "сентябрь")
    login_as(coordinator)
    cell = _edit_timing(client, plan, item, "в каждую четверть").get_data(as_text=True)
    assert "01.09–31.10.2026;<br>01.11–31.12.2026;<br>01.01–31.03.2027;<br>01.04–31.05.2027" in cell
    saved = _saved(read, "Единый классный час")
    assert len(decode_periods(saved.periods, saved.starts_on, saved.ends_on)) == 4
    assert "Единый классный час" not in _month(client, "2027-06")


def test_inline_edit_flags_a_timing_outside_the_plans_year(client, make, login_as, read):
    """«К маю 2024» in a 2026/27 plan: the import's preview warns, so does the cell; the value is kept as typed
    (saving it again is the user's deliberate choice) and the cell stays flagged until it is corrected."""
    _school, plan, section, coordinator = _network(make)
    item = make.item(section, "Отчёт о работе", "сентябрь")
    login_as(coordinator)
    response = _edit_timing(client, plan, item, "К маю 2024")
    cell = response.get_data(as_text=True)
    assert response.status_code == 200 and 'class="cell flagged"' in cell
    assert "Срок вне 2026/2027 учебного года плана: 31.05.2024" in cell
    saved = _saved(read, "Отчёт о работе")
    assert (saved.timing, saved.ends_on) == ("К маю 2024", D(2024, 5, 31))

    # The plan page flags it as well (the row knows the plan's year).
    page = client.get(f"/n/kultura/plans/{plan.id}").get_data(as_text=True)
    assert "Срок вне 2026/2027 учебного года плана: 31.05.2024" in page
    # The «Отмена» of a later edit draws the same flagged cell.
    shown = client.get(f"/n/kultura/plans/{plan.id}/items/{item.id}/cells/timing/view",
                       headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Срок вне 2026/2027 учебного года плана" in shown

    corrected = _edit_timing(client, plan, item, "К маю", version=2).get_data(as_text=True)
    assert "Срок вне" not in corrected and "flagged" not in corrected
    assert _saved(read, "Отчёт о работе").ends_on == D(2027, 5, 31)


def test_inline_edit_of_an_unreadable_timing_says_why(client, make, login_as, read):
    _school, plan, section, coordinator = _network(make)
    item = make.item(section, "Встреча с писателем", "сентябрь")
    login_as(coordinator)
    cell = _edit_timing(client, plan, item, "по мере необходимости").get_data(as_text=True)
    assert 'class="cell flagged"' in cell and "Не удалось прочитать сроки" in cell
    assert re.search(r"Срок не распознан \(непонятное слово «мере»\) — укажите даты", cell.replace("&#34;", '"'))
    saved = _saved(read, "Встреча с писателем")
    assert (saved.starts_on, saved.periods, saved.timing_is_read) == (None, "", False)


def test_monitoring_counts_an_item_in_the_month_of_each_period(app, make):
    """The dashboard's «Мероприятия по месяцам»: «октябрь, март» counts in October and in March; the year's
    total counts it once."""
    from tenants.scoping import set_scope
    from workspace.core.dates import AcademicYear
    from workspace.monitoring.registry import MonitoringScope
    from workspace.plans.monitoring import event_totals, events_section

    _school, plan, section, _coordinator = _network(make)
    make.item(section, "Неделя детской книги", "октябрь, март")
    make.item(section, "Праздник Дня знаний", "сентябрь")
    with app.test_request_context():
        set_scope(institution_id=None, network_ids=[plan.network_id])
        scope = MonitoringScope(network_ids=[plan.network_id], institution_id=None, year=AcademicYear(2026))
        by_month = next(figure for figure in events_section(scope).figures if figure.key == "events-by-month")
        planned = by_month.series[0][1]  # September … August
        assert planned == [1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
        assert event_totals(scope)[2026]["planned"] == 2


def test_a_roadmap_task_keeps_each_period_as_well(client, make, login_as, read):
    """A project's roadmap reads its terms with the plan's reader: «октябрь, март» is two periods there too."""
    from tests.projects.test_project_pages import _network as _project_network
    from workspace.projects.models import ProjectTask

    school, _library, _museum, network = _project_network(make)
    project = make.project(network, school, "Проект")
    task = make.task(project, "Собеседование", "сентябрь")
    login_as(make.user(school, "coordinator"))
    url = f"/n/kultura/projects/{project.id}/tasks/{task.id}/cells/timing"
    response = post_form(client, url, {"value": "октябрь, март", "version": "1"},
                         headers={"HX-Request": "true", "HX-Target": f"task-{task.id}-timing"})
    assert response.status_code == 200
    assert "01.10–31.10.2026;<br>01.03–31.03.2027" in response.get_data(as_text=True)
    with read():
        saved = db.session.scalar(select(ProjectTask).where(ProjectTask.id == task.id))
    assert saved.periods == "2026-10-01/2026-10-31;2027-03-01/2027-03-31"
    assert (saved.starts_on, saved.ends_on) == (D(2026, 10, 1), D(2027, 3, 31))


def test_items_saved_before_the_periods_were_kept_get_them_from_the_command(app, make, read):
    """Migration 0028 cannot read timing phrases: ``flask fill-periods`` reads the saved ones again."""
    from sqlalchemy import update

    from workspace.projects.models import ProjectTask

    school = make.institution("Школа №31", slug="s31")
    network = make.network(school, name="Культура рядом", slug="kultura")
    section = make.section(make.plan(network, 2026), "Раздел")
    two = make.item(section, "Неделя детской книги", "октябрь, март")
    one = make.item(section, "Праздник Дня знаний", "сентябрь")
    task = make.task(make.project(network, school, "Проект"), "Собеседование", "октябрь, март")
    with read():
        db.session.execute(update(PlanItem).values(periods=""))
        db.session.execute(update(ProjectTask).values(periods=""))
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["fill-periods"])
    assert result.exit_code == 0, result.output
    assert "2 item(s)" in result.output
    with read():
        periods = dict(db.session.execute(select(PlanItem.id, PlanItem.periods)).all())
        task_periods = db.session.scalar(select(ProjectTask.periods).where(ProjectTask.id == task.id))
    assert periods == {two.id: "2026-10-01/2026-10-31;2027-03-01/2027-03-31", one.id: ""}
    assert task_periods == "2026-10-01/2026-10-31;2027-03-01/2027-03-31"


def test_items_of_several_periods_keep_the_pinned_statement_counts(app, client, make, login_as, read,
                                                                    count_queries):
    """The plan page and the calendar read the periods with the items: the counts pinned in
    tests/core/test_query_budgets.py hold however many items have several periods."""
    from tests.core.test_query_budgets import (
        BUDGETS,
        CALENDAR_BUDGETS,
        CALENDAR_RLS_CONTEXT,
        RLS_CONTEXT,
        _populate,
    )
    from workspace.plans.models import PlanSection

    login_as(_populate(make, 12))
    with read():
        section = db.session.scalar(select(PlanSection).order_by(PlanSection.id))
        plan_id = section.plan_id
    for n in range(12):
        make.item(section, f"Мероприятие из двух сроков {n}", ("октябрь, март", "в каждую четверть",
                                                               "5, 12, 19 октября")[n % 3], position=100 + n)
    on_postgresql = app.extensions["test_connection"].dialect.name == "postgresql"
    pages = {"/n/net/calendar/?month=2026-10": ("calendar", CALENDAR_BUDGETS, CALENDAR_RLS_CONTEXT),
             "/n/net/calendar/?month=2027-03": ("calendar", CALENDAR_BUDGETS, CALENDAR_RLS_CONTEXT),
             "/n/net/calendar/?view=list&month=2026-10": ("calendar-list", CALENDAR_BUDGETS, CALENDAR_RLS_CONTEXT),
             "/i/school/calendar/?month=2027-03": ("institution-calendar", CALENDAR_BUDGETS, CALENDAR_RLS_CONTEXT),
             f"/n/net/plans/{plan_id}": ("plan", BUDGETS, RLS_CONTEXT)}
    for url, (page, budgets, rls) in pages.items():
        client.get(url)
        with count_queries() as statements:
            response = client.get(url)
        assert response.status_code == 200 and "Мероприятие из двух сроков" in response.get_data(as_text=True), url
        assert len(statements) == budgets[page] + (rls[page] if on_postgresql else 0), url


def test_days_of_a_list_are_days_not_a_fortnight(client, make, login_as):
    """«5, 12, 19 октября»: three days on the grid and in the day lists, not 5–19 October as one long item."""
    _school, _plan, section, coordinator = _network(make)
    make.item(section, "Школа юного читателя", "5, 12, 19 октября")
    login_as(coordinator)
    for day, shown in (("2026-10-05", True), ("2026-10-06", False), ("2026-10-12", True), ("2026-10-18", False),
                       ("2026-10-19", True)):
        page = client.get(f"/n/kultura/calendar/?view=list&day={day}").get_data(as_text=True)
        assert ("Школа юного читателя" in page) == shown, day
    month = _month(client, "2026-10")
    assert "В течение периода" not in month  # not among the long items above the grid
    assert month.count('title="Школа юного читателя"') == 3  # the grid's three days
