"""Issue 19's «Done means» as one browser test: a school's coordinator, starting from an empty deployment (the operator
and five institutions with their heads, nothing else), creates a network, invites three partners (their heads accept
on their desks), seats the council, fills the programme's passport and the interaction model with a parent row and a
non-member agency row (ГИБДД), imports the year's plan from Excel, runs the year (past events reported, which marks
them held), prepares the yearly analysis (figures per partner computed from the plan), writes the decisions, gets it
approved by the council's e-vote and starts next year's plan from it, one partner dropped as decided.

Dates: the plan is for the current academic year; its autumn events are in the past and get reports, its spring ones
are still ahead (planned, not held). The product lets the analysis of the current year be prepared before the year
ends (the figures are «on the day»), so no finished year has to be faked; next year's plan is the year after.

With ``E2E_SHOTS=<dir>`` the key steps are saved as full-page screenshots (to look at, not to commit).
"""
from __future__ import annotations

import io
import os
import re
from datetime import timedelta

import pytest

from tests.e2e.conftest import log_in_through_form
from tests.e2e.empty_deployment import serve_empty_deployment
from tests.e2e.support import expect
from workspace.core.dates import AcademicYear, local_today

pytestmark = pytest.mark.e2e

SHOTS = os.environ.get("E2E_SHOTS")
YEAR = AcademicYear.current()
NEXT = AcademicYear(YEAR.start_year + 1)
TODAY = local_today()

COORDINATOR = "zam.vr@sosh12.empty"
DIRECTOR = "direktor@sosh12.empty"
HEADS = {"cbs": "direktor@cbs.empty", "kraeved": "direktor@kraeved.empty", "dyussh": "direktor@dyussh.empty"}
LIBRARY, MUSEUM, SPORT = "МБУК «ЦБС»", "Краеведческий музей", "МБУ ДО «ДЮСШ»"
NETWORK_NAME = "Открытое пространство школы №12"
AGENCY = "ОГИБДД УМВД России по г. Новокузнецку"
PARENTS = "Родители (законные представители)"


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory):
    yield from serve_empty_deployment(tmp_path_factory)


@pytest.fixture
def open_as(browser, empty_server, watched):
    """``open_as(user, path)`` → a page in a new context with that user's session (logged in through the form)."""
    contexts, states = [], {}

    def opener(user: str, path: str):
        if user not in states:
            login = browser.new_context(base_url=empty_server.url, locale="ru-RU")
            try:
                log_in_through_form(login.new_page(), user)
                states[user] = login.storage_state()
            finally:
                login.close()
        context = browser.new_context(base_url=empty_server.url, locale="ru-RU", storage_state=states[user],
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        watched.watch(page)
        page.goto(path)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not watched.errors, "errors in the browser:\n" + "\n".join(watched.errors)


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/cycle-{name}.png", full_page=True)


def _plan_workbook() -> bytes:
    """The year's plan as a school keeps it: a title line per partner (the section), events with their months.
    September–November are behind us on 4 December; March and April are ahead."""
    from openpyxl import Workbook
    workbook = Workbook()
    sheet = workbook.active
    for row in (
        (f"План мероприятий сетевого взаимодействия на {YEAR.label} учебный год",),
        ("№", "Мероприятие", "Классы", "Сроки", "Ответственные", "Форма отчётности"),
        (f"Раздел 1. Совместно с {LIBRARY}",),
        (1, "Библиотечный урок «Книга и читатель»", "5-6", "сентябрь", "Зам. директора по ВР", "Фотоотчёт"),
        (2, "Неделя детской книги", "1-4", "март", "Классные руководители", "Фотоотчёт"),
        (f"Раздел 2. Совместно с {MUSEUM}",),
        (3, "Экскурсия «Город в годы войны»", "7-8", "октябрь", "Учителя истории", "Фотоотчёт"),
        (4, "Музейный урок «Ремёсла края»", "5", "ноябрь", "Учителя технологии", "Справка"),
        (f"Раздел 3. Совместно с {SPORT}",),
        (5, "Весенний кросс", "5-9", "апрель", "Учителя физкультуры", "Протокол"),
        ("Раздел 4. Работа с родителями и ведомствами",),
        (6, "Родительский лекторий «Безопасные каникулы»", "1-9", "ноябрь", "Социальный педагог", "Протокол"),
        (7, "Беседа инспектора ГИБДД «Дорога домой»", "1-4", "сентябрь", "Классные руководители", "Справка"),
    ):
        sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def _partner_card(page, partner: str):
    return page.locator("#partners article", has=page.get_by_role("heading", name=partner, exact=True))


def _vote(page) -> None:
    page.locator("[id^='vote-']").first.get_by_role("button", name="За", exact=True).click()
    expect(page.locator("[id^='vote-']").first).to_contain_text("Ваш голос: За.")


def _invite(page, search: str, name: str, role: str) -> None:
    page.get_by_label("Найти учреждение по названию").fill(search)
    # «Найти» (the form's own submit) rather than the live search: a value filled the instant the page was swapped
    # in can land before htmx watches the field («input changed»), and then no list comes
    page.get_by_role("button", name="Найти").click()
    choice = page.get_by_role("radio", name=name)
    expect(choice).to_be_visible()
    choice.check()
    page.get_by_label("Статус в сети").first.select_option(role)
    page.get_by_role("button", name="Пригласить").click()
    expect(page.get_by_role("cell", name=name)).to_be_visible()


def _accept(open_as, head: str, slug: str) -> None:
    page = open_as(head, f"/i/{slug}/")
    invitations = page.locator("#network-invitations")
    expect(invitations).to_contain_text(NETWORK_NAME)
    invitations.get_by_role("link", name="Принять").click()
    expect(page.get_by_role("heading", name="Вступить в сеть?")).to_be_visible()
    page.get_by_role("button", name="Принять приглашение").click()
    expect(page.get_by_role("heading", name=NETWORK_NAME)).to_be_visible()


def test_a_school_runs_the_programme_year_from_an_empty_deployment(open_as):
    # 1. the network: the coordinator starts it from the school's desk
    page = open_as(COORDINATOR, "/i/sosh12/")
    page.get_by_role("link", name="Создать сеть").first.click()
    expect(page.get_by_role("heading", name="Новая сеть")).to_be_visible()
    page.get_by_label("Название сети (программы сетевого взаимодействия)").fill(NETWORK_NAME)
    page.get_by_label("Начало").fill(YEAR.starts_on.isoformat())
    page.get_by_label("Окончание").fill(AcademicYear(YEAR.start_year + 2).ends_on.isoformat())
    page.get_by_label("Цель").fill("Создание открытого образовательного пространства школы с партнёрами микрорайона")
    page.get_by_role("button", name="Создать сеть").click()

    # 2. three partners invited; each head accepts on the institution's desk
    expect(page.get_by_role("heading", name="Приглашения в сеть")).to_be_visible()
    invitations_url = page.url
    network = "/" + "/".join(invitations_url.split("/")[3:5]) + "/"   # /n/<slug>/
    _invite(page, "ЦБС", LIBRARY, "network_partner")
    _invite(page, "музей", MUSEUM, "social_partner")
    _invite(page, "ДЮСШ", SPORT, "social_partner")
    expect(page.get_by_text("ожидает")).to_have_count(3)
    shot(page, "01-invitations")
    for slug, head in HEADS.items():
        _accept(open_as, head, slug)
    page.reload()
    expect(page.get_by_text("ожидает")).to_have_count(0)
    shot(page, "02-accepted")

    # 3. the council: a founded network has no seats; the base's coordinator seats the director as chair,
    #    herself as secretary and the partners' heads as members
    council = open_as(COORDINATOR, network + "council/")
    expect(council.get_by_text("В совет пока никто не входит. Без совета нельзя утвердить план")).to_be_visible()
    for person, role in (("Сергеева Наталья Петровна — МБОУ «СОШ №12»", "chair"),
                         ("Иванова Ольга Николаевна — МБОУ «СОШ №12»", "secretary"),
                         (f"Белова Татьяна Андреевна — {LIBRARY}", "member"),
                         (f"Лебедева Анна Павловна — {MUSEUM}", "member"),
                         (f"Гучетль Аскер Хамидович — {SPORT}", "member")):
        council.get_by_role("link", name="Добавить члена совета").click()
        council.get_by_role("combobox", name="Сотрудник учреждения-участника").select_option(label=person)
        council.locator("#staff-role").select_option(role)
        council.get_by_role("button", name="Добавить").click()
        expect(council.locator(".flashes")).to_contain_text("Место в совете добавлено.")
    seats = council.get_by_role("table", name="Члены координационного совета").locator("tbody tr")
    expect(seats).to_have_count(5)
    expect(seats.filter(has_text="Председатель")).to_contain_text("Сергеева Наталья Петровна")
    expect(seats.filter(has_text="Гучетль Аскер Хамидович").locator("td")).to_contain_text(["Член совета", SPORT])
    shot(council, "03-council")

    # 4. the passport: name, goal and period come from the network; the coordinator adds the rest
    passport = open_as(COORDINATOR, network + "passport/")
    expect(passport.get_by_text("Паспорт программы ещё не заполнен.")).to_be_visible()
    passport.get_by_role("link", name="Заполнить паспорт программы").click()
    expect(passport.get_by_label("Наименование программы")).to_have_value(NETWORK_NAME)
    passport.get_by_label("Разработчик").fill("Администрация МБОУ «СОШ №12»")
    passport.get_by_label("Исполнители").fill("Педагогический коллектив школы, партнёры сети")
    passport.get_by_label("Задачи").fill("Расширить формы внеурочной деятельности\nВовлечь родителей в жизнь школы")
    passport.get_by_label("Для обучающихся").fill("Рост числа участников мероприятий")
    passport.get_by_label("Для родителей").fill("Участие в совместных делах школы")
    passport.get_by_role("button", name="Сохранить").click()
    expect(passport.locator(".flashes")).to_contain_text("Паспорт программы создан с четырьмя этапами.")
    expect(passport.locator("#passport")).to_contain_text("Администрация МБОУ «СОШ №12»")
    expect(passport.get_by_text("Подготовительный").first).to_be_visible()
    shot(passport, "04-passport")

    # 5. the interaction model: the members' rows, then the parents and the traffic police (no account of their own)
    model = open_as(COORDINATOR, network + "model/")
    shot(model, "05a-model")
    for partner, forms, effect in ((LIBRARY, "Библиотечный урок\nНеделя детской книги", "Читающая школа"),
                                   (MUSEUM, "Экскурсия\nМузейный урок", "Знание истории своего края")):
        model.get_by_role("link", name="Добавить партнёра").click()
        model.get_by_label("Социальный партнёр").select_option(label=partner)
        model.get_by_label("Формы взаимодействия (каждая с новой строки)").fill(forms)
        model.get_by_label("Социальный эффект").fill(effect)
        model.get_by_role("button", name="Сохранить").click()
        expect(model.locator(".flashes")).to_contain_text("Строка модели добавлена.")
    model.get_by_role("link", name="Добавить партнёра").click()
    model.get_by_label("Социальный партнёр").select_option(label="Родители")
    model.get_by_label("Формы взаимодействия (каждая с новой строки)").fill("Родительский лекторий\nСемейные праздники")
    model.get_by_label("Социальный эффект").fill("Родители — участники образовательного процесса")
    model.get_by_role("button", name="Сохранить").click()
    expect(model.locator(".flashes")).to_contain_text("Строка модели добавлена.")
    model.get_by_role("link", name="Добавить партнёра").click()
    model.get_by_label("Социальный партнёр").select_option(label="Ведомство, служба")
    model.get_by_label("Наименование партнёра (если он не участник сети)").fill(AGENCY)
    model.get_by_label("Формы взаимодействия (каждая с новой строки)").fill("Беседы по безопасности дорожного движения")
    model.get_by_label("Социальный эффект").fill("Нет ДТП с участием обучающихся")
    model.get_by_role("button", name="Сохранить").click()
    expect(model.locator(".flashes")).to_contain_text("Строка модели добавлена.")
    rows = model.locator("table.model tbody tr")
    for name in (LIBRARY, MUSEUM, PARENTS, AGENCY):
        expect(rows.filter(has_text=name)).to_have_count(1)
    shot(model, "05-model")

    # 6. the plan of the year, imported from Excel: a section per partner, the members' sections realise their rows
    plan = open_as(COORDINATOR, network + "plans/")
    plan.get_by_role("button", name="Создать план").click()
    expect(plan.locator(".flashes")).to_contain_text("План создан.")
    plan.get_by_role("link", name="Загрузить из Excel или Word").click()
    plan.get_by_label("Файл Excel (.xlsx)").set_input_files(files=[{
        "name": "plan.xlsx", "buffer": _plan_workbook(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    plan.get_by_role("button", name="Загрузить и посмотреть").click()
    expect(plan.get_by_role("heading", level=1)).to_have_text("Предпросмотр загрузки")
    expect(plan.locator("table.preview tbody tr")).to_have_count(7)
    shot(plan, "06a-preview")
    plan.get_by_role("button", name="Сохранить в план").click()
    expect(plan.locator(".flashes")).to_contain_text("Загружено мероприятий: 7.")
    plan_url = plan.url
    # the parents' and ГИБДД's events are linked to their rows by hand (the import links only members' sections)
    for title, choice in (("Родительский лекторий", f"{PARENTS} — Родительский лекторий"),
                          ("Беседа инспектора ГИБДД", f"{AGENCY} — Беседы по безопасности дорожного движения")):
        row = plan.locator("tbody tr").filter(has_text=title)
        row.get_by_role("link", name=re.compile("^изменить\\s*:\\s*партнёр и форма")).click()
        row.get_by_label("Новое значение").select_option(label=choice)
        row.get_by_role("button", name="Сохранить").click()
        # the open form lists every choice: the save is done when the form is gone, not when the row names it
        expect(row.locator("form.cell-form")).to_have_count(0)
        expect(row).to_contain_text(choice.split(" — ")[0])
    shot(plan, "06-plan")

    # 7. the year runs: the five events of September–November get their reports, which marks them held
    school = "МБОУ «СОШ №12»"
    for title, institution, grades, count in (
            ("Библиотечный урок", school, "5-6", "25"), ("Экскурсия", school, "7-8", "48"),
            ("Музейный урок", school, "5", "27"), ("Родительский лекторий", school, "", "60"),
            ("Беседа инспектора ГИБДД", school, "1-4", "90")):
        plan.goto(plan_url)
        plan.locator("tbody tr").filter(has_text=title).get_by_role("link", name=re.compile("^Отчёт о проведении")).click()
        expect(plan.get_by_role("heading", level=1)).to_have_text("Отчёт о проведении")
        plan.get_by_label("Кратко о мероприятии").fill(f"{title}: проведено по плану.")
        plan.get_by_label("Учреждение, строка 1").select_option(label=institution)
        plan.get_by_label("Класс, строка 1").fill(grades)
        plan.get_by_label("Человек, строка 1").fill(count)
        plan.get_by_role("button", name="Сохранить отчёт").click()
        expect(plan.locator(".flashes")).to_contain_text("Отчёт сохранён, мероприятие отмечено как проведённое.")
    shot(plan, "07-report")
    plan.goto(plan_url)
    shot(plan, "07-plan-held")

    # 8. the analysis of the year: the figures come from the plan and the reports
    analysis = open_as(COORDINATOR, network + "documents/")
    analysis.get_by_role("link", name="Аналитические справки").click()
    expect(analysis.get_by_role("heading", level=1)).to_have_text("Аналитические справки о реализации программы")
    analysis.get_by_label("Учебный год").select_option(str(YEAR.start_year))
    analysis.get_by_role("button", name="Подготовить справку", exact=True).click()
    expect(analysis.get_by_role("heading", level=1)).to_have_text(f"Аналитическая справка за {YEAR.label} учебный год")
    expect(analysis.locator("#approval")).to_contain_text(
        f"Нет вывода или решения: {LIBRARY}, {MUSEUM}, {PARENTS}, {AGENCY}, {SPORT}.")
    expect(analysis.get_by_text("Всего в сетевом плане на год 7 мероприятий, проведено 5 мероприятий (71,4 %).")
           ).to_be_visible()
    for partner, planned, share, participants in (
            (LIBRARY, "Запланировано 2 мероприятия, проведено 1 мероприятие.", "50 %", "25 участников"),
            (MUSEUM, "Запланировано 2 мероприятия, проведено 2 мероприятия.", "100 %", "75 участников"),
            (PARENTS, "Запланировано 1 мероприятие, проведено 1 мероприятие.", "100 %", "60 участников"),
            (AGENCY, "Запланировано 1 мероприятие, проведено 1 мероприятие.", "100 %", "90 участников"),
            (SPORT, "Запланировано 1 мероприятие, проведено 0 мероприятий.", "0 %",
             "Участников по отчётам о проведённых мероприятиях нет.")):
        card = _partner_card(analysis, partner)
        expect(card).to_contain_text(planned)
        expect(card).to_contain_text(f"Доля проведённых мероприятий — {share}.")
        expect(card).to_contain_text(participants)
    shot(analysis, "08a-analysis")

    # 9. the conclusions and decisions: the sports school, with nothing held, is dropped
    for partner, decision in ((LIBRARY, "Продолжить сотрудничество"), (MUSEUM, "Продолжить сотрудничество"),
                              (PARENTS, "Продолжить сотрудничество"), (AGENCY, "Изменить форму взаимодействия"),
                              (SPORT, "Прекратить сотрудничество")):
        _partner_card(analysis, partner).get_by_role("link", name="Вывод и решение").click()
        expect(analysis.get_by_role("heading", level=1)).to_have_text(partner)
        analysis.get_by_role("radio", name=decision).check()
        analysis.get_by_label("Вывод", exact=True).fill(f"{decision}: по итогам года.")
        analysis.get_by_role("button", name="Сохранить").click()
        expect(analysis.locator(".flashes")).to_contain_text(f"Вывод и решение по партнёру {partner} сохранены.")
        expect(_partner_card(analysis, partner)).to_contain_text(f"Решение: {decision}")
    analysis.get_by_role("link", name="Изменить общий вывод").click()
    analysis.get_by_role("textbox", name="Общий вывод").fill(
        "Программа года выполнена на 71 %; спортивная школа исключается из плана следующего года.")
    analysis.get_by_role("button", name="Сохранить").click()
    expect(analysis.locator("#conclusion")).to_contain_text("спортивная школа исключается")
    analysis.get_by_text("Отправить на утверждение в совет").click()
    analysis.get_by_label("Комментарий для совета").fill("Итоги года")
    analysis.get_by_role("button", name="Отправить на утверждение").click()
    expect(analysis.locator("#approval")).to_contain_text("На согласовании в координационном совете")
    expect(analysis.get_by_role("link", name="Вывод и решение")).to_have_count(0)
    shot(analysis, "09-submitted")

    # 10. the council's e-vote: the chair opens it, every seat votes, the chair closes it
    chair = open_as(DIRECTOR, network + "council/")
    chair.get_by_role("link", name=re.compile("Открыть заочное голосование.*Аналитическая справка")).click()
    chair.get_by_label("Голосование открыто по (включительно)").fill((TODAY + timedelta(days=7)).isoformat())
    chair.get_by_role("button", name="Открыть голосование").click()
    expect(chair.get_by_role("heading", level=1)).to_contain_text("Заочное голосование №")
    meeting = chair.url.replace(chair.url.split("/n/")[0], "")
    _vote(chair)
    for voter in (COORDINATOR, *HEADS.values()):
        _vote(open_as(voter, meeting))
    chair.reload()
    expect(chair.locator("[id^='vote-']").first).to_contain_text("Проголосовали 5 из 5")
    chair.get_by_role("link", name=re.compile("^Закрыть голосование")).click()
    chair.get_by_role("button", name="Закрыть голосование и записать решение").click()
    expect(chair.locator(".decision")).to_contain_text("Утвердить.")
    expect(chair.locator(".decision")).to_contain_text("За 5, против 0, воздержались 0")
    shot(chair, "10-decision")

    analysis.reload()
    expect(analysis.locator("#approval")).to_contain_text("Утверждена, протокол №")
    expect(analysis.get_by_role("link", name="Изменить общий вывод")).to_have_count(0)
    shot(analysis, "10-approved")

    # 11. next year's plan starts from the approved analysis: the sports school's section is left out
    plans = open_as(COORDINATOR, network + "plans/")
    plans.get_by_role("link", name="Скопировать план прошлого года").click()
    expect(plans.get_by_role("heading", level=1)).to_have_text("Новый план как копия прошлогоднего")
    copy_note = plans.locator("#copy-analysis")
    expect(copy_note).to_contain_text(
        f"План начинается с утверждённой аналитической справки за {YEAR.label} учебный год.")
    expect(copy_note).to_contain_text(f"сотрудничество прекращается с партнёром: {SPORT} — его разделы и мероприятия не переносятся (1 раздел, 1 мероприятие).")
    expect(plans.get_by_text(f"{NEXT.label} учебный год, копия плана {YEAR.label}: 3 раздела, 6 мероприятий.")
           ).to_be_visible()
    shot(plans, "11-copy")
    plans.get_by_role("button", name=re.compile("^Создать план на")).click()
    expect(plans.locator(".flashes")).to_contain_text(f"План на {NEXT.label} учебный год создан как копия плана")
    expect(plans.get_by_role("heading", level=1)).to_have_text(f"Сетевой план мероприятий на {NEXT.label} учебный год")
    expect(plans.get_by_text(f"{NEXT.label} учебный год · Черновик · проведено 0 из 6")).to_be_visible()
    for kept in (f"Раздел 1. Совместно с {LIBRARY}", f"Раздел 2. Совместно с {MUSEUM}",
                 "Раздел 4. Работа с родителями и ведомствами"):
        expect(plans.get_by_role("heading", name=kept)).to_be_visible()
    expect(plans.get_by_role("heading", name=f"Раздел 3. Совместно с {SPORT}")).to_have_count(0)
    expect(plans.get_by_text("Весенний кросс")).to_have_count(0)
    # the kept events still realise their partners' rows of the model, in the new year's months
    parents_event = plans.locator("tbody tr").filter(has_text="Родительский лекторий")
    expect(parents_event).to_contain_text(PARENTS)
    expect(parents_event).to_contain_text(f"01.11.{NEXT.start_year} — 30.11.{NEXT.start_year}")
    shot(plans, "11-next-plan")
