"""The monitoring programme: a network starts from a template of the real programmes' criteria, edits the
indicators' level thresholds, and enters values at measurement points (входная, промежуточная, итоговая)."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import post_form
from workspace.extensions import db
from workspace.monitoring.catalogue import NETWORK_INTERACTION, PERSONAL_DEVELOPMENT
from workspace.monitoring.models import MonitoringIndicator, MonitoringValue


def _net(make):
    school = make.institution("Школа №7", slug="school7")
    network = make.network(school, name="Сеть седьмой", slug="seven")
    coordinator = make.user(school, "coordinator", email="coord@school7.test")
    teacher = make.user(school, "teacher", email="teacher@school7.test")
    return network, coordinator, teacher


def test_the_templates_hold_the_programmes_criteria():
    criteria = [criterion for criterion, _indicators in NETWORK_INTERACTION.criteria]
    assert len(criteria) == 7 and "Готовность педагогов к работе в сетевом режиме" in criteria
    assert "Удовлетворённость всех участников сетевого взаимодействия" in criteria
    personal = [criterion for criterion, _indicators in PERSONAL_DEVELOPMENT.criteria]
    assert len(personal) == 5 and "Сформированность лидерских качеств" in personal
    assert all(item.level_middle is not None for _c, items in NETWORK_INTERACTION.criteria for item in items)


def test_a_network_starts_from_a_template_after_confirming(client, login_as, make, read):
    network, coordinator, _teacher = _net(make)
    login_as(coordinator)
    page = client.get("/n/seven/monitoring/indicators").get_data(as_text=True)
    assert "Шаблоны программы мониторинга" in page and "/n/seven/monitoring/templates/network" in page
    confirm = client.get("/n/seven/monitoring/templates/network")
    assert confirm.status_code == 200 and "критериев — 7" in confirm.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(MonitoringIndicator.id)) is None  # the question changes nothing
    response = post_form(client, "/n/seven/monitoring/templates/network", {},
                         page_url="/n/seven/monitoring/templates/network")
    assert response.status_code == 302
    with read():
        rows = db.session.execute(select(MonitoringIndicator.criterion, MonitoringIndicator.source,
                                         MonitoringIndicator.level_high, MonitoringIndicator.level_middle)
                                  .order_by(MonitoringIndicator.position)).all()
    assert len(rows) == 7 and rows[0].criterion == "Обновление содержания и методов обучения и воспитания"
    assert ("Внешняя оценка деятельности", "expert", 4, 3) in rows
    # applied again: nothing is repeated
    post_form(client, "/n/seven/monitoring/templates/network", {}, page_url="/n/seven/monitoring/templates/network")
    with read():
        assert len(db.session.scalars(select(MonitoringIndicator.id)).all()) == 7
    assert client.get("/n/seven/monitoring/templates/nothing").status_code == 404


def test_a_teacher_may_not_apply_a_template(client, login_as, make):
    _network, _coordinator, teacher = _net(make)
    login_as(teacher)
    assert client.get("/n/seven/monitoring/templates/personal").status_code == 403


def test_levels_are_validated_and_values_are_entered_per_point(client, login_as, make, read):
    network, coordinator, _teacher = _net(make)
    login_as(coordinator)
    base = {"title": "Готовность педагогов", "criterion": "Готовность", "unit": "%", "target": "75",
            "source": "diagnostic", "note": ""}
    response = post_form(client, "/n/seven/monitoring/indicators", {**base, "level_high": "50", "level_middle": "75"})
    assert response.status_code == 422
    assert "Порог среднего уровня не может быть выше порога высокого." in response.get_data(as_text=True)
    response = post_form(client, "/n/seven/monitoring/indicators", {**base, "level_high": "75", "level_middle": "50"})
    assert response.status_code == 302
    with read():
        indicator = db.session.scalar(select(MonitoringIndicator))
    url = f"/n/seven/monitoring/indicators/{indicator.id}/value"
    # last year: входная 46 and итоговая 68; this year: входная 71 (the dashboard's year is 2026/2027)
    for year, point, value in ((2025, "start", "46"), (2025, "final", "68"), (2026, "start", "71")):
        response = post_form(client, url, {"value": value, "start_year": str(year), "point": point, "version": "0"},
                             page_url=f"{url}?year={year}&point={point}")
        assert response.status_code == 302, response.get_data(as_text=True)
    assert post_form(client, url, {"value": "1", "start_year": "2026", "point": "june", "version": "0"},
                     page_url=f"{url}?year=2026").status_code == 400
    with read():
        values = sorted(db.session.execute(select(MonitoringValue.start_year, MonitoringValue.point,
                                                  MonitoringValue.value)).all())
    assert values == [(2025, "final", 68), (2025, "start", 46), (2026, "start", 71)]
    page = client.get("/n/seven/monitoring/?year=2026").get_data(as_text=True)
    # fact 71 (this September) against 68 (last May): +3, level средний (50 ≤ 71 < 75) as last year;
    # last year within: 68 − 46 = +22; progress 71 of 75 = 94,7 %
    for text in ("+3", "с входной: +22", "94,7 %", "высокий — 0, средний — 1, низкий — 0"):
        assert text in page, text
