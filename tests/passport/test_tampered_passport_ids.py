"""Ids of another network's passport and stages, tampered into the URLs the base's coordinator may use: 404 like
a missing one, and nothing changes."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import post_form
from tests.council.test_approval_flow import _as
from tests.passport.helpers import build, passport_url
from workspace.extensions import db
from workspace.passport.models import PassportStage, PassportStatus, ProgrammePassport


def test_another_networks_passport_and_stages_answer_404(client, make, read, csrf_off):
    c = build(make)
    make.passport(c.network, stages=(("Свой этап", None, None, ""),))
    other = build(make, slug="chuzhaya")
    foreign = make.passport(other.network, name="Чужой паспорт", stages=(("Чужой этап", None, None, ""),))
    foreign_stage = make.passport_stage_of(foreign)
    _as(client, c.coordinator)
    council = f"/n/{c.network.slug}/council/approvals/passport"
    for bad in (foreign.id, 999999):
        for url in (f"{council}/{bad}", f"{council}/{bad}/submit", f"{council}/{bad}/amend"):
            assert client.get(url).status_code == 404, url
        assert client.post(f"{council}/{bad}/submit", data={"comment": "x"}).status_code == 404
        assert client.post(f"{council}/{bad}/amend").status_code == 404
    for bad in (foreign_stage.id, 999999):
        for url in (f"stages/{bad}/edit", f"stages/{bad}/delete"):
            assert client.get(passport_url(c, url)).status_code == 404, url
        assert client.post(passport_url(c, f"stages/{bad}/edit"), data={"title": "Взлом"}).status_code == 404
        assert client.post(passport_url(c, f"stages/{bad}/move"), data={"direction": "up"}).status_code == 404
        assert client.post(passport_url(c, f"stages/{bad}/delete")).status_code == 404
    # the other network itself is not reachable by a user who is not its member
    assert client.get(passport_url(other)).status_code == 404
    assert client.get(passport_url(other, "passport.docx")).status_code == 404
    with read():
        assert db.session.scalar(select(PassportStage.title).where(PassportStage.id == foreign_stage.id)) == "Чужой этап"
        assert db.session.scalar(select(ProgrammePassport.status).where(ProgrammePassport.id == foreign.id)) \
            == PassportStatus.DRAFT


def test_the_form_cannot_name_another_networks_passport(client, make, read):
    """The passport is the URL's network's: a posted network or passport id is not a field of the form."""
    c = build(make)
    other = build(make, slug="chuzhaya")
    foreign = make.passport(other.network, name="Чужой паспорт")
    _as(client, c.coordinator)
    from tests.passport.helpers import PASSPORT_FORM
    response = post_form(client, passport_url(c, "edit"), {**PASSPORT_FORM, "network_id": other.network.id,
                                                           "passport_id": foreign.id, "id": foreign.id})
    assert response.status_code == 302
    with read():
        rows = db.session.execute(select(ProgrammePassport.network_id, ProgrammePassport.name)
                                  .order_by(ProgrammePassport.id)).all()
    assert rows == [(other.network.id, "Чужой паспорт"), (c.network.id, "Культура рядом")]
