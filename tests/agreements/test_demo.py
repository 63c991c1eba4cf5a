"""The demo shows the agreement area: one in force, one on signing, one ending within 30 days."""
from __future__ import annotations

from tests.conftest import login
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import load_demo
from workspace.extensions import db


def test_demo_agreements_reach_the_pages_and_the_desk(app, client):
    with app.app_context():
        load_demo()
        db.session.commit()
    login(client, "direktor@mibs.example", DEMO_PASSWORD)
    desk = client.get("/i/mibs/").get_data(as_text=True)
    assert "Договор о сотрудничестве МБОУ «СОШ №31» и МБУ «МИБС»" in desk and "ждёт принятия" in desk
    listing = client.get("/n/sosh31-kultura/agreements/").get_data(as_text=True)
    assert "На подписании" in listing and "Театральная гостиная" in listing
    public = client.get("/public/n/koshekhabl-set/agreements").get_data(as_text=True)
    assert "«Робототехника»" in public and "Действует" in public
    school = app.test_client()
    login(school, "zam.vr@sosh31.example", DEMO_PASSWORD)
    assert "Театральная гостиная" in school.get("/i/sosh31/").get_data(as_text=True)  # ends within 30 days
