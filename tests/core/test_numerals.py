"""Numerals agree with their nouns wherever a page, a letter or a message prints «N <noun>»: rendered with
1, 2, 5 and 21 («1 заседание», «2 заседания», «5 заседаний», «21 заседание»), and a scan of the templates and
the code that fails on a new «%(n)d <noun>» written with a fixed ending."""
from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
FORMS = {1: "1 заседание", 2: "2 заседания", 5: "5 заседаний", 21: "21 заседание"}


def test_indicator_targets_and_facts_agree_on_the_project_page(client, make, login_as):
    from tests.projects.test_project_pages import _network
    school, _library, _museum, network = _network(make)
    project = make.project(network, school, title="Клуб «Читатель»")
    for position, (target, actual) in enumerate(((1, 2), (5, 21)), start=1):
        make.project_indicator(project, f"Заседания клуба {position}", target, actual, unit="заседаний",
                               position=position)
    login_as(make.user(school, "coordinator"))
    page = client.get(f"/n/{network.slug}/projects/{project.id}").get_data(as_text=True)
    for n, phrase in FORMS.items():
        assert phrase in page, n
    assert "1 заседаний" not in page and "2 заседаний" not in page and "21 заседаний" not in page


@pytest.mark.parametrize("target", sorted(FORMS))
def test_the_target_of_an_approved_project_agrees(client, make, login_as, target):
    """«цель: 21 заседаний» was printed on the fact form of an approved project."""
    from tests.projects.test_project_pages import _network
    school, _library, _museum, network = _network(make)
    project = make.project(network, school, title="Клуб «Читатель»", status="approved")
    indicator = make.project_indicator(project, "Заседания клуба", target, None, unit="заседаний")
    login_as(make.user(school, "coordinator"))
    page = client.get(f"/n/{network.slug}/projects/{project.id}/indicators/{indicator.id}/edit")
    assert page.status_code == 200
    assert f"цель: {FORMS[target]}" in page.get_data(as_text=True)


@pytest.mark.parametrize("seats,phrase", [(1, "из 1 члена совета"), (2, "из 2 членов совета"),
                                          (5, "из 5 членов совета"), (21, "из 21 члена совета")])
def test_the_minutes_count_council_members_in_the_genitive(client, make, login_as, seats, phrase):
    school = make.institution("Школа №31", slug="s31")
    network = make.network(school, name="Культура", slug="kultura")
    chair = make.user(school, "admin")
    make.seat(network, chair, "chair")
    for n in range(seats - 1):
        make.seat(network, make.user(None, None, full_name=f"Член совета {n}"), "member")
    meeting = make.meeting(network, held_on=date(2026, 11, 20))
    login_as(chair)
    page = client.get(f"/n/kultura/council/meetings/{meeting.id}/minutes")
    assert page.status_code == 200 and f"0 {phrase}" in page.get_data(as_text=True)


@pytest.mark.parametrize("days,phrase", [(7, "7 дней назад"), (21, "21 день назад"), (22, "22 дня назад"),
                                         (25, "25 дней назад")])
def test_the_overdue_report_letter_says_how_long_ago(app, days, phrase):
    """«прошло 21 день» was written: the verb did not agree, now no verb is needed."""
    from flask_babel import force_locale

    from workspace.plans.letters import OVERDUE, DueItem, _line
    from workspace.plans.models import PlanItem

    item = PlanItem(id=1, plan_id=1, title="Библиосумерки")
    with app.test_request_context(), force_locale("ru"):
        text, _link = _line(DueItem(item, "net", OVERDUE, date(2026, 11, 1)), date.fromordinal(
            date(2026, 11, 1).toordinal() + days))
    assert f"{phrase}, отчёт просрочен" in text
    with app.test_request_context(), force_locale("en"):
        text, _link = _line(DueItem(item, "net", OVERDUE, date(2026, 11, 1)), date(2026, 11, 22))
    assert "21 days" in text and "21 дн" not in text


def test_an_agreement_reminder_in_english_says_1_day_not_1_days(app):
    from workspace.core.words import plural
    assert plural(1, "day") == "1 day" and plural(21, "day") == "21 days"


def _sheet(columns: int) -> bytes:
    book = Workbook()
    book.active.append([f"Столбец {n}" for n in range(columns)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("columns,phrase", [(21, "В листе 21 столбец"), (22, "В листе 22 столбца"),
                                            (25, "В листе 25 столбцов")])
def test_a_sheet_too_wide_is_named_with_agreeing_words(app, columns, phrase):
    from flask_babel import force_locale

    from workspace.core.spreadsheets import read_xlsx
    from workspace.core.uploads import UploadRejected
    with app.test_request_context(), force_locale("ru"), pytest.raises(UploadRejected) as refused:
        read_xlsx(_sheet(columns), max_columns=20)
    assert str(refused.value).startswith(f"{phrase} — это больше допустимых 20.")


def test_a_document_too_long_counts_rows_in_the_genitive(app):
    from flask_babel import force_locale

    from workspace.core.uploads import UploadRejected
    from workspace.core.word_tables import _BodyReader
    for limit, phrase in ((1, "В документе больше 1 строки."), (21, "В документе больше 21 строки."),
                          (5, "В документе больше 5 строк.")):
        reader = _BodyReader(max_rows=limit, max_columns=60)
        with app.test_request_context(), force_locale("ru"), pytest.raises(UploadRejected) as refused:
            for _n in range(limit + 1):
                reader.add(("x",))
        assert str(refused.value) == phrase


def test_import_pages_and_the_search_hint_agree(client, make, login_as):
    school = make.institution("Школа №5", slug="school5")
    make.network(school, name="Сеть", slug="net")
    login_as(make.user(school, "admin"))
    staff = client.get("/i/school5/staff/import").get_data(as_text=True)
    assert re.search(r"Не больше \d+ сотрудник(а|ов) за раз\.", staff)
    pupils = client.get("/i/school5/pupils/import").get_data(as_text=True)
    assert re.search(r"не больше \d+ строк(и)? за раз\.", pupils)
    assert "Введите хотя бы 2 буквы." in client.get("/i/school5/search?q=ё").get_data(as_text=True)


# --- the scan: a number placeholder followed by a Russian word written with a fixed ending -------------------

NUMBER_THEN_WORD = re.compile(r"%\((\w+)\)d\s+([а-яёА-ЯЁ]+\.?)")
# Words that may follow a number: abbreviations (ending in a dot, or «с», «МБ», «КБ»), prepositions («10 из 12»,
# «№ 5 от 01.09.2026», «от 1 до 11»), a class's number, which is an ordinal («5 класс», «5–7 классы», «в 7 классе»),
# and the verb of «10 из 10 заняты». Anything else is a noun that must go through ``plural``.
ALLOWED_AFTER_A_NUMBER = {"из", "от", "до", "с", "МБ", "КБ", "класс", "классы", "классов", "классе", "заняты"}


def _sources():
    for pattern in ("templates/**/*.html", "templates/**/*.txt", "workspace/**/*.py"):
        for path in ROOT.glob(pattern):
            if "translations" not in path.parts:
                yield path


def test_no_number_is_followed_by_a_noun_with_a_fixed_ending():
    found = [f"{path.relative_to(ROOT)}: {match.group(0)}"
             for path in _sources() for match in NUMBER_THEN_WORD.finditer(path.read_text("utf-8"))
             if not match.group(2).endswith(".") and match.group(2) not in ALLOWED_AFTER_A_NUMBER]
    assert found == [], "use plural(n, noun) or the plural filter: " + "; ".join(found)


def test_the_scan_finds_what_it_is_for():
    phrases = ["Загружено %(n)d файлов", "из %(total)d членов", "%(n)d ч.", "%(held)d из %(total)d"]
    flagged = [text for text in phrases for match in NUMBER_THEN_WORD.finditer(text)
               if not match.group(2).endswith(".") and match.group(2) not in ALLOWED_AFTER_A_NUMBER]
    assert flagged == ["Загружено %(n)d файлов", "из %(total)d членов"]

