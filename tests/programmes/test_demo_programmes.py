"""The demo shows the programmes area with realistic content from each side."""
from __future__ import annotations

from tests.conftest import login
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import load_demo
from workspace.extensions import db


def test_demo_programmes_requests_timetable_and_registry(app, client):
    with app.app_context():
        load_demo()
        db.session.commit()
    login(client, "metodist@cdo-koshekhabl.example", DEMO_PASSWORD)
    listing = client.get("/n/koshekhabl-set/programmes/").get_data(as_text=True)
    assert "Робототехника" in listing and "Юный эколог" in listing
    inbox = client.get("/n/koshekhabl-set/programmes/requests").get_data(as_text=True)
    assert "МБОУ СОШ №8" in inbox
    load = client.get("/n/koshekhabl-set/programmes/load").get_data(as_text=True)
    assert "Казанова Мадина Юрьевна" in load and "Согласовано" in load
    school = app.test_client()
    login(school, "zam.vr@sosh8.example", DEMO_PASSWORD)
    assert "Робототехника" in school.get("/i/sosh8/enrollment/timetable").get_data(as_text=True)
    assert "Тхагапсоев Амир" in school.get("/i/sosh8/enrollment/applications?status=new").get_data(as_text=True)
    assert "Всего: 22" in school.get("/i/sosh8/pupils/").get_data(as_text=True)
    catalog = app.test_client().get("/public/n/sosh31-kultura/programmes").get_data(as_text=True)
    assert "Театральная студия «Маска»" in catalog
