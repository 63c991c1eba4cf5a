"""The demo shows a live chronicle: the August council meetings, and the reports (with a photo) of the plan's
events whose dates are already past; the search finds the demo's people and events."""
from __future__ import annotations

from tests.conftest import login
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import load_demo
from workspace.extensions import db


def test_demo_chronicle_and_search(app, client):
    with app.app_context():
        load_demo()
        db.session.commit()
    login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    network = client.get("/n/sosh31-kultura/chronicle").get_data(as_text=True)
    assert "Заседание совета № 1" in network and "кабинет директора" in network
    institution = client.get("/i/sosh31/chronicle").get_data(as_text=True)
    assert "Читающий Новокузнецк" in institution       # the second network of the school
    if "Мероприятие проведено" in network:              # events of this academic year already past
        assert '<img src="/n/sosh31-kultura/plans/' in network
    found = client.get("/i/sosh31/search?q=БИБЛИО").get_data(as_text=True)
    assert "Библиосумерки" in found and "МБУ «МИБС»" in found
