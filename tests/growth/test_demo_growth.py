"""The demo: a pupil of СОШ №8 learns in the groups of two providers, and the portfolio shows achievements entered by
both and by the school itself (the issue's «done means»); each provider reads only what it recorded; the school's
flags stay inside it."""
from __future__ import annotations

from sqlalchemy import select

from tenants.scoping import unscoped
from tests.conftest import login
from workspace.core.dates import AcademicYear
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import load_demo
from workspace.extensions import db
from workspace.growth.models import Achievement, PupilFlag
from workspace.programmes.models import Group, Programme

LOAD_DAY = AcademicYear.current().date_of(12, 4)
ROBOTS = "Победитель муниципальных соревнований по робототехнике «РобоФест»"
HACKATHON = "Призёр регионального хакатона «IT-старт»"
OLYMPIAD = "Победитель школьного этапа всероссийской олимпиады по информатике"


def _client(app, email):
    client = app.test_client()
    login(client, email, DEMO_PASSWORD)
    return client


def test_a_demo_portfolio_shows_achievements_of_two_providers_and_the_school(app):
    with app.app_context():
        load_demo(today=LOAD_DAY)
        db.session.commit()
        with unscoped():
            pupil_id = db.session.scalar(select(Achievement.pupil_id).where(Achievement.title == HACKATHON))
            recorded = db.session.execute(select(Achievement.title, Achievement.recorded_by_institution_id)
                                          .where(Achievement.pupil_id == pupil_id)).all()
            groups = {name: (programme_id, group_id) for name, programme_id, group_id in db.session.execute(
                select(Group.name, Programme.id, Group.id).join(Programme, Programme.id == Group.programme_id))}
            flag_note = db.session.scalar(select(PupilFlag.note).where(PupilFlag.pupil_id == pupil_id))
    assert {title for title, _by in recorded} == {ROBOTS, HACKATHON, OLYMPIAD}
    assert len({by for _title, by in recorded}) == 3  # two providers and the school
    school = _client(app, "zam.vr@sosh8.example")
    page = school.get(f"/i/sosh8/growth/pupils/{pupil_id}").get_data(as_text=True)
    assert "Панеш Тимур Нальбиевич" in page and "3 достижения" in page
    assert "внесли: МБОУ ДО ЦДО, МБОУ СОШ №8, Центр IT-образования" in page
    for title in (ROBOTS, HACKATHON, OLYMPIAD, flag_note):
        assert title in page, title
    robots = "/n/koshekhabl-set/growth/programmes/{}/groups/{}/achievements".format(*groups["Робототехника, группа 1"])
    python = "/n/koshekhabl-set/growth/programmes/{}/groups/{}/achievements".format(*groups["Python, группа 1"])
    cdo = _client(app, "metodist@cdo-koshekhabl.example")
    page = cdo.get(robots).get_data(as_text=True)
    assert ROBOTS in page and HACKATHON not in page and OLYMPIAD not in page and flag_note not in page
    assert cdo.get(python).status_code == 403
    it = _client(app, "direktor@it-cube.example")
    page = it.get(python).get_data(as_text=True)
    assert HACKATHON in page and ROBOTS not in page and flag_note not in page
