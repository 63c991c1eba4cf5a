"""A monitoring indicator measures the effect of a row of the interaction model (issue 20 part 3): chosen on the
indicator's form among the network's own rows, shown on the row's page with its target and fact."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.conftest import _building, post_form
from tests.networks.test_interaction_model import _row_of
from tests.networks.test_network_page import _network
from workspace.extensions import db
from workspace.monitoring.models import MonitoringIndicator
from workspace.networks.models import InteractionRow, PartnerKind


def test_an_indicator_is_tied_to_a_row_and_shown_on_its_page(client, make, login_as, read):
    school, theatre, _m, network, _tm, _mm = _network(make)
    row = _row_of(read, theatre)
    login_as(make.user(school, "coordinator"))
    form = client.get("/n/kultura/monitoring/indicators").get_data(as_text=True)
    assert 'name="interaction_row"' in form and f'<option value="{row.id}">Драмтеатр</option>' in form
    response = post_form(client, "/n/kultura/monitoring/indicators", {
        "title": "Доля зрителей, обсудивших спектакль", "unit": "%", "target": "60", "source": "manual",
        "interaction_row": str(row.id)})
    assert response.status_code == 302
    with read():
        indicator = db.session.scalar(select(MonitoringIndicator))
        assert indicator.interaction_row_id == row.id
    make.indicator_value(indicator, 2026, 35, point="start")
    make.indicator_value(indicator, 2026, 48, point="middle")
    # a computed one too: participants of the network's reports (25 pupils and 3 of the theatre's staff)
    computed = make.monitoring_indicator(network, "Участников мероприятий", source="participants", unit="чел.",
                                         target=100, position=2)
    with read():
        db.session.merge(computed).interaction_row_id = row.id
        db.session.commit()
    plan = make.plan(network, 2026)
    section = make.section(plan, "С театром", theatre)
    held = make.item(section, "Спектакль «Гроза»", "октябрь", position=1, interaction_row=row, status="held")
    report = make.report(held, date(2026, 10, 15))
    make.participation(report, school, 7, 25)
    make.participation(report, theatre, None, 3)
    page = client.get(f"/n/kultura/model/{row.id}?year=2026").get_data(as_text=True)
    # the latest point entered by hand (промежуточный 48 after входная 35) against the target 60
    assert "<dt>Доля зрителей, обсудивших спектакль</dt><dd>48 % / цель 60</dd>" in page
    assert "<dt>Участников мероприятий</dt><dd>28 чел. / цель 100</dd>" in page
    # another year: no values entered, no reports — the indicator is there with «—»
    earlier = client.get(f"/n/kultura/model/{row.id}?year=2020").get_data(as_text=True)
    assert "<dt>Доля зрителей, обсудивших спектакль</dt><dd>— / цель 60</dd>" in earlier
    listing = client.get("/n/kultura/monitoring/indicators").get_data(as_text=True)
    assert "Эффект строки модели: Драмтеатр" in listing
    edit = client.get(f"/n/kultura/monitoring/indicators/{indicator.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{row.id}">' in edit or f'<option value="{row.id}" selected' in edit


def test_a_foreign_row_is_refused_and_unlinking_works(app, client, make, login_as, read):
    school, theatre, _m, network, _tm, _mm = _network(make)
    row = _row_of(read, theatre)
    other_school = make.institution("Школа №9", slug="s9")
    other = make.network(other_school, name="Другая", slug="other-net")
    with _building(app):
        foreign = InteractionRow(network_id=other.id, kind=PartnerKind.PARENTS, partner_name="Родители")
        db.session.add(foreign)
        db.session.flush()
        foreign_id = foreign.id
    indicator = make.monitoring_indicator(network, "Показатель")
    login_as(make.user(school, "coordinator"))
    url = f"/n/kultura/monitoring/indicators/{indicator.id}/edit"
    base = {"title": "Показатель", "unit": "%", "source": "manual", "version": "1"}
    bad = post_form(client, url, {**base, "interaction_row": str(foreign_id)})
    assert bad.status_code == 422
    with read():
        assert db.session.scalar(select(MonitoringIndicator.interaction_row_id)) is None
    assert post_form(client, url, {**base, "interaction_row": str(row.id)}).status_code == 302
    assert post_form(client, url, {**base, "version": "2", "interaction_row": ""}).status_code == 302
    with read():
        assert db.session.scalar(select(MonitoringIndicator.interaction_row_id)) is None
