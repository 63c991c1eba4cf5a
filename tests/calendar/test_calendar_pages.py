"""The calendar pages: month grid and list, filters by partner and class, an institution across its networks."""
from __future__ import annotations

from lxml import html

from tests.conftest import login, post_form
from workspace.core.dates import local_today

NOVEMBER = "?month=2026-11"


def _world(make):
    school = make.institution("Школа №31", slug="s31")
    library = make.institution("МБУ «МИБС»", kind="library", slug="mibs")
    theatre = make.institution("Драмтеатр", kind="theatre", slug="theatre")
    network = make.network(school, name="Культура рядом", slug="kultura")
    make.member(network, library, "social_partner")
    make.member(network, theatre, "social_partner")
    plan = make.plan(network, 2026, title="План 2026/2027")
    library_section = make.section(plan, "План мероприятий с МБУ «МИБС»", library)
    theatre_section = make.section(plan, "План мероприятий с драмтеатром", theatre, position=2)
    make.item(library_section, "Библиосумерки", "22-24.11.", audience="5-9 классы")
    make.item(library_section, "Конкурс чтецов", "10.11.", position=2)
    make.item(library_section, "Участие в конкурсах", "в течение года", position=3)
    make.item(library_section, "Встреча с писателем", "по согласованию", position=4, audience="1-4 классы")
    make.item(theatre_section, "Спектакль «Гроза»", "ноябрь – декабрь", audience="9-11 классы")
    make.item(theatre_section, "Театральный урок", "февраль", position=2, audience="5-7 классы")
    return school, library, theatre, network, plan


def _day_cell(page: str, day: int):
    tree = html.fromstring(page)
    for cell in tree.xpath("//table[contains(@class, 'month')]//td[contains(concat(' ', @class, ' '), ' day ')]"):
        if "other-month" in cell.get("class"):
            continue
        number = cell.xpath(".//span[contains(@class, 'day-number')]")[0].text.strip()
        if number == str(day):
            return cell.text_content()
    raise AssertionError(f"no day {day} in the grid")


def _section_text(page: str, heading: str) -> str:
    tree = html.fromstring(page)
    for node in tree.xpath("//h2|//h3"):
        if node.text_content().strip() == heading:
            return node.getparent().text_content() if node.tag == "h2" else node.getnext().text_content()
    raise AssertionError(f"no heading {heading!r}")


def test_month_view_puts_items_on_their_days(client, make, login_as):
    school, *_ = _world(make)
    login_as(make.user(school, "teacher"))
    response = client.get("/n/kultura/calendar/" + NOVEMBER)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "ноябрь 2026" in page and "октябрь" in page and "декабрь" in page  # heading, previous, next
    for day in (22, 23, 24):
        assert "Библиосумерки" in _day_cell(page, day)
    assert "Библиосумерки" not in _day_cell(page, 21)
    assert "Конкурс чтецов" in _day_cell(page, 10)
    assert "Конкурс чтецов" not in _day_cell(page, 11)
    # Long items are listed once above the grid, never on every day.
    period = _section_text(page, "В течение периода")
    assert "Участие в конкурсах" in period and "01.09.2026 — 31.08.2027" in period
    assert "Спектакль «Гроза»" in period
    assert "Участие в конкурсах" not in _day_cell(page, 5) and "Гроза" not in _day_cell(page, 5)
    # Nothing disappears: an unread timing is listed with its text.
    unread = _section_text(page, "Сроки не прочитаны")
    assert "Встреча с писателем" in unread and "по согласованию" in unread
    assert "Театральный урок" not in page  # February
    # The week starts on Monday: 1 November 2026 is a Sunday, in the last column of the first row.
    tree = html.fromstring(page)
    first_row = tree.xpath("//table[contains(@class, 'month')]/tbody/tr[1]/td")
    assert len(first_row) == 7 and "other-month" not in first_row[6].get("class")
    assert "понедельник" in tree.xpath("//table[contains(@class, 'month')]/thead//th[1]")[0].text_content()


def test_month_view_marks_today_and_opens_on_the_current_month(client, make, login_as):
    school, *_ = _world(make)
    login_as(make.user(school, "teacher"))
    page = client.get("/n/kultura/calendar/").get_data(as_text=True)
    tree = html.fromstring(page)
    today = tree.xpath("//td[contains(@class, 'today')]//*[@aria-current='date']")
    assert len(today) == 1 and today[0].text.strip() == str(local_today().day)


def test_list_view_is_chronological_and_grouped_by_month(client, make, login_as):
    school, *_ = _world(make)
    login_as(make.user(school, "staff"))
    page = client.get("/n/kultura/calendar/?view=list&month=2026-11").get_data(as_text=True)
    assert "2026/2027 учебный год" in page
    order = ["Участие в конкурсах", "Спектакль «Гроза»", "Конкурс чтецов", "Библиосумерки", "Театральный урок"]
    positions = [page.index(title) for title in order]
    assert positions == sorted(positions)
    tree = html.fromstring(page)
    months = [h.text_content() for h in tree.xpath("//div[@id='calendar']//h3")]
    assert months == ["сентябрь 2026", "ноябрь 2026", "февраль 2027"]
    assert "22.11.2026 — 24.11.2026" in page and "5-9 классы" in page
    assert "Встреча с писателем" in _section_text(page, "Сроки не прочитаны")


def test_filter_by_partner(client, make, login_as):
    school, library, theatre, *_ = _world(make)
    login_as(make.user(school, "coordinator"))
    page = client.get(f"/n/kultura/calendar/?view=list&month=2026-11&partner={theatre.id}").get_data(as_text=True)
    assert "Спектакль «Гроза»" in page and "Театральный урок" in page
    assert "Библиосумерки" not in page and "Конкурс чтецов" not in page
    assert f'<option value="{theatre.id}" selected>' in page
    page = client.get(f"/n/kultura/calendar/?view=list&month=2026-11&partner={library.id}").get_data(as_text=True)
    assert "Библиосумерки" in page and "Спектакль «Гроза»" not in page


def test_filter_by_class_keeps_items_without_grades(client, make, login_as):
    school, *_ = _world(make)
    login_as(make.user(school, "coordinator"))
    page = client.get("/n/kultura/calendar/?view=list&month=2026-11&grade=6").get_data(as_text=True)
    assert "Библиосумерки" in page and "Театральный урок" in page  # 5-9, 5-7
    assert "Конкурс чтецов" in page and "Участие в конкурсах" in page  # no grades: for everyone
    assert "Спектакль «Гроза»" not in page  # 9-11
    assert "Встреча с писателем" not in page  # 1-4, even though its timing is unread
    page = client.get("/n/kultura/calendar/?view=list&month=2026-11&grade=10").get_data(as_text=True)
    assert "Спектакль «Гроза»" in page and "Библиосумерки" not in page


def test_unknown_filter_values_are_ignored(client, make, login_as):
    school, *_ = _world(make)
    login_as(make.user(school, "coordinator"))
    response = client.get("/n/kultura/calendar/?view=list&month=2026-13&partner=999999&grade=12")
    assert response.status_code == 200  # a month that does not exist: the current month
    page = client.get("/n/kultura/calendar/?view=list&month=2026-11&partner=abc&grade=0").get_data(as_text=True)
    assert "Библиосумерки" in page and "Спектакль «Гроза»" in page


def test_htmx_filter_gets_only_the_calendar_part(client, make, login_as):
    school, _library, theatre, *_ = _world(make)
    login_as(make.user(school, "coordinator"))
    response = client.get(f"/n/kultura/calendar/?month=2026-11&partner={theatre.id}",
                          headers={"HX-Request": "true", "HX-Target": "calendar"})
    page = response.get_data(as_text=True)
    assert page.lstrip().startswith('<div id="calendar"') and "<html" not in page
    assert "Спектакль «Гроза»" in page and "Библиосумерки" not in page
    assert "HX-Request" in response.headers["Vary"]
    # The month links keep the filter.
    assert f"month=2026-12&amp;partner={theatre.id}" in page or f"partner={theatre.id}&amp;month=2026-12" in page


def test_empty_states(client, make, login_as):
    school = make.institution("Школа", slug="lonely")
    make.network(school, slug="empty-net")
    login_as(make.user(school, "teacher"))
    page = client.get("/n/empty-net/calendar/?month=2026-11").get_data(as_text=True)
    assert "В этом месяце мероприятий нет." in page
    assert "Сроки не прочитаны" not in page
    page = client.get("/n/empty-net/calendar/?view=list").get_data(as_text=True)
    assert "В этом учебном году мероприятий со сроками нет." in page
    assert "Ссылки на календарь пока нет." in page


def test_institution_calendar_spans_its_networks_only(app, client, make, login_as):
    school, library, _theatre, _network, _plan = _world(make)
    other = make.network(library, name="Библиотечная сеть", slug="books")
    other_plan = make.plan(other, 2026)
    make.item(make.section(other_plan, "Раздел", library), "Неделя детской книги", "25.11.")
    stranger = make.institution("Чужая школа", slug="stranger")
    foreign = make.network(stranger, name="Чужая сеть", slug="foreign")
    make.member(foreign, make.institution("Чужой музей", kind="museum", slug="fmuseum"), "social_partner")
    foreign_plan = make.plan(foreign, 2026)
    make.item(make.section(foreign_plan, "Чужой раздел", stranger), "Чужое мероприятие", "25.11.")

    login_as(make.user(library, "coordinator"))
    page = client.get("/i/mibs/calendar/" + NOVEMBER).get_data(as_text=True)
    assert "Библиосумерки" in _day_cell(page, 22)
    assert "Неделя детской книги" in _day_cell(page, 25)
    assert "Чужое мероприятие" not in page and "Чужая сеть" not in page and "Чужой музей" not in page
    tree = html.fromstring(page)
    assert [o.text for o in tree.xpath("//select[@name='net']/option")] == [
        "Все сети", "Библиотечная сеть", "Культура рядом"]
    # Filter by network.
    page = client.get(f"/i/mibs/calendar/{NOVEMBER}&net={other.id}").get_data(as_text=True)
    assert "Неделя детской книги" in page and "Библиосумерки" not in page
    # A foreign network id in the filter is ignored, never shown.
    page = client.get(f"/i/mibs/calendar/{NOVEMBER}&net={foreign.id}").get_data(as_text=True)
    assert "Чужое мероприятие" not in page and "Библиосумерки" in page

    # The school is only in the first network.
    teacher_client = app.test_client()
    login(teacher_client, make.user(school, "teacher").email)
    page = teacher_client.get("/i/s31/calendar/" + NOVEMBER).get_data(as_text=True)
    assert "Библиосумерки" in page and "Неделя детской книги" not in page


def test_calendar_is_in_the_network_menu_and_on_the_desk(client, make, login_as):
    school, *_ = _world(make)
    login_as(make.user(school, "teacher"))
    page = client.get("/n/kultura/calendar/").get_data(as_text=True)
    assert 'href="/n/kultura/calendar/" aria-current="page">Календарь</a>' in page
    assert 'href="/i/s31/calendar/"' in client.get("/i/s31/").get_data(as_text=True)


def test_calendar_speaks_english(client, make, login_as):
    school, *_ = _world(make)
    login_as(make.user(school, "teacher"))
    post_form(client, "/language", {"lang": "en", "next": "/n/kultura/calendar/"}, page_url="/n/kultura/calendar/")
    page = client.get("/n/kultura/calendar/" + NOVEMBER).get_data(as_text=True)
    assert "Event calendar" in page and "November 2026" in page
