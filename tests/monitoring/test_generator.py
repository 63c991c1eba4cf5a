"""The city generator fills the monitoring: indicators and a survey with answers per network."""
from __future__ import annotations

from sqlalchemy import func, select

from tenants.models import Network
from tenants.scoping import unscoped
from tests.conftest import login
from tests.core.test_generator import _generate, fresh_app  # noqa: F401  (fixture)
from workspace.extensions import db
from workspace.generator import BENCH_LOGINS, BENCH_PASSWORD, SCALES
from workspace.monitoring.models import MonitoringIndicator, MonitoringValue
from workspace.surveys.models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse


def test_demo_scale_fills_the_monitoring_and_the_dashboard_opens(fresh_app):  # noqa: F811
    app = fresh_app()
    assert _generate(app).exit_code == 0
    networks = SCALES["demo"].networks
    with app.app_context(), unscoped():
        def count(model):
            return db.session.scalar(select(func.count()).select_from(model))
        assert count(MonitoringIndicator) == 6 * networks and count(MonitoringValue) == 6 * networks
        assert count(Survey) == networks and count(SurveyQuestion) == 4 * networks
        assert count(SurveyResponse) == 10 * networks and count(SurveyAnswer) >= 2 * count(SurveyResponse)
        slug = db.session.scalar(select(Network.slug).order_by(Network.id))
    client = app.test_client()
    login(client, BENCH_LOGINS["coordinator"], BENCH_PASSWORD)
    page = client.get(f"/n/{slug}/monitoring/")
    assert page.status_code == 200 and "Удовлетворённость по анкетам" in page.get_data(as_text=True)
    assert client.get("/i/school-001/monitoring/").status_code == 200
