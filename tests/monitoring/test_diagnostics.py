"""Diagnostics entered by the home school per class or per pupil: who enters and reads, what the network sees
(per-school totals, «мало данных» below five pupils, never names), the indicator's value computed from them, and
the demo's values against a computation by hand."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_token_from, post_form
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
    return {"indicator": indicator, "pupil": pupil, "people": people, "network": network}


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


def test_tampered_ids_answer_404(client, login_as, world, make):
    other_network = make.network(make.institution("Чужая школа", slug="alien"), slug="alien-net")
    foreign = make.monitoring_indicator(other_network, title="Чужой", source="diagnostic")
    manual = make.monitoring_indicator(world["network"], title="Ручной", source="manual", position=2)
    login_as(world["people"]["coordinator"])
    for indicator_id in (foreign.id, manual.id):
        assert client.get(f"/i/school7/diagnostics/{indicator_id}/start").status_code == 404
    assert client.get(f"/i/school7/diagnostics/{world['indicator'].id}/june").status_code == 404
    assert client.get(f"/i/school7/diagnostics/{world['indicator'].id}/entries/999999/delete").status_code == 404


def test_history_names_the_fields_in_russian(client, login_as, world):
    from workspace.audit import labels
    for field in ("assessed", "high", "middle", "low", "score", "note", "class_label", "pupil_id", "kind"):
        assert labels.field(field, "DiagnosticEntry") != field
