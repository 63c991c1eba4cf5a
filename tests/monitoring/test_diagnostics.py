"""Diagnostics entered by the home school per class or per pupil: who enters and reads, what the network sees
(per-school totals, «мало данных» below five pupils, never names), the indicator's value computed from them, and
the demo's values against a computation by hand."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_token_from, post_form
from tests.monitoring.test_demo_figures import demo  # noqa: F401  (the living demo, loaded as of 4 December)
from workspace.extensions import db
from workspace.monitoring.diagnostic_models import DiagnosticEntry, DiagnosticTotal

NOTE = "ЗАМЕТКА-О-РЕБЁНКЕ-7731"


@pytest.fixture
def world(make):
    school = make.institution("Школа №7", slug="school7")
    other = make.institution("Школа №9", slug="school9")
    museum = make.institution("Музей", slug="museum")
    network = make.network(school, name="Сеть седьмой", slug="seven")
    make.member(network, other)
    make.member(network, museum, "social_partner")
    indicator = make.monitoring_indicator(network, title="Доля креативных", source="diagnostic", unit="%")
    pupil = make.pupil(school, "Соловьёва", "Алиса", class_label="7А")
    people = {
        "admin": make.user(school, "admin", email="admin@school7.test"),
        "coordinator": make.user(school, "coordinator", email="coord@school7.test"),
        "teacher": make.user(school, "teacher", email="teacher@school7.test"),
        "other": make.user(other, "coordinator", email="coord@school9.test"),
        "museum": make.user(museum, "admin", email="admin@museum.test"),
        "council": make.user(None, None, email="parent@council.test"),
    }
    make.seat(network, people["council"], "chair")
    return {"indicator": indicator, "pupil": pupil, "people": people, "network": network, "school": school}


def _logout(client):
    client.post("/logout", data={"csrf_token": csrf_token_from(client.get("/", follow_redirects=True).get_data(as_text=True))})


def _point_url(world, point="start", year=2026):
    return f"/i/school7/diagnostics/{world['indicator'].id}/{point}?year={year}"


def _add_class(client, world, data, point="start", year=2026):
    url = f"/i/school7/diagnostics/{world['indicator'].id}/{point}/classes?year={year}"
    return post_form(client, url, data, page_url=_point_url(world, point, year))


def _add_pupil(client, world, data, point="start", year=2026):
    url = f"/i/school7/diagnostics/{world['indicator'].id}/{point}/pupils?year={year}"
    return post_form(client, url, data, page_url=_point_url(world, point, year))


def test_the_coordinator_enters_a_class_and_a_pupil_and_the_network_sees_only_totals(client, login_as, world, read):
    login_as(world["people"]["coordinator"])
    assert client.get("/i/school7/diagnostics/").status_code == 200
    response = _add_class(client, world, {"class_label": "7А", "assessed": "10", "high": "3", "middle": "4",
                                          "low": "3", "score": ""})
    assert response.status_code == 302, response.get_data(as_text=True)
    response = _add_pupil(client, world, {"pupil_id": str(world["pupil"].id), "level": "high", "score": "9",
                                          "note": NOTE})
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(_point_url(world)).get_data(as_text=True)
    assert "Соловьёва Алиса" in page and NOTE in page
    with read():
        total = db.session.execute(select(DiagnosticTotal.assessed, DiagnosticTotal.high, DiagnosticTotal.middle,
                                          DiagnosticTotal.low, DiagnosticTotal.scored)).one()
    assert tuple(total) == (11, 4, 4, 3, 1)
    # the network's dashboard: (4 + 4) ÷ 11 × 100 = 72,7 for the school and the network
    _logout(client)
    login_as(world["people"]["council"])
    dashboard = client.get("/n/seven/monitoring/?year=2026").get_data(as_text=True)
    assert "72,7" in dashboard and "Соловьёва" not in dashboard and NOTE not in dashboard
    # and the portfolio shows the pupil's row to the home school
    _logout(client)
    login_as(world["people"]["teacher"])
    portfolio = client.get(f"/i/school7/growth/pupils/{world['pupil'].id}").get_data(as_text=True)
    assert "Доля креативных" in portfolio and "высокий, балл 9" in portfolio


def test_a_school_with_fewer_than_five_pupils_reads_as_few_data(client, login_as, world, read):
    login_as(world["people"]["coordinator"])
    _add_pupil(client, world, {"pupil_id": str(world["pupil"].id), "level": "low", "score": "", "note": ""})
    _logout(client)
    login_as(world["people"]["other"])
    dashboard = client.get("/n/seven/monitoring/?year=2026").get_data(as_text=True)
    assert "мало данных" in dashboard


def test_form_errors_change_nothing(client, login_as, world, read):
    login_as(world["people"]["coordinator"])
    bad = [({"class_label": "7А", "assessed": "10", "high": "3", "middle": "3", "low": "3", "score": ""},
            "Сумма по уровням должна равняться числу оценённых обучающихся."),
           ({"class_label": "7А", "assessed": "10", "high": "", "middle": "", "low": "", "score": ""},
            "Укажите число обучающихся на каждом уровне или средний балл."),
           ({"class_label": "", "assessed": "abc", "high": "", "middle": "", "low": "", "score": ""}, "Класс")]
    for data, message in bad:
        response = _add_class(client, world, data)
        assert response.status_code == 422 and message in response.get_data(as_text=True)
    response = _add_pupil(client, world, {"pupil_id": "0", "level": "", "score": "", "note": ""})
    assert response.status_code == 422 and "Выберите обучающегося." in response.get_data(as_text=True)
    response = _add_pupil(client, world, {"pupil_id": str(world["pupil"].id), "level": "", "score": "", "note": ""})
    assert response.status_code == 422 and "Укажите уровень или балл." in response.get_data(as_text=True)
    good = {"class_label": "7Б", "assessed": "5", "high": "1", "middle": "2", "low": "2", "score": ""}
    assert _add_class(client, world, good).status_code == 302
    response = _add_class(client, world, good)
    assert response.status_code == 422 and "уже внесены" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count(DiagnosticEntry.id))) == 1
        assert db.session.scalar(select(DiagnosticTotal.assessed)) == 5


@pytest.mark.parametrize("who", ["other", "museum", "council"])
def test_nobody_outside_the_home_school_reaches_its_diagnostics(client, login_as, world, who):
    login_as(world["people"][who])
    for url in ("/i/school7/diagnostics/", _point_url(world)):
        assert client.get(url).status_code == 404


def test_a_teacher_reads_but_does_not_enter(client, login_as, world, read):
    login_as(world["people"]["teacher"])
    page = client.get(_point_url(world))
    assert page.status_code == 200 and "Внести результаты класса" not in page.get_data(as_text=True)
    response = _add_class(client, world, {"class_label": "7А", "assessed": "5", "high": "1", "middle": "2",
                                          "low": "2", "score": ""})
    assert response.status_code == 403
    with read():
        assert db.session.scalar(select(func.count(DiagnosticEntry.id))) == 0


def test_deleting_asks_first_and_recounts(client, login_as, world, read):
    login_as(world["people"]["admin"])
    _add_class(client, world, {"class_label": "7А", "assessed": "5", "high": "1", "middle": "2", "low": "2",
                               "score": ""})
    with read():
        entry_id = db.session.scalar(select(DiagnosticEntry.id))
    url = f"/i/school7/diagnostics/{world['indicator'].id}/entries/{entry_id}/delete"
    assert "Удалить результат диагностики?" in client.get(url).get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count(DiagnosticTotal.id))) == 1
    assert post_form(client, url, {}).status_code == 302
    with read():
        assert db.session.scalar(select(func.count(DiagnosticEntry.id))) == 0
        assert db.session.scalar(select(func.count(DiagnosticTotal.id))) == 0


def test_a_class_and_a_pupil_are_corrected_and_the_totals_follow(client, login_as, world, read):
    login_as(world["people"]["coordinator"])
    _add_class(client, world, {"class_label": "7А", "assessed": "10", "high": "3", "middle": "4", "low": "3",
                               "score": ""})
    _add_class(client, world, {"class_label": "7Б", "assessed": "5", "high": "1", "middle": "2", "low": "2",
                               "score": ""})
    _add_pupil(client, world, {"pupil_id": str(world["pupil"].id), "level": "low", "score": "", "note": ""})
    with read():
        class_a, class_b, pupil_row = db.session.scalars(select(DiagnosticEntry.id).order_by(DiagnosticEntry.id))
    base = f"/i/school7/diagnostics/{world['indicator'].id}/entries"
    point_page = client.get(_point_url(world)).get_data(as_text=True)
    assert f'href="{base}/{class_a}/edit"' in point_page and f'href="{base}/{pupil_row}/edit"' in point_page
    form = client.get(f"{base}/{class_a}/edit").get_data(as_text=True)
    assert 'value="7А"' in form and 'value="10"' in form and "Исправить результат диагностики" in form

    # a typo in the counts: 12 assessed, 5 high; then a pupil's level raised with a note
    assert 'name="version" value="1"' in form
    corrected = {"class_label": "7А", "assessed": "12", "high": "5", "middle": "4", "low": "3", "score": "",
                 "version": "1"}
    response = post_form(client, f"{base}/{class_a}/edit", corrected)
    assert response.status_code == 302 and response.headers["Location"].endswith(_point_url(world))
    response = post_form(client, f"{base}/{pupil_row}/edit",
                         {"pupil_id": str(world["pupil"].id), "level": "middle", "score": "6,5", "note": NOTE,
                          "version": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)
    form = client.get(f"{base}/{pupil_row}/edit").get_data(as_text=True)
    assert 'value="6,5"' in form and '<option selected value="middle">' in form  # as a Russian writes it, not «6.5»
    with read():
        total = db.session.execute(select(DiagnosticTotal.assessed, DiagnosticTotal.high, DiagnosticTotal.middle,
                                          DiagnosticTotal.low)).one()
        pupil_entry = db.session.execute(select(DiagnosticEntry.middle, DiagnosticEntry.low, DiagnosticEntry.score,
                                                DiagnosticEntry.note).where(DiagnosticEntry.id == pupil_row)).one()
    assert tuple(total) == (12 + 5 + 1, 5 + 1, 4 + 2 + 1, 3 + 2) and tuple(pupil_entry) == (1, 0, 6.5, NOTE)

    # bad corrections change nothing: a page opened before another's correction (its version is old), a sum that
    # does not add up, the label of another class, another pupil
    before = tuple(total)
    for url, data, message in (
            (f"{base}/{class_a}/edit", {**corrected, "assessed": "13", "low": "4"},
             "Этот результат изменил другой пользователь. Обновите страницу и повторите."),
            (f"{base}/{class_a}/edit", {**corrected, "high": "9", "version": "2"}, "Сумма по уровням должна равняться"),
            (f"{base}/{class_a}/edit", {**corrected, "class_label": "7Б", "version": "2"}, "уже внесены"),
            (f"{base}/{pupil_row}/edit", {"pupil_id": "999999", "level": "high", "score": "", "note": "",
                                          "version": "2"},
             "Неверный вариант.")):
        response = post_form(client, url, data)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), data
    with read():
        assert tuple(db.session.execute(select(DiagnosticTotal.assessed, DiagnosticTotal.high, DiagnosticTotal.middle,
                                               DiagnosticTotal.low)).one()) == before

    # the teacher reads but does not correct; nobody outside the school reaches the row
    _logout(client)
    login_as(world["people"]["teacher"])
    assert "/edit" not in client.get(_point_url(world)).get_data(as_text=True)
    assert client.get(f"{base}/{class_a}/edit").status_code == 403
    for who in ("other", "museum"):
        _logout(client)
        login_as(world["people"][who])
        assert client.get(f"{base}/{class_a}/edit").status_code == 404


def test_tampered_ids_answer_404(client, login_as, world, make):
    other_network = make.network(make.institution("Чужая школа", slug="alien"), slug="alien-net")
    foreign = make.monitoring_indicator(other_network, title="Чужой", source="diagnostic")
    manual = make.monitoring_indicator(world["network"], title="Ручной", source="manual", position=2)
    login_as(world["people"]["coordinator"])
    for indicator_id in (foreign.id, manual.id):
        assert client.get(f"/i/school7/diagnostics/{indicator_id}/start").status_code == 404
    assert client.get(f"/i/school7/diagnostics/{world['indicator'].id}/june").status_code == 404
    assert client.get(f"/i/school7/diagnostics/{world['indicator'].id}/entries/999999/delete").status_code == 404
    assert client.get(f"/i/school7/diagnostics/{world['indicator'].id}/entries/999999/edit").status_code == 404


def test_history_names_the_fields_in_russian(client, login_as, world, read):
    from workspace.audit import labels
    for field in ("assessed", "high", "middle", "low", "score", "note", "class_label", "pupil_id", "kind"):
        assert labels.field(field, "DiagnosticEntry") != field
    login_as(world["people"]["coordinator"])
    assert _add_class(client, world, {"class_label": "7Б", "assessed": "6", "high": "2", "middle": "2", "low": "2",
                                      "score": ""}).status_code == 302
    history = client.get("/i/school7/history").get_data(as_text=True)
    # the stored words read as the pages name them, not «class» / «start»
    assert "по классу" in history and "Входная диагностика" in history
    assert "→ class" not in history and "→ start" not in history
    # a correction is a history entry of its own, the changed count named in Russian with its old and new value
    with read():
        entry_id = db.session.scalar(select(DiagnosticEntry.id))
    response = post_form(client, f"/i/school7/diagnostics/{world['indicator'].id}/entries/{entry_id}/edit",
                         {"class_label": "7Б", "assessed": "7", "high": "3", "middle": "2", "low": "2", "score": "",
                          "version": "1"})
    assert response.status_code == 302
    history = " ".join(re.sub(r"<[^>]+>", " ", client.get("/i/school7/history").get_data(as_text=True)).split())
    assert "Диагностика класса 7Б" in history and "изменено" in history
    assert "Оценено обучающихся 6 → 7" in history and "2 → 3" in history


def test_a_tampered_pupil_is_refused(client, login_as, world, make, read):
    foreign = make.pupil(make.institution("Школа №9а", slug="school9a"), "Чужой", "Пётр")
    login_as(world["people"]["coordinator"])
    for value in (str(foreign.id), "999999", "abc"):
        response = _add_pupil(client, world, {"pupil_id": value, "level": "high", "score": "", "note": NOTE})
        assert response.status_code == 422, value
    with read():
        assert db.session.scalar(select(func.count(DiagnosticEntry.id))) == 0
        assert db.session.scalar(select(func.count(DiagnosticTotal.id))) == 0


@pytest.mark.parametrize("size", [2, 30])
def test_statement_counts_are_pinned_and_flat(app, client, login_as, world, make, count_queries, size):
    """The school's list: user, institution's networks (2), indicators (1), rows counted by point (1) = 4. A point's
    page: user, networks (2), the indicator (1), its rows with the pupils' names (1), the registry for the pupil
    choice (1) = 5. Correcting a pupil's row: user, networks (1), the indicator, the row, the pupil's name = 5. All
    whatever the number of rows; on PostgreSQL one more, the row-level-security context set
    before the first owned read."""
    extra = 1 if app.extensions["test_connection"].dialect.name == "postgresql" else 0
    school = world["school"]
    for n in range(size):
        pupil = make.pupil(school, f"Ученик{n}", class_label="7Б")
        make.diagnostic_entry(world["indicator"], school, pupil=pupil, level=("high", "low")[n % 2], with_total=False)
    login_as(world["people"]["coordinator"])
    entry = make.diagnostic_entry(world["indicator"], school, pupil=world["pupil"], level="high", with_total=False)
    edit = f"/i/school7/diagnostics/{world['indicator'].id}/entries/{entry.id}/edit"
    for url, expected in (("/i/school7/diagnostics/?year=2026", 4), (_point_url(world), 5), (edit, 5)):
        client.get(url)
        with count_queries() as statements:
            response = client.get(url)
        assert response.status_code == 200
        assert len(statements) == expected + extra, "\n".join(statements)


@pytest.mark.usefixtures("demo")
def test_the_demo_creativity_diagnostic_against_a_computation_by_hand(app):
    """СОШ №31's entries (workspace/demo/monitoring.py, CREATIVITY_CLASSES and CREATIVITY_PUPILS), the dashboard's
    year 2026/2027 against 2025/2026; the share at high and middle level = (high + middle) ÷ (high + middle + low):

    2025/26 входная: 7А 5/9/11, 7Б 4/8/12 → high 9, middle 17, low 23 → 26 ÷ 49 = 53,06… → 53,1 % (средний: 35 ≤ … < 55)
    2025/26 итоговая: 7А 8/11/6, 7Б 7/10/7, pupils high and middle → high 16, middle 22, low 13 → 38 ÷ 51 = 74,5 %
    2026/27 входная: 8А 9/11/6, 8Б 7/10/6, a pupil low → high 16, middle 21, low 13 → 37 ÷ 50 = 74,0 % (высокий ≥ 55)

    This year's fact 74,0 against last year's 74,5: change −0,5; within 2025/26: 74,5 − 53,1 = +21,4.
    """
    from tests.monitoring.test_demo_figures import _sections
    sections, indicators = _sections(app)
    row = indicators["Доля обучающихся с высоким и средним уровнем креативности"]
    assert row.at(2025, "start") == 53.1 and row.at(2025, "final") == 74.5 and row.at(2026, "start") == 74.0
    assert (row.fact, row.previous, row.change, row.change_within(2025)) == (74.0, 74.5, -0.5, 21.4)
    assert (row.level, row.previous_level) == ("high", "high") and row.indicator.level_of(53.1) == "middle"
    figure = next(figure for figure in sections["diagnostics"].figures if figure.title == row.indicator.title)
    assert figure.categories == ["МБОУ «СОШ №31»", "Сеть"]
    assert [values for _label, values in figure.series] == [
        [53.1, 53.1], [None, None], [74.5, 74.5], [74.0, 74.0], [None, None], [None, None]]
    school_sections, _rows = _sections(app, "sosh31")
    own = next(figure for figure in school_sections["diagnostics"].figures if figure.title == row.indicator.title)
    assert own.categories == ["МБОУ «СОШ №31»"] and own.series[0][1] == [53.1]
