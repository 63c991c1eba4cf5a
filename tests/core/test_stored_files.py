"""The four places that store uploaded files — agreement scans, project documents, event report photos, bank
files — take them through core/stored_files.accept_file: the same content checks, the same clean name, and send
them back through core/stored_files.send_stored_file (RFC 5987 name, sandbox, private no-store)."""
from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from sqlalchemy import select

from tests.bank.test_hostile_files import upload
from tests.fixtures import hostile
from workspace.agreements.models import AgreementFile
from workspace.bank.models import MaterialFile
from workspace.extensions import db
from workspace.plans.report_models import EventFile
from workspace.projects.models import ProjectDocument

SENT = "..\\..\\Скан договора\x07.pdf"
KEPT = "Скан договора.pdf"
PDF = b"%PDF-1.7\n" + b"0" * 64


@pytest.fixture
def places(make):
    school = make.institution("СОШ №31", slug="school")
    library = make.institution("Библиотека", kind="library", slug="library")
    network = make.network(school, name="Сеть", slug="net")
    make.member(network, library, "social_partner")
    agreement = make.agreement(network, [school, library], status="active")
    project = make.project(network, school, "Проект")
    plan = make.plan(network, 2026)
    item = make.item(make.section(plan, "Раздел библиотеки", library), "Библиосумерки", "октябрь")
    make.report(item, date(2026, 10, 15))
    material = make.material(network, school, "Урок")
    report = f"/n/net/plans/{plan.id}/items/{item.id}/report"
    return {
        "coordinator": make.user(school, "coordinator"),
        "agreement scan": (f"/n/net/agreements/{agreement.id}", "/files", AgreementFile,
                           lambda stored: f"/n/net/agreements/{agreement.id}/files/{stored}"),
        "project document": (f"/n/net/projects/{project.id}", "/documents", ProjectDocument,
                             lambda stored: f"/n/net/projects/{project.id}/documents/{stored}"),
        "event report photo": (report, "/files", EventFile, lambda stored: f"{report}/files/{stored}"),
        "bank file": (f"/n/net/bank/{material.id}", "/files", MaterialFile,
                      lambda stored: f"/n/net/bank/{material.id}/files/{stored}"),
    }


PLACES = ("agreement scan", "project document", "event report photo", "bank file")


@pytest.mark.parametrize("place", PLACES)
def test_every_upload_place_cleans_the_name_and_sends_it_back_privately(client, places, login_as, read, place):
    page, tail, model, download = places[place]
    login_as(places["coordinator"])

    response = upload(client, page + tail, page, PDF, SENT)

    assert response.status_code == 302, response.get_data(as_text=True)
    with read():
        stored_id, filename = db.session.execute(select(model.id, model.filename)).one()
    assert filename == KEPT
    sent = client.get(download(stored_id))
    assert sent.status_code == 200 and sent.data == PDF
    assert sent.headers["Content-Disposition"] == (
        f"attachment; filename=\"file.pdf\"; filename*=UTF-8''{quote(KEPT, safe='')}")
    assert sent.headers["Cache-Control"] == "private, no-store"
    assert "sandbox" in sent.headers["Content-Security-Policy"]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", ["XXE", "renamed binary", "truncated zip"])
def test_every_upload_place_refuses_hostile_files(client, places, login_as, read, place, kind):
    page, tail, model, _download = places[place]
    login_as(places["coordinator"])
    content = {"XXE": hostile.xxe, "renamed binary": hostile.renamed_binary, "truncated zip": hostile.truncated}[kind]()

    response = upload(client, page + tail, page, content, "скан.pdf")

    assert response.status_code == 422
    assert "Принимаются" in response.get_data(as_text=True) or "Файл" in response.get_data(as_text=True)
    with read():
        assert db.session.scalars(select(model.id)).all() == []
